//! Loading an applicant file: bytes → text → TOML → [`ApplicantFile`], with every structural
//! problem (syntax, wrong type, missing key, unknown key) turned into a located diagnostic.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Finding, Position, Severity, file_problem};
use crate::keypath::{KeyPath, Segment};
use crate::model::ApplicantFile;

/// Larger files are refused before parsing: an applicant file is a few KB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// An applicant file that parsed and has the right shape.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: PathBuf,
    /// The text as parsed (BOM stripped, NFC), which all positions refer to.
    pub source: String,
    pub data: ApplicantFile,
    pub spans: SpanMap,
}

impl Loaded {
    /// Locates a check's finding in the file.
    pub fn diagnostic(&self, finding: Finding) -> Diagnostic {
        let span = self.spans.locate(&finding.key);
        Diagnostic {
            severity: finding.severity,
            file: self.file.clone(),
            position: span.as_ref().map(|s| position(&self.source, s.start)),
            span,
            key: finding.key,
            message: finding.message,
            help: finding.help,
        }
    }
}

/// Reads and parses one applicant file. `Err` holds the diagnostics (at least one error).
pub fn load_file(file: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = std::fs::read(file).map_err(|e| {
        vec![file_problem(
            file,
            format!("ファイルを読めません: {}", io_reason(&e)),
        )]
    })?;
    load_bytes(file, &bytes)
}

/// Parses applicant data already in memory; `file` names it in diagnostics.
pub fn load_bytes(file: &Path, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![file_problem(
            file,
            format!(
                "ファイルが大きすぎます ({} バイト)。申請者ファイルは {} バイトまでです",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )]);
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![file_problem(
            file,
            format!(
                "UTF-8 として読めません（{} バイト目）。ファイルを UTF-8 で保存してください",
                e.valid_up_to() + 1
            ),
        )]
    })?;
    let source: String = text.nfc().collect();

    let located = |span: Option<Range<usize>>, key: KeyPath, message: String, help| Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: span.as_ref().map(|s| position(&source, s.start)),
        span,
        key,
        message,
        help,
    };

    let root = DeTable::parse(&source).map_err(|e| {
        let written = e.span().and_then(|span| source.get(span)).unwrap_or("");
        let (message, help) = syntax_message(e.message(), written);
        vec![located(e.span(), KeyPath::root(), message, help)]
    })?;
    let spans = SpanMap::build(&root);

    // A starter file's placeholders (`yoshiki init`) left unfilled: every one, with its line.
    let mut unfilled: Vec<Diagnostic> = spans
        .strings()
        .iter()
        .filter(|(_, text)| text.starts_with(crate::starter::PLACEHOLDER))
        .map(|(key, text)| {
            located(
                spans.locate(key),
                key.clone(),
                "まだ記入されていません".to_owned(),
                Some(format!("{text} を実際の値に書き換えてください")),
            )
        })
        .collect();
    if !unfilled.is_empty() {
        unfilled.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        return Err(unfilled);
    }

    let deserializer = toml::de::Deserializer::from(root);
    let data = serde_path_to_error::deserialize::<_, ApplicantFile>(deserializer).map_err(|e| {
        let key = KeyPath::parse(&e.path().to_string());
        let inner = e.inner();
        let (message, help) = shape_message(inner.message());
        // toml points at the offending value; when it cannot, the nearest known key will do.
        let span = inner.span().or_else(|| spans.locate(&key));
        vec![located(span, key, message, help)]
    })?;

    Ok(Loaded {
        file: file.to_path_buf(),
        source: source.clone(),
        data,
        spans,
    })
}

/// Byte spans of every key path in the file, for locating checks' findings, and every text value
/// with its key (all of them may be printed, so all are checked for printable characters).
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    spans: HashMap<KeyPath, Range<usize>>,
    strings: Vec<(KeyPath, String)>,
}

impl SpanMap {
    fn build(root: &toml::Spanned<DeTable<'_>>) -> Self {
        let mut map = Self::default();
        walk_table(root.get_ref(), &KeyPath::root(), &mut map);
        map
    }

    /// Every text value of the file with its key path, in file order.
    pub fn strings(&self) -> &[(KeyPath, String)] {
        &self.strings
    }

    /// The span of `key`, or of its nearest ancestor present in the file (for a missing key).
    pub fn locate(&self, key: &KeyPath) -> Option<Range<usize>> {
        let mut segments = key.segments().to_vec();
        loop {
            let path = path_of(&segments);
            if let Some(span) = self.spans.get(&path) {
                return Some(span.clone());
            }
            segments.pop()?;
        }
    }
}

fn path_of(segments: &[Segment]) -> KeyPath {
    segments
        .iter()
        .fold(KeyPath::root(), |path, segment| match segment {
            Segment::Key(k) => path.key(k),
            Segment::Index(i) => path.index(*i),
        })
}

fn walk_table(table: &DeTable<'_>, base: &KeyPath, map: &mut SpanMap) {
    for (key, value) in table {
        let path = base.key(key.get_ref());
        // A table's own span can cover its whole body; its key is the precise place to point at.
        let span = match value.get_ref() {
            DeValue::Table(_) | DeValue::Array(_) => key.span(),
            _ => value.span(),
        };
        map.spans.insert(path.clone(), span);
        walk_value(value.get_ref(), &path, map);
    }
}

fn walk_value(value: &DeValue<'_>, path: &KeyPath, map: &mut SpanMap) {
    match value {
        DeValue::Table(table) => walk_table(table, path, map),
        DeValue::String(text) => map.strings.push((path.clone(), text.to_string())),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = path.index(i);
                map.spans.insert(item_path.clone(), item.span());
                walk_value(item.get_ref(), &item_path, map);
            }
        }
        _ => {}
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position(source: &str, offset: usize) -> Position {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "見つかりません".to_owned(),
        std::io::ErrorKind::PermissionDenied => "読み取りの権限がありません".to_owned(),
        _ => e.to_string(),
    }
}

/// A TOML syntax error in Japanese, keeping toml's own detail as the hint.
fn syntax_message(detail: &str, written: &str) -> (String, Option<String>) {
    let detail = detail.trim().replace('\n', " / ");
    if detail.contains("invalid date") {
        return (
            format!("{written} は存在しない日付です"),
            Some(format!("TOML パーサーの説明: {detail}")),
        );
    }
    let message = if detail.contains("duplicate key") {
        "同じキー（または表）が二度書かれています（TOML では一つの表に同じキーは一度だけです）"
    } else if detail.contains("invalid basic string") || detail.contains("invalid literal string") {
        "文字列が閉じられていません（終わりの引用符がありません）"
    } else if detail.contains("unterminated") || detail.contains("missing closing") {
        "文字列や配列が閉じられていません"
    } else {
        "TOML の書式が正しくありません"
    };
    (
        message.to_owned(),
        Some(format!("TOML パーサーの説明: {detail}")),
    )
}

/// A shape error (type, missing or unknown key, bad value) in Japanese.
///
/// serde words these messages the same way for every format; the wording is stable.
fn shape_message(detail: &str) -> (String, Option<String>) {
    let detail = detail.trim();
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let help = suggestion(&name, &expected).map_or_else(
            || format!("使えるキー: {}", expected.join(", ")),
            |near| {
                format!(
                    "`{near}` の書き間違いではありませんか？ 使えるキー: {}",
                    expected.join(", ")
                )
            },
        );
        return (format!("不明なキー `{name}` です"), Some(help));
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let help = suggestion(&name, &expected).map_or_else(
            || format!("使える値: {}", expected.join(", ")),
            |near| {
                format!(
                    "\"{near}\" ではありませんか？ 使える値: {}",
                    expected.join(", ")
                )
            },
        );
        return (format!("\"{name}\" は使えない値です"), Some(help));
    }
    if let Some(rest) = detail.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return (
            format!("必須のキー `{name}` がありません"),
            Some(format!("`{name} = …` を書いてください")),
        );
    }
    // toml reads an integer beyond 64 bits as i128 and then cannot fit it.
    if let Some((_, rest)) = detail.split_once("integer `")
        && let Some((number, _)) = rest.split_once("` as i128")
    {
        return (
            format!("数が大きすぎます: {number}"),
            Some(format!("扱える整数は {} までです", i64::MAX)),
        );
    }
    for (prefix, what) in [
        ("invalid type: ", "型が違います"),
        ("invalid value: ", "値が範囲外です"),
    ] {
        if let Some((found, expected)) = detail
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        {
            let (found, expected) = (found_ja(found), expected_ja(expected));
            return (
                format!("{what}: {found} が書かれていますが、{expected} が必要です"),
                None,
            );
        }
    }
    if let Some(rest) = detail.strip_prefix("invalid length ") {
        return (format!("要素の数が違います ({rest})"), None);
    }
    if detail.is_ascii() {
        // A message of toml's own that we have no translation for: keep it, say what it is.
        return (
            "値を読み取れません".to_owned(),
            Some(format!("TOML パーサーの説明: {detail}")),
        );
    }
    // Our own messages (values.rs) are already in Japanese.
    (detail.to_owned(), None)
}

/// Splits "`nmae`, expected one of `name`, `address`" into the name and the expected list.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let expected = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|s| s.trim().trim_matches('`').to_owned())
        .filter(|s| !s.is_empty() && s != "nothing")
        .collect();
    (name.trim().trim_matches('`').to_owned(), expected)
}

/// The nearest known name, when it is near enough to be a typo.
fn suggestion(name: &str, expected: &[String]) -> Option<String> {
    let lower = name.to_lowercase();
    expected
        .iter()
        .map(|candidate| {
            let distance = strsim::levenshtein(&lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.clone())
}

fn found_ja(found: &str) -> String {
    let words = [
        ("string ", "文字列 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "真偽値 "),
    ];
    for (en, ja) in words {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{ja}{rest}");
        }
    }
    match found {
        "map" => "表".to_owned(),
        "sequence" => "配列".to_owned(),
        _ => found.to_owned(),
    }
}

fn expected_ja(expected: &str) -> String {
    match expected {
        "a string" => "文字列（\"…\" で囲む）".to_owned(),
        "a sequence" => "配列（[[…]] の表の並び、または [ … ]）".to_owned(),
        "a boolean" => "真偽値（true / false）".to_owned(),
        "u32" | "u64" | "i32" | "i64" | "u16" | "u8" => "整数".to_owned(),
        "a TOML datetime" | "a datetime" => "引用符なしの日付（例: 2025-03-01）".to_owned(),
        e if e.starts_with("struct ") || e == "a map" => "表（[…] または { … }）".to_owned(),
        e if e.starts_with("enum ") => "決められた文字列のどれか".to_owned(),
        e => e.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nname = \"株式会社\"\n";
        let offset = text.find('"').unwrap();
        assert_eq!(position(text, offset), Position { line: 2, column: 8 });
        let after_kanji = text.find("会").unwrap();
        assert_eq!(position(text, after_kanji).column, 11);
    }

    #[test]
    fn suggests_the_nearest_key_only_when_it_is_near() {
        let keys: Vec<String> = ["name", "address", "representative_name"]
            .map(String::from)
            .into();
        assert_eq!(suggestion("nmae", &keys).as_deref(), Some("name"));
        assert_eq!(suggestion("adress", &keys).as_deref(), Some("address"));
        assert_eq!(suggestion("zzzzzzzz", &keys), None);
    }

    #[test]
    fn translates_serde_wording() {
        let (m, h) = shape_message("unknown field `nmae`, expected one of `name`, `address`");
        assert_eq!(m, "不明なキー `nmae` です");
        assert!(h.unwrap().contains("`name` の書き間違い"));
        let (m, _) = shape_message("missing field `address`");
        assert_eq!(m, "必須のキー `address` がありません");
        let (m, _) = shape_message(
            "invalid type: string \"abc\", expected 0 以上の整数の金額（円、例: 300_000_000）",
        );
        assert!(m.starts_with("型が違います: 文字列 \"abc\""), "{m}");
    }
}
