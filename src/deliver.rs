//! What `yoshiki render` and `watch` hand to a person: one PDF per form, or one packet PDF per
//! applicant with an outline entry per form, or page images; optionally in a PDF standard.

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::forms::{self, Document};
use crate::typeset::{self, Compiled, Standard};
use crate::{Prepared, output, problem_finding};

/// The shape of the output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delivery {
    pub format: Format,
    /// All forms of the applicant in one PDF, in the order the programs' guides list them.
    pub packet: bool,
    pub standard: Option<Standard>,
}

impl Default for Delivery {
    fn default() -> Self {
        Self {
            format: Format::Pdf,
            packet: false,
            standard: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    Pdf,
    /// One PNG per page at this many pixels per inch.
    Png {
        ppi: f32,
    },
}

/// A file to write: a safe name (unique among the applicant's files) and its bytes.
#[derive(Debug)]
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Typesets every document of a checked applicant and shapes the output. All or nothing: if
/// one document fails, no file of this applicant is returned. `Ok` carries the files and
/// Typst's warnings.
pub fn deliver(
    prepared: &Prepared,
    delivery: &Delivery,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let applicant = prepared.loaded.data.applicant.name.trim();
    let mut documents: Vec<&Document> = prepared.documents.iter().collect();
    if delivery.packet {
        // Stable: a form's several documents (one per investor…) keep their order.
        documents.sort_by_key(|d| forms::packet_rank(d.form));
    }
    let mut compiled = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let bookmark = if delivery.packet {
        typeset::Bookmark::Packet
    } else {
        typeset::Bookmark::None
    };
    for document in documents {
        match typeset::compile(document, bookmark) {
            Ok(done) => {
                warnings.extend(crate::typeset_warnings(prepared, document, &done.warnings));
                compiled.push((document, done));
            }
            Err(problem) => errors.push(
                prepared
                    .loaded
                    .diagnostic(problem_finding(document, problem)),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fail = |document: &Document, problem| {
        vec![
            prepared
                .loaded
                .diagnostic(problem_finding(document, problem)),
        ]
    };

    let mut files = Vec::new();
    let mut taken = HashSet::new();
    if delivery.packet && !compiled.is_empty() {
        let first = compiled[0].0;
        let title = format!("申請書類一式（{applicant}）");
        let date = compiled.iter().filter_map(|(d, _)| d.date).max();
        let pages: Vec<_> = compiled.into_iter().map(|(_, c)| c.document).collect();
        let merged = typeset::packet(pages, &title, applicant);
        let base = output::pdf_name(applicant, "申請書類一式", None);
        let ident = format!("yoshiki/packet/{applicant}");
        let merged = Compiled {
            document: merged,
            warnings: Vec::new(),
        };
        push_outputs(
            &mut files, &mut taken, &base, &merged, &ident, date, delivery,
        )
        .map_err(|p| fail(first, p))?;
    } else {
        for (document, done) in &compiled {
            let base = output::pdf_name(
                applicant,
                document.form.title,
                document.distinguisher.as_deref(),
            );
            let ident = typeset::ident(document);
            push_outputs(
                &mut files,
                &mut taken,
                &base,
                done,
                &ident,
                document.date,
                delivery,
            )
            .map_err(|p| fail(document, p))?;
        }
    }
    Ok((files, warnings))
}

/// The files of one compiled document: a PDF, or a PNG per page (`NAME_p1.png`, …).
fn push_outputs(
    files: &mut Vec<OutputFile>,
    taken: &mut HashSet<String>,
    base: &str,
    compiled: &Compiled,
    ident: &str,
    date: Option<chrono::NaiveDate>,
    delivery: &Delivery,
) -> Result<(), typeset::Problem> {
    let name = crate::unique_name(base, taken);
    match delivery.format {
        Format::Pdf => files.push(OutputFile {
            bytes: typeset::pdf(&compiled.document, ident, date, delivery.standard)?,
            name,
        }),
        Format::Png { ppi } => {
            let stem = name.trim_end_matches(".pdf");
            for (i, png) in typeset::png_pages(&compiled.document, ppi)?
                .into_iter()
                .enumerate()
            {
                files.push(OutputFile {
                    name: format!("{stem}_p{}.png", i + 1),
                    bytes: png,
                });
            }
        }
    }
    Ok(())
}
