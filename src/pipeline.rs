//! One applicant, from its bytes to its files: check → typeset → deliver. `render`, `watch`
//! and `batch` all run [`render_applicant`]; `check` stops after [`prepare`](crate::prepare()).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::context::Context;
use crate::diag::Diagnostic;
use crate::forms::{Figure, Form};
use crate::package::{Package, Policy, assemble};
use crate::prepare::{Prepared, prepare, sort};
use crate::render::{Delivery, OutputFile, render};
use crate::typeset::Timing;

/// What to make of an applicant: which forms (none: every form whose section is present), in
/// what shape, where its attachments may be read from, and whether a missing document is an
/// error.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Request {
    pub forms: Vec<&'static Form>,
    pub delivery: Delivery,
    pub attachments: Policy,
    /// A required document missing from the package is an error (`--strict`), not a warning.
    pub strict: bool,
}

impl Request {
    /// Every form, as plain PDFs, attachments from the applicant's folder, not strict.
    pub fn pdfs(forms: Vec<&'static Form>) -> Self {
        Self {
            forms,
            delivery: Delivery {
                format: crate::Format::Pdf,
                packet: false,
                standard: None,
            },
            attachments: Policy::default(),
            strict: false,
        }
    }
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
    /// The submission package: its checklists and attachments.
    pub package: Package,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// An applicant file checked as a package: its forms' checks and its attachments and
/// checklists, every diagnostic in `prepared.diagnostics` in file order.
#[derive(Debug)]
pub struct Checked {
    pub prepared: Prepared,
    pub package: Package,
}

/// Loads and checks an applicant file and its package (what `check` prints). `Err` when the
/// file does not even load.
pub fn check_applicant(
    context: &Context,
    file: &Path,
    bytes: &[u8],
    request: &Request,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut prepared = prepare(context, file, bytes, &request.forms)?;
    let (package, found) = assemble(context, &prepared, &request.attachments, request.strict);
    prepared.diagnostics.extend(found);
    sort(&mut prepared.diagnostics);
    Ok(Checked { prepared, package })
}

/// Checks, typesets and shapes one applicant's files. All or nothing: with any error, no file.
pub fn render_applicant(
    context: &Context,
    file: &Path,
    bytes: &[u8],
    request: &Request,
) -> Outcome {
    let started = Instant::now();
    let checked = check_applicant(context, file, bytes, request);
    let mut outcome = Outcome {
        source: String::new(),
        applicant: None,
        figures: Vec::new(),
        diagnostics: Vec::new(),
        files: Vec::new(),
        prepare: started.elapsed(),
        timings: Vec::new(),
        package: Package::default(),
    };
    let Checked { prepared, package } = match checked {
        Ok(checked) => checked,
        Err(diagnostics) => {
            let text = String::from_utf8_lossy(bytes);
            outcome.source = text.trim_start_matches('\u{feff}').to_owned();
            outcome.diagnostics = diagnostics;
            return outcome;
        }
    };
    outcome.applicant = Some(prepared.applicant().to_owned());
    let mut diagnostics = prepared.diagnostics.clone();
    let rendered =
        (!prepared.has_errors()).then(|| render(context, &prepared, &package, &request.delivery));
    match rendered {
        Some(Ok(rendered)) => {
            outcome.files = rendered.files;
            outcome.timings = rendered.timings;
            diagnostics.extend(rendered.warnings);
        }
        Some(Err(errors)) => diagnostics.extend(errors),
        None => {}
    }
    outcome.package = package;
    outcome.figures = prepared.figures;
    outcome.diagnostics = diagnostics;
    outcome.source = prepared.loaded.source;
    outcome
}
