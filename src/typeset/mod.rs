//! Typesetting: a [`Document`] (template + values) → PDF bytes, with Typst embedded.

pub mod world;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::forms::Document;
use world::{Assets, DocumentWorld, typst_date};

/// A typeset document.
#[derive(Debug)]
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Typst's warnings that are not errors (font and glyph warnings are errors).
    pub warnings: Vec<String>,
}

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A fixed-layout form ran onto more pages than one.
    Overflow { pages: usize },
    /// The template failed: a bug of ours, never of the applicant's data.
    Template(Vec<String>),
}

/// Compiles the document's template with its values and exports the PDF.
pub fn typeset(document: &Document) -> Result<Typeset, Problem> {
    let assets = Assets::get();
    let Some(main) = assets.template(document.form.template) else {
        return Err(Problem::Template(vec![format!(
            "テンプレート {} が組み込まれていません",
            document.form.template
        )]));
    };
    let data = serde_json::to_vec(template_values(document))
        .map_err(|e| Problem::Template(vec![e.to_string()]))?;
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
    if document.form.one_page && pages > 1 {
        return Err(Problem::Overflow { pages });
    }

    let pdf = typst_pdf::pdf(&compiled, &pdf_options(document))
        .map_err(|errors| Problem::Template(describe(&world, &errors)))?;
    let warnings: Vec<SourceDiagnostic> = warnings.into_iter().cloned().collect();
    Ok(Typeset {
        pdf,
        pages,
        warnings: describe(&world, &warnings),
    })
}

/// The values a template reads from `/data.json`.
pub fn template_values(document: &Document) -> &serde_json::Value {
    &document.data
}

/// Fixed identifier and timestamp: the same input gives the same bytes, on any machine.
fn pdf_options(document: &Document) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(format!("yoshiki/{}/{}", document.form.name, document.title)),
        creator: Smart::Custom(Some(format!("yoshiki {}", env!("CARGO_PKG_VERSION")))),
        timestamp: document.date.and_then(typst_date).map(Timestamp::new_utc),
        ..PdfOptions::default()
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
