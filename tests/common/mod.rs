//! Helpers for the whole-program tests: run the binary, write applicant files, read PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Runs `yoshiki` with `args` from the repository root.
pub fn yoshiki(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("yoshiki runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The files in `dir`, sorted by name.
pub fn files_in(dir: &Path) -> Vec<String> {
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
pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    pdf_extract::extract_text_from_mem(&bytes).expect("PDF text extracts")
}

/// The same text with every white space removed, for matching across line breaks and spacing.
pub fn pdf_text_compact(path: &Path) -> String {
    pdf_text(path)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The applicant file of the STS fixture with `replace` applied, written into `dir`.
pub fn variant(dir: &Path, name: &str, base: &str, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}
