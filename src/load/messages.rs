//! What TOML's and serde's English messages mean, in Japanese: the message a person reads,
//! with the parser's own words kept as a hint.

pub(super) use super::slips::slip_in_quotes;

/// A TOML syntax error in Japanese: a usual slip of Japanese typing said with its fix, else
/// what the parser means; toml's own words follow as a hint, never lead.
pub(super) fn syntax_message(
    detail: &str,
    source: &str,
    span: Option<std::ops::Range<usize>>,
) -> (String, Option<String>) {
    let detail = detail.trim().replace('\n', " / ");
    let at = span.as_ref().map_or(0, |s| s.start.min(source.len()));
    let written = span
        .as_ref()
        .and_then(|span| source.get(span.clone()))
        .unwrap_or("");
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    if let Some((message, fixed)) = super::slips::in_line(&source[line_start..line_end]) {
        return (
            message,
            Some(format!(
                "{fixed} と書いてください（TOML パーサーの説明: {detail}）"
            )),
        );
    }
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
pub(super) fn shape_message(detail: &str) -> (String, Option<String>) {
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
pub(crate) fn suggestion(name: &str, expected: &[String]) -> Option<String> {
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
