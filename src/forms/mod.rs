//! The forms yoshiki prints. A form is one [`Form`] descriptor in [`registry`], its model type
//! (src/model.rs), its module here (its checks, figures and template values), its template
//! (templates/) and the fixture its starter example and template sample come from. Code outside
//! this folder knows forms only through the descriptors.

/// `templates/NAME`, compiled in: a form's template.
macro_rules! template {
    ($name:literal) => {
        $crate::forms::Embedded {
            path: $name,
            text: include_str!(concat!("../../templates/", $name)),
        }
    };
}

/// `fixtures/NAME`, compiled in: the applicant file a form's examples come from.
macro_rules! fixture {
    ($name:literal) => {
        $crate::forms::Embedded {
            path: $name,
            text: include_str!(concat!("../../fixtures/", $name)),
        }
    };
}

mod applicant;
mod applicant_overview;
mod application;
mod budget;
mod business_plan;
mod calls;
mod commercialization_report;
mod gx_declaration;
mod investment_intent;
mod investment_report;
mod kept;
mod letter_of_intent;
mod pledge;
mod question;
mod registry;
mod rules;
mod support_plan;

pub(crate) use applicant::check as check_applicant;
pub(crate) use calls::{PackageFacts, package_facts};
pub(crate) use kept::{kept_end, kept_words};
pub use registry::{FORMS, find};

use chrono::NaiveDate;

use crate::diag::{Finding, Severity};
use crate::model::ApplicantFile;
use crate::program::{Programs, ShizuokaCall};

/// What a form is, where it comes from and how it is checked and printed.
#[derive(Debug)]
pub struct Form {
    /// Name on the command line (`--form investment-report`).
    pub name: &'static str,
    /// Title as printed, used in file names.
    pub title: &'static str,
    /// 様式 number and program.
    pub source: &'static str,
    /// The program whose guide asks for it.
    pub program: Program,
    /// The section of the applicant file it reads.
    pub section: &'static str,
    /// Its main template.
    pub template: Embedded,
    /// What every document of the form prints the same (templates/parts/NAME.typ), imported by
    /// its template: a module Typst evaluates once per process, where the template itself is
    /// evaluated again for every document (it reads the data). Empty when there is none.
    pub parts: &'static [Embedded],
    /// A fixed-layout form must fit on one page; a free-text form may grow.
    pub layout: Layout,
    /// Its checks and figures: `None` when the applicant file has no section for it.
    pub(crate) assess: fn(&FormInput) -> Option<Assessment>,
    /// The key figures it computes, in order: the columns of the batch report (report.csv).
    pub figures: &'static [&'static str],
    /// The fixture whose section is the form's starter example (`yoshiki init`) and whose
    /// documents give the template's sample data (templates/samples/).
    pub example: Embedded,
}

// A form is itself: two descriptors are the same form when they have the same name.
impl PartialEq for Form {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Form {}

impl std::hash::Hash for Form {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

/// A file of the repository compiled into the binary: its path and text.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    /// Below its folder (`templates/`, `fixtures/`).
    pub path: &'static str,
    pub text: &'static str,
}

/// The programs yoshiki prints forms for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Program {
    /// NEDO ディープテック・スタートアップ支援事業（DTSU）・GX事業.
    Nedo,
    /// 静岡県 大学発ベンチャー事業化加速・推進事業費補助金.
    Shizuoka,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A fixed-layout form: one page, or an error.
    OnePage,
    /// Free text: pages grow, nothing is clipped.
    Grows,
}

/// What a form's checks read: the applicant file and the program definitions in use.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FormInput<'a> {
    pub(crate) file: &'a ApplicantFile,
    pub(crate) programs: &'a Programs,
}

/// One PDF to typeset.
#[derive(Debug, Clone)]
pub struct Document {
    pub form: &'static Form,
    /// What tells this PDF apart from the applicant's other PDFs of the same form (investor…).
    pub distinguisher: Option<String>,
    /// The PDF's title metadata: form and applicant.
    pub title: String,
    pub author: String,
    /// The document date: Typst's `today` and the PDF timestamp, never the wall clock. A form
    /// without a date of its own gets no timestamp (the output stays reproducible).
    pub date: Option<NaiveDate>,
    /// The values the template reads from `/data.json`.
    pub data: serde_json::Value,
}

impl Document {
    /// The applicant's one document of a form printed once per file.
    fn single(
        form: &'static Form,
        file: &ApplicantFile,
        date: Option<NaiveDate>,
        data: serde_json::Value,
    ) -> Self {
        let name = file.applicant.name.trim().to_owned();
        Document {
            form,
            distinguisher: None,
            title: format!("{}（{name}）", form.title),
            author: name,
            date,
            data,
        }
    }
}

/// A key figure an applicant's form computed, as plain text (`300000000`, `1/3`): several
/// documents' values of one figure (one (B)/(A) per investor) are joined by ` / `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub form: &'static Form,
    pub name: &'static str,
    pub value: String,
}

/// What checking one form of one applicant found.
#[derive(Debug, Default)]
pub(crate) struct Assessment {
    pub(crate) findings: Vec<Finding>,
    /// Computed figures and the rules they were held against, for `yoshiki check`.
    pub(crate) summary: Vec<String>,
    pub(crate) documents: Vec<Document>,
    /// The key figures by name (one of the form's `figures`), in the order computed.
    pub(crate) figures: Vec<(&'static str, String)>,
}

impl Assessment {
    /// An assessment whose summary starts with the form's heading.
    fn headed(form: &Form, heading: impl Into<String>) -> Self {
        let heading = heading.into();
        let mut out = Assessment::default();
        out.summary.push(if heading.is_empty() {
            format!("{}（{}）", form.title, form.source)
        } else {
            format!("{}（{}）{heading}", form.title, form.source)
        });
        out
    }

    /// The assessment of a 静岡県 form: headed with its call, starting with what choosing the
    /// call found.
    fn for_call(form: &Form, call: &ShizuokaCall, findings: Vec<Finding>) -> Self {
        let mut out = Self::headed(form, format!(": {}", call.name));
        out.findings = findings;
        out
    }

    /// A rule the data was held against, and what checking it found: its summary line says
    /// 満たす only when that found nothing, so the line and the findings can never disagree.
    fn rule(&mut self, statement: impl Into<String>, failures: Vec<Finding>) {
        let worst = failures.iter().map(|f| f.severity).max();
        let verdict = match worst {
            Some(Severity::Error) => "満たさない",
            Some(Severity::Warning) => "満たさない（警告）",
            _ => "満たす",
        };
        self.line(format!("  規則: {} → {verdict}", statement.into()));
        self.findings.extend(failures);
    }

    fn line(&mut self, line: impl Into<String>) {
        self.summary.push(line.into());
    }

    /// Records a key figure of the form (`name` one of its descriptor's `figures`).
    fn figure(&mut self, name: &'static str, value: impl ToString) {
        self.figures.push((name, value.to_string()));
    }

    /// The key figures with the form's own, several values of one figure joined.
    pub(crate) fn collect_figures(&self, form: &'static Form) -> Vec<Figure> {
        form.figures
            .iter()
            .filter_map(|name| {
                let values: Vec<&str> = self
                    .figures
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                (!values.is_empty()).then(|| Figure {
                    form,
                    name,
                    value: values.join(" / "),
                })
            })
            .collect()
    }
}

/// Paragraphs (separated by a blank line) of lines, as the writer wrote them, each line as the
/// runs a template keeps on one line ([`kept::kept`]): what templates print for a free text.
pub(crate) fn paragraphs(text: &str) -> Vec<Vec<Vec<String>>> {
    lines(text)
        .into_iter()
        .map(|p| p.iter().map(|l| kept::kept(l)).collect())
        .collect()
}

/// Paragraphs (separated by a blank line) of lines, as the writer wrote them.
fn lines(text: &str) -> Vec<Vec<String>> {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim_end().to_owned())
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Checks every form whose section is present and prepares its documents, in registry order.
pub(crate) fn assess(input: &FormInput) -> Vec<(&'static Form, Assessment)> {
    FORMS
        .iter()
        .filter_map(|form| (form.assess)(input).map(|a| (*form, a)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_line_breaks_and_blank_line_separation() {
        let text = "一行目\n二行目\n\n二段落目\r\n\r\n\n三段落目\n";
        assert_eq!(
            lines(text),
            vec![
                vec!["一行目".to_owned(), "二行目".to_owned()],
                vec!["二段落目".to_owned()],
                vec!["三段落目".to_owned()]
            ]
        );
    }
}
