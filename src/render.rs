//! The one render path: a checked applicant → the files a person receives. `render`, `watch`
//! and `batch` all call [`render`]: one PDF per document, or one packet PDF with an outline
//! entry per document, or page images; optionally in a PDF standard.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

use crate::context::Context;
use crate::diag::{Diagnostic, Finding};
use crate::forms::Document;
use crate::keypath::KeyPath;
use crate::output;
use crate::prepare::Prepared;
use crate::typeset::{self, Bookmark, Compiled, Problem, Standard, Timing};

/// The shape of the output.
#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub struct Delivery {
    pub format: Format,
    /// All documents of the applicant in one PDF, in the order the programs' guides list them.
    pub packet: bool,
    pub standard: Option<Standard>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    Pdf,
    /// One PNG per page at this many pixels per inch.
    Png {
        ppi: f32,
    },
}

impl std::hash::Hash for Format {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            Format::Pdf => 0u8.hash(state),
            Format::Png { ppi } => (1u8, ppi.to_bits()).hash(state),
        }
    }
}

/// A file to write: a safe name (unique among the applicant's files) and its bytes.
#[derive(Debug)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An applicant's files and what typesetting them said and took.
#[derive(Debug)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// Typst's warnings, located at the form's section.
    pub warnings: Vec<Diagnostic>,
    /// Compile and export time per file, by what it holds (a form's title, or the packet's).
    pub timings: Vec<(&'static str, Timing)>,
}

/// What a packet is called in its file name and timings.
pub const PACKET_TITLE: &str = "申請書類一式";

/// Typesets every document of a checked applicant and shapes the output. All or nothing: if
/// one document fails, no file of this applicant is returned.
pub fn render(
    context: &Context,
    prepared: &Prepared,
    delivery: &Delivery,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut documents: Vec<&Document> = prepared.documents.iter().collect();
    if delivery.packet {
        // Stable: a form's several documents (one per investor…) keep their order.
        documents.sort_by_key(|d| {
            crate::forms::FORMS
                .iter()
                .position(|f| std::ptr::eq(*f, d.form))
        });
    }
    let bookmark = if delivery.packet {
        Bookmark::Packet
    } else {
        Bookmark::None
    };
    let mut compiled = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for document in documents {
        let started = Instant::now();
        match typeset::compile(&context.assets, document, bookmark) {
            Ok(done) => {
                warnings.extend(typeset_warnings(prepared, document, &done.warnings));
                compiled.push((document, done, started.elapsed()));
            }
            Err(problem) => errors.push(problem_diagnostic(prepared, document, problem)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Output {
        delivery,
        taken: HashSet::new(),
        files: Vec::new(),
        timings: Vec::new(),
    };
    let applicant = prepared.applicant();
    if delivery.packet && !compiled.is_empty() {
        let first = compiled[0].0;
        let compile = compiled.iter().map(|(_, _, time)| *time).sum();
        let date = compiled.iter().filter_map(|(d, _, _)| d.date).max();
        let pages = compiled.into_iter().map(|(_, c, _)| c.document).collect();
        let merged = Compiled {
            document: typeset::packet(pages, &format!("{PACKET_TITLE}（{applicant}）"), applicant),
            warnings: Vec::new(),
        };
        let part = Part {
            base: output::pdf_name(applicant, PACKET_TITLE, None),
            ident: format!("yoshiki/packet/{applicant}"),
            date,
            label: PACKET_TITLE,
        };
        out.push(&merged, part, compile)
            .map_err(|p| vec![problem_diagnostic(prepared, first, p)])?;
    } else {
        for (document, done, compile) in &compiled {
            let part = Part {
                base: output::pdf_name(
                    applicant,
                    document.form.title,
                    document.distinguisher.as_deref(),
                ),
                ident: typeset::ident(document),
                date: document.date,
                label: document.form.title,
            };
            out.push(done, part, *compile)
                .map_err(|p| vec![problem_diagnostic(prepared, document, p)])?;
        }
    }
    Ok(Rendered {
        files: out.files,
        warnings,
        timings: out.timings,
    })
}

/// One compiled document's place in the output.
struct Part {
    /// Its file name before it is made unique.
    base: String,
    /// Its PDF identifier.
    ident: String,
    date: Option<NaiveDate>,
    /// What its timings are counted under.
    label: &'static str,
}

/// The files of an applicant as they are made.
struct Output<'a> {
    delivery: &'a Delivery,
    taken: HashSet<String>,
    files: Vec<OutputFile>,
    timings: Vec<(&'static str, Timing)>,
}

impl Output<'_> {
    /// The files of one compiled document: a PDF, or a PNG per page (`NAME_p1.png`, …).
    fn push(
        &mut self,
        compiled: &Compiled,
        part: Part,
        compile: std::time::Duration,
    ) -> Result<(), Problem> {
        let name = unique_name(&part.base, &mut self.taken);
        let started = Instant::now();
        match self.delivery.format {
            Format::Pdf => self.files.push(OutputFile {
                bytes: typeset::pdf(
                    &compiled.document,
                    &part.ident,
                    part.date,
                    self.delivery.standard,
                )?,
                name,
            }),
            Format::Png { ppi } => {
                let stem = name.trim_end_matches(".pdf");
                for (i, png) in typeset::png_pages(&compiled.document, ppi)?
                    .into_iter()
                    .enumerate()
                {
                    self.files.push(OutputFile {
                        name: format!("{stem}_p{}.png", i + 1),
                        bytes: png,
                    });
                }
            }
        }
        let time = Timing {
            compile,
            export: started.elapsed(),
        };
        self.timings.push((part.label, time));
        Ok(())
    }
}

/// `name.pdf`, or `name_2.pdf`, … when an earlier document of the applicant took the name.
fn unique_name(base: &str, taken: &mut HashSet<String>) -> String {
    let stem = base.trim_end_matches(".pdf");
    let mut name = base.to_owned();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}_{n}.pdf");
        n += 1;
    }
    name
}

/// Typst's warnings about a document, located at the form's section.
fn typeset_warnings(
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

fn problem_diagnostic(prepared: &Prepared, document: &Document, problem: Problem) -> Diagnostic {
    let key = KeyPath::root().key(document.form.section);
    let title = document.form.title;
    let finding = match problem {
        Problem::Overflow { pages } => Finding::error(
            key,
            format!("{title} が 1 ページに収まりません（{pages} ページになります）"),
        )
        .with_help("長すぎる欄を短くしてください"),
        Problem::Template(lines) => Finding::error(
            key,
            format!(
                "{title} の組版に失敗しました。入力ではなく yoshiki の不具合です: {}",
                lines.join(" / ")
            ),
        )
        .with_help("この出力を添えて開発者に報告してください"),
    };
    prepared.loaded.diagnostic(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique_within_an_applicant() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name("a.pdf", &mut taken), "a.pdf");
        assert_eq!(unique_name("a.pdf", &mut taken), "a_2.pdf");
        assert_eq!(unique_name("a.pdf", &mut taken), "a_3.pdf");
    }
}
