//! Batch generation: many applicant files in one process, in parallel, each applicant isolated.
//!
//! - Inputs are files, spreadsheets of applicants (one input per row of the main sheet,
//!   [`sheets`](crate::sheets)) or folders (recursively, `*.toml`), sorted; each gets its own output
//!   folder, its path below PATH without `.toml` (`DIR/shizuoka/hama-1/`), unique and safe,
//!   decided over the whole input before sharding ([`inputs`]).
//! - `--shard I/N` keeps the inputs whose stable hash falls in slice I, so a job array spreads a
//!   batch over machines with no coordination.
//! - Each applicant runs the one render path ([`render_applicant`](crate::render_applicant)),
//!   on worker threads; writer threads write what they render, so no worker waits for the disk
//!   ([`run`]).
//! - An applicant with errors, or one that panics, gets no new files and an entry in the report;
//!   the others are written. Each folder holds a manifest of what was written from which input,
//!   so `--skip-unchanged` skips applicants whose input and templates have not changed
//!   ([`manifest`]).
//! - The reports (`report.json`, `report.csv`) are written as applicants finish, in input order
//!   ([`report`], [`table`]): memory stays flat however many applicants there are. The reports of
//!   a sharded batch merge into the one an unsharded run writes ([`merge`]).

mod inputs;
mod manifest;
mod merge;
mod report;
mod run;
mod table;

pub use inputs::{Input, Shard, collect};
pub use merge::merge;
pub use report::{Summary, report_name};
pub use run::{Timings, WRITERS};
pub use table::columns as csv_columns;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::diag::Diagnostic;
use crate::files::describe;
use crate::forms::Figure;
use crate::pipeline::Request;
use report::{Entry, ReportWriter};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub jobs: usize,
    pub skip_unchanged: bool,
    pub shard: Option<Shard>,
    /// What every applicant is rendered as (the same as `render`'s options).
    pub request: Request,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Files written.
    Written,
    /// Skipped: input and templates unchanged since its files were written.
    Unchanged,
    /// Errors: no new file written.
    Failed,
}

/// What happened to one applicant.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub input: Input,
    pub status: Status,
    /// The applicant's name, when its data loaded.
    pub name: Option<String>,
    /// Its forms' key figures.
    pub figures: Vec<Figure>,
    /// File names in the applicant's folder.
    pub files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Its submission package: checklists and attachments (empty when the data did not load).
    pub package: crate::package::Package,
}

/// A finished batch: where its report is, what it counted, a line per failed applicant (for
/// the list printed at the end) and where the time went.
#[derive(Debug)]
pub struct Finished {
    pub report: PathBuf,
    pub summary: Summary,
    /// Per failed applicant, in input order: where its first error is, and what.
    pub failed: Vec<String>,
    pub timings: Timings,
}

/// Runs a batch over `paths`: every applicant (of the shard) rendered and written below
/// `options.out`, and the report. `on_done` sees each applicant as it finishes, with how many
/// there are in all. `Err` is a problem with the batch itself (an unreadable folder, an output
/// folder that cannot be written), never with one applicant.
pub fn execute(
    context: &Context,
    paths: &[PathBuf],
    options: &Options,
    mut on_done: impl FnMut(&Outcome, usize),
) -> Result<Finished, String> {
    let started = std::time::Instant::now();
    let mut inputs = collect(paths)?;
    let collected = started.elapsed();
    if inputs.is_empty() {
        return Err(nothing_to_do(paths));
    }
    let whole = inputs.len();
    if let Some(shard) = options.shard {
        inputs.retain(|input| shard.contains(&input.key));
    }
    let out = &options.out;
    std::fs::create_dir_all(out).map_err(|e| cannot_write(out, &e))?;
    let mut report =
        ReportWriter::create(out, options.shard, whole).map_err(|e| cannot_write(out, &e))?;
    let total = inputs.len();
    let mut timings = run::run(context, &inputs, options, |index, outcome| {
        on_done(&outcome, total);
        report.add(index, Entry::of(&outcome));
    })?;
    timings.inputs = collected;
    let report_path = out.join(report_name(options.shard));
    let written = report
        .finish()
        .map_err(|e| cannot_write(&report_path, &e))?;
    Ok(Finished {
        report: written.json,
        summary: written.summary,
        failed: written.failed,
        timings,
    })
}

/// The message of a batch given nothing to render.
fn nothing_to_do(paths: &[PathBuf]) -> String {
    let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    format!(
        "{} に申請者がいません（フォルダでは *.toml を、表計算ファイルでは「申請者」シートの id のある行を探します。id が # で始まる行は見本として読み飛ばします）。申請者ファイル、それを含むフォルダ、または申請者の表計算ファイルを指定してください",
        named.join("、")
    )
}

fn cannot_write(path: &Path, error: &std::io::Error) -> String {
    format!("{} に書き込めません: {}", path.display(), describe(error))
}
