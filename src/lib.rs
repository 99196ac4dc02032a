//! yoshiki: applicant data in TOML → print-ready PDFs of Japanese grant application forms.
//!
//! The pipeline, one module a step: [`load`] (text → typed data, located errors) → [`forms`]
//! (each form's checks and computed values) → [`typeset`] (Typst, embedded) → [`output`]
//! (safe names, atomic writes). [`cli`] is the command line on top.

pub mod batch;
pub mod cli;
pub mod deliver;
pub mod diag;
pub mod figures;
pub mod forms;
pub mod keypath;
pub mod limits;
pub mod load;
pub mod model;
pub mod output;
pub mod program;
pub mod review;
pub mod starter;
pub mod text;
pub mod typeset;
pub mod values;
pub mod wareki;

use std::collections::HashSet;
use std::path::Path;

use diag::{Diagnostic, Finding, Severity};
use forms::{Document, FormInfo};
use keypath::KeyPath;
use load::Loaded;
use program::Programs;

/// An applicant file, loaded and checked: what `check` prints and `render` typesets.
#[derive(Debug)]
pub struct Prepared {
    pub loaded: Loaded,
    /// Errors, warnings and notes, located in the file, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Computed figures and the rules they were held against, per form.
    pub summary: Vec<String>,
    pub documents: Vec<Document>,
}

impl Prepared {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and checks applicant data. `only` restricts to the named forms (empty: every form whose
/// section is present). `Err` when the file does not even load.
pub fn prepare(file: &Path, bytes: &[u8], only: &[String]) -> Result<Prepared, Vec<Diagnostic>> {
    let loaded = load::load_bytes(file, bytes)?;
    let mut findings: Vec<Finding> = text::check(loaded.spans.strings());
    findings.extend(limits::check(loaded.spans.strings()));
    let mut summary = Vec::new();
    let mut documents = Vec::new();
    for (form, assessment) in forms::assess(&loaded.data, Programs::current()) {
        if !only.is_empty() && !only.iter().any(|name| name == form.name) {
            continue;
        }
        findings.extend(assessment.findings);
        summary.extend(assessment.summary);
        documents.extend(assessment.documents);
    }
    if documents.is_empty() && !findings.iter().any(|f| f.severity == Severity::Error) {
        findings.push(
            Finding::error(KeyPath::root(), "印刷する様式がありません")
                .with_help(format!("様式の表を書いてください: {}", section_list(only))),
        );
    }
    // The same finding from two forms (e.g. the applicant's empty name) is reported once.
    let mut seen = HashSet::new();
    findings.retain(|f| seen.insert((f.key.clone(), f.message.clone())));
    let mut diagnostics: Vec<Diagnostic> =
        findings.into_iter().map(|f| loaded.diagnostic(f)).collect();
    diagnostics.sort_by_key(|d| {
        (
            d.position.map(|p| (p.line, p.column)),
            std::cmp::Reverse(d.severity),
        )
    });
    Ok(Prepared {
        loaded,
        diagnostics,
        summary,
        documents,
    })
}

fn section_list(only: &[String]) -> String {
    forms::ALL
        .iter()
        .filter(|f| only.is_empty() || only.iter().any(|n| n == f.name))
        .map(|f| format!("[{}]（{}）", f.section, f.title))
        .collect::<Vec<_>>()
        .join("、")
}

/// A typeset PDF, not yet written.
#[derive(Debug)]
pub struct RenderedPdf {
    pub form: &'static FormInfo,
    /// A safe file name, unique among the applicant's PDFs.
    pub name: String,
    pub pdf: Vec<u8>,
    /// Time spent compiling and exporting it.
    pub time: typeset::Timing,
}

/// Every PDF of a checked applicant, typeset, and the warnings Typst gave.
#[derive(Debug)]
pub struct Rendered {
    pub pdfs: Vec<RenderedPdf>,
    pub warnings: Vec<Diagnostic>,
}

/// Typesets every document of a checked applicant. All or nothing: if one document fails,
/// no PDF of this applicant is returned.
pub fn typeset_all(prepared: &Prepared) -> Result<Rendered, Vec<Diagnostic>> {
    let applicant = prepared.loaded.data.applicant.name.trim();
    let mut names = HashSet::new();
    let mut rendered = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for document in &prepared.documents {
        match typeset::typeset(document) {
            Ok(done) => {
                let base = output::pdf_name(
                    applicant,
                    document.form.title,
                    document.distinguisher.as_deref(),
                );
                let name = unique_name(&base, &mut names);
                warnings.extend(typeset_warnings(prepared, document, &done.warnings));
                rendered.push(RenderedPdf {
                    form: document.form,
                    name,
                    pdf: done.pdf,
                    time: done.time,
                });
            }
            Err(problem) => errors.push(
                prepared
                    .loaded
                    .diagnostic(problem_finding(document, problem)),
            ),
        }
    }
    if errors.is_empty() {
        Ok(Rendered {
            pdfs: rendered,
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// Typst's warnings about a document, located at the form's section.
pub(crate) fn typeset_warnings(
    prepared: &Prepared,
    document: &Document,
    warnings: &[String],
) -> Vec<Diagnostic> {
    warnings
        .iter()
        .map(|w| {
            let finding = Finding::warning(
                KeyPath::root().key(document.form.section),
                format!("組版の警告（{}）: {w}", document.form.title),
            );
            prepared.loaded.diagnostic(finding)
        })
        .collect()
}

pub(crate) fn problem_finding(document: &Document, problem: typeset::Problem) -> Finding {
    let key = KeyPath::root().key(document.form.section);
    match problem {
        typeset::Problem::Overflow { pages } => Finding::error(
            key,
            format!(
                "{} が 1 ページに収まりません（{pages} ページになります）",
                document.form.title
            ),
        )
        .with_help("長すぎる欄を短くしてください"),
        typeset::Problem::Template(lines) => Finding::error(
            key,
            format!(
                "{} の組版に失敗しました。入力ではなく yoshiki の不具合です: {}",
                document.form.title,
                lines.join(" / ")
            ),
        )
        .with_help("この出力を添えて開発者に報告してください"),
    }
}

/// `name.pdf`, or `name_2.pdf`, … when an earlier document of the applicant took the name.
pub(crate) fn unique_name(base: &str, taken: &mut HashSet<String>) -> String {
    let stem = base.trim_end_matches(".pdf");
    let mut name = base.to_owned();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}_{n}.pdf");
        n += 1;
    }
    name
}
