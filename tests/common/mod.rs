//! Helpers for the whole-program tests: run the binary, write applicant files, read PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs `yoshiki` with `args` from the repository root.
pub(crate) fn yoshiki(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("yoshiki runs")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files in `dir`, sorted by name.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text of a PDF, as a reader would copy it.
pub(crate) fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extracts")
}

/// The same text with every white space removed, for matching across line breaks and spacing.
pub(crate) fn pdf_text_compact(path: &Path) -> String {
    pdf_text(path)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The applicant file of the STS fixture with `replace` applied, written into `dir`.
pub(crate) fn variant(dir: &Path, name: &str, base: &str, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `text` with white space removed, as [`pdf_text_compact`] gives a PDF's text.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A shared page of the product definition, when it is beside the repository (it is in CI).
/// CI always has it, so there a missing page is a failure, never a silent skip.
fn shared(path: &str) -> Option<String> {
    let text = std::fs::read_to_string(root().join("../shared").join(path)).ok();
    assert!(
        text.is_some() || std::env::var_os("CI").is_none(),
        "../shared/{path} is missing"
    );
    text
}

/// A form's fixed text is the spec's own wording: a typo in a template or a test fails here.
pub(crate) fn assert_in_spec(fixed: &str) {
    if let Some(spec) = shared("spec/forms.md") {
        assert!(
            compact(&spec).contains(&compact(fixed)),
            "{fixed:?} is not in spec/forms.md"
        );
    }
}

/// Verbatim text from a seed (the OCR of the official guide).
pub(crate) fn assert_in_seed(seed: &str, fixed: &str) {
    if let Some(text) = shared(&format!("seeds/{seed}")) {
        assert!(
            compact(&text).contains(&compact(fixed)),
            "{fixed:?} is not in seed {seed}"
        );
    }
}

/// The embedded templates and program definitions, built once for the whole test binary.
pub(crate) fn context() -> &'static yoshiki::Context {
    static CONTEXT: std::sync::LazyLock<yoshiki::Context> =
        std::sync::LazyLock::new(yoshiki::Context::embedded);
    &CONTEXT
}

/// One PDF per document, as `yoshiki render` writes them.
pub(crate) const PDF: yoshiki::Delivery = yoshiki::Delivery {
    format: yoshiki::Format::Pdf,
    packet: false,
    standard: None,
};

/// Runs the one render path in-process on `bytes` (named `file` in its diagnostics), for the
/// forms named (none: every form).
pub(crate) fn run_bytes(file: &Path, bytes: &[u8], forms: &[&str]) -> yoshiki::Outcome {
    let request = yoshiki::Request::pdfs(
        forms
            .iter()
            .map(|name| yoshiki::forms::find(name).expect("a form name"))
            .collect(),
    );
    yoshiki::render_applicant(context(), file, bytes, &request)
}

/// [`run_bytes`] on a fixture with `edits` applied (`(from, to)`, each from found once), named
/// `name` in its diagnostics.
pub(crate) fn run_variant(name: &str, base: &str, edits: &[(&str, &str)]) -> yoshiki::Outcome {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    run_bytes(Path::new(name), text.as_bytes(), &[])
}

/// Every diagnostic of an outcome, one line each, as `render` prints them.
pub(crate) fn messages(outcome: &yoshiki::Outcome) -> String {
    outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of a PDF in memory, white space removed.
pub(crate) fn pdf_bytes_text_compact(bytes: &[u8]) -> String {
    compact(&pdf_extract::extract_text_from_mem(bytes).expect("PDF text extracts"))
}
