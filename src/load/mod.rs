//! Loading an applicant file: bytes → text → TOML → [`ApplicantFile`], with every structural
//! problem (syntax, wrong type, missing key, unknown key) turned into a located diagnostic.

mod messages;
mod placeholders;
mod slips;
mod spans;
mod validate;

pub(crate) use messages::suggestion;
pub(crate) use spans::{SpanMap, position};

use std::path::{Path, PathBuf};

use toml::de::DeTable;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Finding, Severity, file_problem};
use crate::keypath::KeyPath;
use crate::model::ApplicantFile;
use messages::{shape_message, syntax_message};
use validate::Problem;

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

/// The most problems one run reports; past it, a note says how many more there are.
const MAX_PROBLEMS: usize = 50;

/// Parses applicant data already in memory; `file` names it in diagnostics. `Err` holds every
/// problem found (at least one error), in file order.
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
    let locate = |problems: Vec<Problem>| located(file, &source, problems, MAX_PROBLEMS);

    let (root, syntax) = DeTable::parse_recoverable(&source);
    if !syntax.is_empty() {
        let problems = syntax
            .iter()
            .map(|e| {
                let (message, help) = syntax_message(e.message(), &source, e.span());
                Problem {
                    span: e.span(),
                    key: KeyPath::root(),
                    message,
                    help,
                }
            })
            .collect();
        return Err(locate(problems));
    }
    let spans = SpanMap::build(&root);
    // A starter's placeholders are its to-do list: every one is listed, however many.
    let unfinished = placeholders::unfinished(&spans, &source);
    if !unfinished.is_empty() {
        return Err(located(file, &source, unfinished, usize::MAX));
    }
    let problems = validate::validate(&root, &crate::schema::schema());
    if !problems.is_empty() {
        return Err(locate(problems));
    }

    // The schema found nothing; serde still has the last word.
    let deserializer = toml::de::Deserializer::from(root);
    let data = serde_path_to_error::deserialize::<_, ApplicantFile>(deserializer).map_err(|e| {
        let key = KeyPath::parse(&e.path().to_string());
        let inner = e.inner();
        let (message, help) = shape_message(inner.message());
        // toml points at the offending value; when it cannot, the nearest known key will do.
        let span = inner.span().or_else(|| spans.locate(&key));
        locate(vec![Problem {
            span,
            key,
            message,
            help,
        }])
    })?;
    Ok(Loaded {
        file: file.to_path_buf(),
        source,
        data,
        spans,
    })
}

/// Problems as diagnostics of `file`, in file order, at most `max` of them and a note saying how
/// many more there are.
fn located(file: &Path, source: &str, mut problems: Vec<Problem>, max: usize) -> Vec<Diagnostic> {
    problems.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    let total = problems.len();
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .take(max)
        .map(|p| Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: p.span.as_ref().map(|s| position(source, s.start)),
            span: p.span,
            cell: None,
            key: p.key,
            message: p.message,
            help: p.help,
        })
        .collect();
    if total > max {
        let mut more = file_problem(
            file,
            format!(
                "ほかに {} 件の誤りがあります（最初の {max} 件を表示しました）",
                total - max
            ),
        );
        more.severity = Severity::Note;
        diagnostics.push(more);
    }
    diagnostics
}
