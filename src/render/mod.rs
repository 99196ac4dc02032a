//! The one render path: a checked applicant → the files a person receives. `render`, `watch`
//! and `batch` all call [`render`]: one PDF per document, or one packet PDF with an outline
//! entry per document, or page images; optionally in a PDF standard.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

mod packet;

use crate::context::Context;
use crate::diag::{Diagnostic, Finding};
use crate::forms::Document;
use crate::keypath::KeyPath;
use crate::output;
use crate::package::{Attachment, Package};
use crate::prepare::Prepared;
use crate::typeset::{self, Bookmark, Compiled, Problem, Standard, Timing};
use packet::{Item, Plan};

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
    /// The pages it holds (a page image: 1).
    pub pages: usize,
    /// A packet of this program's documents (`--packet`), not one document.
    pub packet: Option<crate::forms::Program>,
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
/// one document fails, no file of this applicant is returned. With `packet`, each program's
/// documents and attachments go into one PDF in the guide's order (see [`packet`]).
pub fn render(
    context: &Context,
    prepared: &Prepared,
    package: &Package,
    delivery: &Delivery,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut out = Output {
        delivery,
        taken: HashSet::new(),
        files: Vec::new(),
        timings: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let alone = if delivery.packet {
        let (plans, alone) = packet::plans(prepared, package);
        for plan in &plans {
            out.packet(context, prepared, package, plan);
        }
        alone
    } else {
        prepared.documents.iter().collect()
    };
    for document in alone {
        out.document(context, prepared, document);
    }
    if out.errors.is_empty() {
        Ok(Rendered {
            files: out.files,
            warnings: out.warnings,
            timings: out.timings,
        })
    } else {
        Err(out.errors)
    }
}

impl Output<'_> {
    /// One document as a file of its own.
    fn document(&mut self, context: &Context, prepared: &Prepared, document: &Document) {
        let started = Instant::now();
        let compiled = match typeset::compile(&context.assets, document, Bookmark::None) {
            Ok(compiled) => compiled,
            Err(problem) => {
                self.errors
                    .push(problem_diagnostic(prepared, document, problem));
                return;
            }
        };
        self.warnings
            .extend(typeset_warnings(prepared, document, &compiled.warnings));
        let part = Part {
            base: output::pdf_name(
                prepared.applicant(),
                document.form.title,
                document.distinguisher.as_deref(),
            ),
            ident: typeset::ident(document),
            date: document.date,
            label: document.form.title,
            packet: None,
        };
        if let Err(problem) = self.push(&compiled, part, started.elapsed()) {
            self.errors
                .push(problem_diagnostic(prepared, document, problem));
        }
    }

    /// One program's packet: its documents and attachments in order, one outline entry each.
    fn packet(&mut self, context: &Context, prepared: &Prepared, package: &Package, plan: &Plan) {
        let started = Instant::now();
        let mut parts = Vec::new();
        for item in &plan.items {
            match item {
                Item::Form(document) => {
                    match typeset::compile(&context.assets, document, Bookmark::Packet) {
                        Ok(done) => {
                            self.warnings.extend(typeset_warnings(
                                prepared,
                                document,
                                &done.warnings,
                            ));
                            parts.push(done.document);
                        }
                        Err(problem) => {
                            self.errors
                                .push(problem_diagnostic(prepared, document, problem));
                        }
                    }
                }
                Item::Attachment(i, label) => {
                    let attachment = &package.attachments[*i];
                    match typeset::compile_attachment(&context.assets, attachment, label) {
                        Ok(done) => parts.push(done),
                        Err(problem) => {
                            self.errors
                                .push(attachment_diagnostic(prepared, attachment, problem, None));
                        }
                    }
                }
            }
        }
        if !self.errors.is_empty() {
            return;
        }
        let applicant = prepared.applicant();
        let name = packet_name(prepared, plan);
        let date = plan
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Form(d) => d.date,
                Item::Attachment(..) => None,
            })
            .max();
        let merged = Compiled {
            document: typeset::packet(parts, &format!("{name}（{applicant}）"), applicant),
            warnings: Vec::new(),
        };
        let part = Part {
            base: output::pdf_name(applicant, &name, None),
            ident: format!("yoshiki/packet/{}/{applicant}", plan.program.short()),
            date,
            label: PACKET_TITLE,
            packet: Some(plan.program),
        };
        if let Err(problem) = self.push(&merged, part, started.elapsed()) {
            let problems = self.packet_problems(context, prepared, package, plan, problem);
            self.errors.extend(problems);
        }
    }

    /// A packet that would not export: in a PDF standard, every attachment that prevents it
    /// (each tried alone), else the packet's problem.
    fn packet_problems(
        &self,
        context: &Context,
        prepared: &Prepared,
        package: &Package,
        plan: &Plan,
        problem: Problem,
    ) -> Vec<Diagnostic> {
        let mut culprits = Vec::new();
        if let Some(standard) = self.delivery.standard {
            for item in &plan.items {
                let Item::Attachment(i, label) = item else {
                    continue;
                };
                let attachment = &package.attachments[*i];
                let alone = typeset::compile_attachment(&context.assets, attachment, label)
                    .map(|doc| typeset::packet(vec![doc], label, prepared.applicant()))
                    .and_then(|doc| typeset::pdf(&doc, "yoshiki/attachment", None, Some(standard)));
                if let Err(problem) = alone {
                    culprits.push(attachment_diagnostic(
                        prepared,
                        attachment,
                        problem,
                        Some(standard),
                    ));
                }
            }
        }
        if !culprits.is_empty() {
            return culprits;
        }
        let first = plan.items.iter().find_map(|item| match item {
            Item::Form(d) => Some(*d),
            Item::Attachment(..) => None,
        });
        vec![match first {
            Some(document) => problem_diagnostic(prepared, document, problem),
            None => prepared.loaded.diagnostic(Finding::error(
                KeyPath::root().key("attachments"),
                format!("申請書類一式を書き出せません: {}", problem_lines(&problem)),
            )),
        }]
    }
}

/// `申請書類一式_静岡県`, and the forms it holds when `--form` narrowed them.
fn packet_name(prepared: &Prepared, plan: &Plan) -> String {
    let mut name = format!("{PACKET_TITLE}_{}", plan.program.short());
    if !prepared.only.is_empty() {
        let mut titles: Vec<&str> = Vec::new();
        for item in &plan.items {
            if let Item::Form(d) = item
                && !titles.contains(&d.form.title)
            {
                titles.push(d.form.title);
            }
        }
        name += &format!("_{}", titles.join("・"));
    }
    name
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
    /// The program whose packet it is.
    packet: Option<crate::forms::Program>,
}

/// The files of an applicant as they are made, and what typesetting them said.
struct Output<'a> {
    delivery: &'a Delivery,
    taken: HashSet<String>,
    files: Vec<OutputFile>,
    timings: Vec<(&'static str, Timing)>,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
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
                pages: compiled.document.pages().len(),
                packet: part.packet,
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
                        pages: 1,
                        packet: part.packet,
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

fn problem_lines(problem: &Problem) -> String {
    match problem {
        Problem::Overflow { pages } => format!("{pages} ページ"),
        Problem::Template(lines) | Problem::Attachment(lines) => lines.join(" / "),
    }
}

/// An attachment Typst could not place, or not export in the PDF standard asked for.
fn attachment_diagnostic(
    prepared: &Prepared,
    attachment: &Attachment,
    problem: Problem,
    standard: Option<Standard>,
) -> Diagnostic {
    let key = KeyPath::root()
        .key("attachments")
        .index(attachment.index)
        .key("path");
    let lines = problem_lines(&problem);
    // Typst 0.15 exports no embedded PDF page in any PDF standard (measured: a-2b, a-2u, a-3b
    // and ua-1 all refuse it); images are fine.
    let (why, help) = if lines.contains("embedding PDFs is currently not supported") {
        (
            format!(
                "{} の申請書類一式には PDF の添付を入れられません（組版エンジン Typst 0.15 の制約）",
                standard.map_or("この規格", Standard::name)
            ),
            "規格が要らなければ --pdf-standard を外してください。要るなら、この PDF の各ページを PNG か JPEG の画像にして添付してください",
        )
    } else {
        (
            lines,
            "PDF を印刷し直す（PDF/A なら PDF/A で書き出す）か、スキャンを PNG・JPEG で添付してください",
        )
    };
    prepared.loaded.diagnostic(
        Finding::error(
            key,
            format!(
                "添付ファイル {} を申請書類一式に入れられません: {why}",
                attachment.written
            ),
        )
        .with_help(help),
    )
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
        Problem::Template(lines) | Problem::Attachment(lines) => Finding::error(
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
