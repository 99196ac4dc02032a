//! Typesetting: a [`Document`] (template + values) → PDF bytes, with Typst embedded.

mod trace;
mod world;

pub use trace::{start_trace, write_trace};

pub use world::{Assets, embedded_templates};

use std::time::Duration;

use chrono::NaiveDate;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Smart};
use typst::model::Document as _;
use typst::syntax::DiagSpanKind;
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::forms::{Document, Layout};
use crate::package::{Attachment, Kind};
use world::{DocumentWorld, typst_date};

/// A typeset document, not yet exported.
pub struct Compiled {
    pub document: PagedDocument,
    /// Typst's warnings that are not errors (font and glyph warnings are errors).
    pub warnings: Vec<String>,
}

/// Where a document's time went (`yoshiki batch --timings` sums them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timing {
    /// Typst: evaluation and layout.
    pub compile: Duration,
    /// typst-pdf: PDF export, font subsetting and compression included.
    pub export: Duration,
}

impl std::ops::AddAssign for Timing {
    fn add_assign(&mut self, other: Self) {
        self.compile += other.compile;
        self.export += other.export;
    }
}

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A fixed-layout form ran onto more pages than one.
    Overflow { pages: usize },
    /// The template failed: a bug of ours (or of a user's own template), never of the data.
    Template(Vec<String>),
    /// An attached file could not be placed (or exported in the standard asked for).
    Attachment(Vec<String>),
}

/// The PDF standards yoshiki offers (`--pdf-standard`); all verified to export with the
/// embedded CJK fonts (tests/review.rs; README "PDF standards").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standard {
    /// PDF/A-2b: archival, visual appearance preserved.
    A2b,
    /// PDF/A-2u: A-2b plus Unicode text for every glyph.
    A2u,
    /// PDF/A-3b.
    A3b,
    /// PDF/UA-1: accessible (tagged, with structure).
    Ua1,
}

impl Standard {
    /// Its name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "PDF/A-2b",
            Standard::A2u => "PDF/A-2u",
            Standard::A3b => "PDF/A-3b",
            Standard::Ua1 => "PDF/UA-1",
        }
    }

    fn typst(self) -> PdfStandard {
        match self {
            Standard::A2b => PdfStandard::A_2b,
            Standard::A2u => PdfStandard::A_2u,
            Standard::A3b => PdfStandard::A_3b,
            Standard::Ua1 => PdfStandard::Ua_1,
        }
    }
}

/// Whether a compiled document carries a PDF outline entry (a bookmark) naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bookmark {
    /// A PDF of its own: its title names it; no outline (measured: the hidden heading costs
    /// 3% of a batch's time).
    None,
    /// A part of a packet: the outline entry tells the forms apart.
    Packet,
}

/// Compiles the document's template with its values: the pages, not yet exported.
pub fn compile(
    assets: &Assets,
    document: &Document,
    bookmark: Bookmark,
) -> Result<Compiled, Problem> {
    let Some(main) = assets.template(document.form.template.path) else {
        return Err(Problem::Template(vec![format!(
            "テンプレート {} がありません",
            document.form.template.path
        )]));
    };
    let data =
        template_json(document, bookmark).map_err(|e| Problem::Template(vec![e.to_string()]))?;
    let world = DocumentWorld::new(assets, main, data, document.date);

    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let (fatal, warnings): (Vec<_>, Vec<_>) =
        warnings.iter().partition(|w| is_font_problem(&w.message));
    let mut compiled = output.map_err(|errors| Problem::Template(describe(&world, &errors)))?;
    // Title and author are set here rather than by `set document` in the template (see
    // templates/style.typ: per-applicant styles would defeat the layout cache).
    let info = compiled.info_mut();
    info.title = Some(document.title.as_str().into());
    info.author = vec![document.author.as_str().into()];
    if !fatal.is_empty() {
        let fatal: Vec<SourceDiagnostic> = fatal.into_iter().cloned().collect();
        return Err(Problem::Template(describe(&world, &fatal)));
    }
    let pages = compiled.pages().len();
    if document.form.layout == Layout::OnePage && pages > 1 {
        return Err(Problem::Overflow { pages });
    }
    let warnings: Vec<SourceDiagnostic> = warnings.into_iter().cloned().collect();
    Ok(Compiled {
        document: compiled,
        warnings: describe(&world, &warnings),
    })
}

/// Typesets an attached PDF's pages, or a scan, as pages of a packet with an outline entry
/// `bookmark`. An attachment Typst cannot place is `Problem::Attachment`, the file's problem,
/// not the template's.
pub fn compile_attachment(
    assets: &Assets,
    attachment: &Attachment,
    bookmark: &str,
) -> Result<PagedDocument, Problem> {
    let Some(main) = assets.template("attachment.typ") else {
        return Err(Problem::Template(vec![
            "テンプレート attachment.typ がありません".to_owned(),
        ]));
    };
    let (path, kind, pages) = match &attachment.kind {
        Kind::Pdf { pages } => (world::ATTACHMENT_PATHS[0], "pdf", pages.clone()),
        Kind::Png => (world::ATTACHMENT_PATHS[1], "image", Vec::new()),
        Kind::Jpeg => (world::ATTACHMENT_PATHS[2], "image", Vec::new()),
    };
    let data = serde_json::json!({
        "file": path,
        "kind": kind,
        "pages": pages,
        "bookmark": bookmark,
    });
    let data = serde_json::to_vec(&data).map_err(|e| Problem::Template(vec![e.to_string()]))?;
    let world = DocumentWorld::new(assets, main, data, None)
        .with_attachment(path, Bytes::new(attachment.bytes.as_ref().clone()));
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    output.map_err(|errors| Problem::Attachment(describe(&world, &errors)))
}

/// Exports compiled pages as PDF, in the given standard (plain PDF 1.7 when `None`).
pub fn pdf(
    compiled: &PagedDocument,
    ident: &str,
    date: Option<NaiveDate>,
    standard: Option<Standard>,
) -> Result<Vec<u8>, Problem> {
    let standards = PdfStandards::new(
        &standard
            .map(Standard::typst)
            .into_iter()
            .collect::<Vec<_>>(),
    )
    .map_err(|e| Problem::Template(vec![e.message().to_string()]))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("yoshiki {}", env!("CARGO_PKG_VERSION")))),
        // A fixed timestamp: the same input gives the same bytes, on any machine. PDF/A needs
        // one; a form without a date of its own gets the epoch of its program (2000-01-01).
        timestamp: date
            .or_else(|| standard.map(|_| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()))
            .and_then(typst_date)
            .map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(compiled, &options).map_err(|errors| {
        Problem::Template(
            errors
                .iter()
                .map(|e| {
                    let hints: String = e.hints.iter().map(|h| format!("（{}）", h.v)).collect();
                    format!("{}{hints}", e.message)
                })
                .collect(),
        )
    })
}

/// The PDF identifier of a document: stable for the same form and applicant.
pub fn ident(document: &Document) -> String {
    format!("yoshiki/{}/{}", document.form.name, document.title)
}

/// One PNG per page at `ppi` pixels per inch.
pub fn png_pages(compiled: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Problem> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: (f64::from(ppi) / 72.0).into(),
        render_bleed: false,
    };
    compiled
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|e| Problem::Template(vec![format!("PNG に書き出せません: {e}")]))
        })
        .collect()
}

/// Several compiled documents as one: their pages in order, under one title. Each form's
/// template sets a bookmark (style.typ), so the packet's outline names every form.
pub fn packet(parts: Vec<PagedDocument>, title: &str, author: &str) -> PagedDocument {
    let pages: EcoVec<Page> = parts
        .iter()
        .flat_map(|part| part.pages().iter().cloned())
        .collect();
    let mut info = parts.first().map(|p| p.info().clone()).unwrap_or_default();
    info.title = Some(title.into());
    info.author = vec![author.into()];
    PagedDocument::new(pages, info)
}

/// The values a template reads from `/data.json`, as JSON; in a packet, plus the bookmark naming
/// the document (the PDF outline entry that tells the forms of a packet apart). Written from the
/// document's values as they are: a copy to add the bookmark to was 1.5 % of a form's compile.
fn template_json(document: &Document, bookmark: Bookmark) -> serde_json::Result<Vec<u8>> {
    match (bookmark, document.data.as_object()) {
        (Bookmark::Packet, Some(values)) => serde_json::to_vec(&WithBookmark {
            values,
            bookmark: &document.title,
        }),
        _ => serde_json::to_vec(&document.data),
    }
}

/// A document's values and its bookmark, written as one JSON object.
struct WithBookmark<'a> {
    values: &'a serde_json::Map<String, serde_json::Value>,
    bookmark: &'a str,
}

impl serde::Serialize for WithBookmark<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.values.len() + 1))?;
        for (key, value) in self.values.iter().filter(|(key, _)| *key != "bookmark") {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("bookmark", self.bookmark)?;
        map.end()
    }
}

/// A warning about fonts or glyphs means a character would print as a box or in a wrong face.
fn is_font_problem(message: &str) -> bool {
    let message = message.to_lowercase();
    message.contains("font") || message.contains("glyph")
}

/// Typst's diagnostics as lines that name the template file, line and column.
fn describe(world: &DocumentWorld, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let place = match d.span.get() {
                DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
                    use typst::WorldExt;
                    world
                        .range(d.span)
                        .and_then(|r| world.template_position(id, r.start))
                        .map(|(file, line, col)| format!("templates{file}:{line}:{col}: "))
                }
                DiagSpanKind::Detached => None,
            };
            let hints: String = d.hints.iter().map(|h| format!("（{}）", h.v)).collect();
            format!("{}{}{hints}", place.unwrap_or_default(), d.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(data: serde_json::Value) -> Document {
        Document {
            form: crate::forms::FORMS[0],
            distinguisher: None,
            title: "様式（株式会社テスト）".to_owned(),
            author: "株式会社テスト".to_owned(),
            date: None,
            data,
        }
    }

    fn written(document: &Document, bookmark: Bookmark) -> serde_json::Value {
        serde_json::from_slice(&template_json(document, bookmark).unwrap()).unwrap()
    }

    #[test]
    fn a_packet_s_document_carries_its_bookmark_and_a_pdf_of_its_own_none() {
        let values = serde_json::json!({ "name": "株式会社テスト", "rows": [1, 2] });
        let doc = document(values.clone());
        assert_eq!(written(&doc, Bookmark::None), values);
        let mut with_bookmark = values;
        with_bookmark["bookmark"] = "様式（株式会社テスト）".into();
        assert_eq!(written(&doc, Bookmark::Packet), with_bookmark);
        // A value of that name is replaced, never written twice.
        let doc = document(serde_json::json!({ "bookmark": "古い" }));
        let bytes = template_json(&doc, Bookmark::Packet).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"bookmark":"様式（株式会社テスト）"}"#
        );
    }
}
