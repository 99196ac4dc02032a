//! Loading an applicant file: bytes → text → TOML → [`ApplicantFile`], with every structural
//! problem (syntax, wrong type, missing key, unknown key) turned into a located diagnostic.

mod messages;
mod spans;

pub(crate) use messages::suggestion;
pub(crate) use spans::{SpanMap, position};

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::DeTable;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Finding, Severity, file_problem};
use crate::keypath::KeyPath;
use crate::model::ApplicantFile;
use messages::{shape_message, syntax_message};

/// Larger files are refused before parsing: an applicant file is a few KB.
pub(crate) const MAX_FILE_BYTES: usize = 1024 * 1024;

/// An applicant file that parsed and has the right shape.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub file: PathBuf,
    /// The text as parsed (BOM stripped, NFC), which all positions refer to.
    pub source: String,
    pub data: ApplicantFile,
    pub spans: SpanMap,
}

impl Loaded {
    /// Locates a check's finding in the file.
    pub(crate) fn diagnostic(&self, finding: Finding) -> Diagnostic {
        let span = self.spans.locate(&finding.key);
        Diagnostic {
            severity: finding.severity,
            file: self.file.clone(),
            position: span.as_ref().map(|s| position(&self.source, s.start)),
            span,
            cell: None,
            key: finding.key,
            message: finding.message,
            help: finding.help,
        }
    }
}

/// The error for a file over [`MAX_FILE_BYTES`].
pub(crate) fn too_large(file: &Path, size: u64) -> Diagnostic {
    file_problem(
        file,
        format!(
            "ファイルが大きすぎます ({size} バイト)。申請者ファイルは {MAX_FILE_BYTES} バイトまでです"
        ),
    )
}

/// Parses applicant data already in memory; `file` names it in diagnostics.
pub(crate) fn load_bytes(file: &Path, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(file, bytes.len() as u64)]);
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
        cell: None,
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
