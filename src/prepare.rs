//! Loading and checking one applicant file: what `check` prints and `render` typesets.

use std::collections::HashSet;
use std::path::Path;

use crate::context::Context;
use crate::diag::{Diagnostic, Finding};
use crate::forms::{self, Document, Figure, Form, FormInput};
use crate::keypath::KeyPath;
use crate::load::{self, Loaded};
use crate::{limits, text};

/// An applicant file, loaded and checked.
#[derive(Debug)]
pub struct Prepared {
    pub(crate) loaded: Loaded,
    /// Errors, warnings and notes, located in the file, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Computed figures and the rules they were held against, per form.
    pub summary: Vec<String>,
    /// The key figures of every form, in registry order.
    pub figures: Vec<Figure>,
    pub documents: Vec<Document>,
    /// The forms asked for (`--form`); none: every form whose section is present.
    pub(crate) only: Vec<&'static Form>,
    /// Every form whose section the file has, asked for or not: what its package is made of.
    pub(crate) present: Vec<&'static Form>,
}

impl Prepared {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The applicant's name as the forms print it.
    pub fn applicant(&self) -> &str {
        self.loaded.data.applicant.name.trim()
    }

    /// The file's text as it was parsed (BOM removed, NFC), which every position refers to.
    pub fn source(&self) -> &str {
        &self.loaded.source
    }
}

/// Loads and checks applicant data. `only` restricts to the named forms (empty: every form whose
/// section is present). `Err` when the file does not even load.
pub fn prepare(
    context: &Context,
    file: &Path,
    bytes: &[u8],
    only: &[&'static Form],
) -> Result<Prepared, Vec<Diagnostic>> {
    let loaded = load::load_bytes(file, bytes)?;
    let strings = loaded.spans.strings();
    let mut findings: Vec<Finding> = text::check(&context.assets, strings);
    findings.extend(limits::check(strings));
    findings.extend(forms::check_applicant(&loaded.data.applicant));
    let input = FormInput {
        file: &loaded.data,
        programs: &context.programs,
    };
    let mut summary = Vec::new();
    let mut figures = Vec::new();
    let mut documents = Vec::new();
    let mut assessed = Vec::new();
    let mut present = Vec::new();
    for (form, assessment) in forms::assess(&input) {
        present.push(form);
        if !only.is_empty() && !only.contains(&form) {
            continue;
        }
        assessed.push(form);
        figures.extend(assessment.collect_figures(form));
        findings.extend(assessment.findings);
        summary.extend(assessment.summary);
        documents.extend(assessment.documents);
    }
    // A form asked for by name whose section the file lacks would silently be missing.
    for form in only.iter().filter(|f| !assessed.contains(f)) {
        findings.push(
            Finding::error(
                KeyPath::root(),
                format!(
                    "--form {} が指定されましたが、このファイルに [{}]（{}）がありません",
                    form.name, form.section, form.title
                ),
            )
            .with_help(format!(
                "[{}] を書くか、--form {} を外してください",
                form.section, form.name
            )),
        );
    }
    if only.is_empty() && assessed.is_empty() {
        findings.push(
            Finding::error(KeyPath::root(), "印刷する様式がありません")
                .with_help(format!("様式の表を書いてください: {}", section_list())),
        );
    }
    // A check that two rules make (an applicant field, say) is reported once.
    let mut seen = HashSet::new();
    findings.retain(|f| seen.insert((f.key.clone(), f.message.clone())));
    let mut diagnostics: Vec<Diagnostic> =
        findings.into_iter().map(|f| loaded.diagnostic(f)).collect();
    sort(&mut diagnostics);
    Ok(Prepared {
        loaded,
        diagnostics,
        summary,
        figures,
        documents,
        only: only.to_vec(),
        present,
    })
}

fn section_list() -> String {
    forms::FORMS
        .iter()
        .map(|f| format!("[{}]（{}）", f.section, f.title))
        .collect::<Vec<_>>()
        .join("、")
}

/// Diagnostics in file order, the worst first where two share a place.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| {
        (
            d.position.map(|p| (p.line, p.column)),
            std::cmp::Reverse(d.severity),
        )
    });
}
