//! One applicant, from its bytes to its files: check → typeset → deliver. `render`, `watch`
//! and `batch` all run [`render_applicant`]; `check` stops after [`prepare`](crate::prepare()).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::context::Context;
use crate::diag::Diagnostic;
use crate::forms::{Figure, Form};
use crate::prepare::prepare;
use crate::render::{Delivery, OutputFile, render};
use crate::typeset::Timing;

/// What to make of an applicant: which forms (none: every form whose section is present), and
/// in what shape.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Request {
    pub forms: Vec<&'static Form>,
    pub delivery: Delivery,
}

/// What rendering one applicant came to.
#[derive(Debug)]
pub struct Outcome {
    /// The file's text as it was read, for the excerpts under each diagnostic.
    pub source: String,
    /// The applicant's name, when the file loaded.
    pub applicant: Option<String>,
    /// The key figures of its forms (see [`Form::figures`]).
    pub figures: Vec<Figure>,
    /// Everything found, in file order: errors, warnings, notes, and Typst's warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The files to write; none when any diagnostic is an error.
    pub files: Vec<OutputFile>,
    /// Time spent reading and checking.
    pub prepare: Duration,
    /// Compile and export time per file, by what it holds.
    pub timings: Vec<(&'static str, Timing)>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks, typesets and shapes one applicant's files. All or nothing: with any error, no file.
pub fn render_applicant(
    context: &Context,
    file: &Path,
    bytes: &[u8],
    request: &Request,
) -> Outcome {
    let started = Instant::now();
    let prepared = prepare(context, file, bytes, &request.forms);
    let prepare_time = started.elapsed();
    let mut outcome = Outcome {
        source: String::new(),
        applicant: None,
        figures: Vec::new(),
        diagnostics: Vec::new(),
        files: Vec::new(),
        prepare: prepare_time,
        timings: Vec::new(),
    };
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(diagnostics) => {
            let text = String::from_utf8_lossy(bytes);
            outcome.source = text.trim_start_matches('\u{feff}').to_owned();
            outcome.diagnostics = diagnostics;
            return outcome;
        }
    };
    outcome.applicant = Some(prepared.applicant().to_owned());
    let rendered = (!prepared.has_errors()).then(|| render(context, &prepared, &request.delivery));
    let mut diagnostics = prepared.diagnostics;
    outcome.figures = prepared.figures;
    match rendered {
        Some(Ok(rendered)) => {
            outcome.files = rendered.files;
            outcome.timings = rendered.timings;
            diagnostics.extend(rendered.warnings);
        }
        Some(Err(errors)) => diagnostics.extend(errors),
        None => {}
    }
    outcome.diagnostics = diagnostics;
    outcome.source = prepared.loaded.source;
    outcome
}
