//! Running a batch: worker threads that read, check and typeset applicants, writer threads that
//! write their PDFs, and the housekeeping that keeps memory flat.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use super::manifest::Manifest;
use super::{Input, Options, Outcome, Status};
use crate::context::Context;
use crate::diag::{Diagnostic, file_problem};
use crate::files::{describe, read_applicant};
use crate::forms::Figure;
use crate::package::{Attachment, Package};
use crate::pipeline::{Checked, check_applicant};
use crate::render::OutputFile;
use crate::typeset::Timing;
use crate::{output, render_applicant};

/// Where a batch's time went, summed over applicants: the workers' phases add up to about
/// `jobs` times the wall time, the writers' run beside them (`yoshiki batch --timings`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timings {
    /// The worker threads that ran (`-j`, or fewer when there were fewer applicants).
    pub workers: usize,
    /// Finding the inputs before any worker starts: listing folders, and reading spreadsheets
    /// and turning their rows into applicant files (the main thread).
    pub inputs: Duration,
    /// Reading, loading and checking the applicant files (workers).
    pub prepare: Duration,
    /// Typst compile and export per form (by title; a packet as one), with the number of files
    /// (workers).
    pub forms: BTreeMap<&'static str, (usize, Timing)>,
    /// Evicting Typst's caches (workers).
    pub housekeeping: Duration,
    /// Writing PDFs and manifests: temporary file, fsync, rename (the writer threads).
    pub write: Duration,
}

impl Timings {
    /// Compile and export over every form.
    pub fn typeset(&self) -> Timing {
        let mut total = Timing::default();
        for (_, time) in self.forms.values() {
            total += *time;
        }
        total
    }

    fn add(&mut self, other: Timings) {
        self.prepare += other.prepare;
        self.housekeeping += other.housekeeping;
        self.write += other.write;
        for (form, (count, time)) in other.forms {
            let entry = self.forms.entry(form).or_default();
            entry.0 += count;
            entry.1 += time;
        }
    }
}

/// Typst's caches are evicted after every `EVICT_EVERY` applicants, dropping what the last
/// `EVICT_MAX_AGE` rounds did not use: memory stays flat, and the layout of what every applicant
/// shares (labels, fixed text, the fonts' shaping) stays cached.
const EVICT_EVERY: usize = 4;
const EVICT_MAX_AGE: usize = 3;

/// Applicants rendered but not yet written: bounds the memory held by PDFs in flight when the
/// disk is slower than the workers.
const WRITE_BACKLOG: usize = 16;

/// Threads that write (temporary file, fsync, rename). They wait on the disk, not the CPU;
/// several let a slow disk's fsyncs overlap (a journal commits concurrent ones together).
pub const WRITERS: usize = 4;

/// What a worker hands the writer for one applicant.
enum Step {
    /// Nothing to write: unchanged, or failed.
    Done(Box<Outcome>, Timings),
    /// PDFs to write into the applicant's folder.
    Write(Box<Pending>, Timings),
}

/// An applicant's files, typeset, not yet written.
struct Pending {
    input: Input,
    name: Option<String>,
    figures: Vec<Figure>,
    package: Package,
    folder: PathBuf,
    fingerprint: String,
    previous: Option<Manifest>,
    files: Vec<OutputFile>,
    diagnostics: Vec<Diagnostic>,
}

/// Renders every input on `options.jobs` worker threads while writer threads write what they
/// render; `on_done` gets each outcome, with its input's index, on this thread as soon as it is
/// written (in the order they finish, which is nearly input order).
///
/// - The workers are the threads of a rayon pool of their own, each running one long loop over
///   the inputs (`broadcast`), never one task per applicant: typst-pdf spawns rayon tasks and
///   waits on them, and a worker that waits runs pending tasks of its pool; with applicants as
///   tasks it would start another applicant nested on its stack. This way the only tasks are
///   Typst's own small ones, run by the worker that spawned them (or the other, when it is
///   idle), with no idle pool spinning beside the workers.
/// - Writing (fsync included) is on [`WRITERS`] threads of its own, so a worker never waits
///   for the disk.
pub(super) fn run(
    context: &Context,
    inputs: &[Input],
    options: &Options,
    mut on_done: impl FnMut(usize, Outcome),
) -> Result<Timings, String> {
    let jobs = options.jobs.max(1).min(inputs.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // Typst recurses deeply on nested content; give it room.
        .stack_size(16 * 1024 * 1024)
        .thread_name(|i| format!("yoshiki-worker-{i}"))
        .build()
        .map_err(|e| format!("作業スレッドを起動できません: {e}"))?;
    let engine = typst::utils::hash128(&(context.fingerprint(), &options.request));
    let next = AtomicUsize::new(0);
    let rendered = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, Step)>(WRITE_BACKLOG);
    // Owned by the writers alone: when they are gone (this thread stopped taking what they
    // wrote), the workers' next send fails and they stop, rather than wait on a full channel.
    let receiver = Arc::new(Mutex::new(receiver));
    let mut timings = Timings {
        workers: jobs,
        ..Timings::default()
    };
    std::thread::scope(|scope| {
        let (next, rendered, engine) = (&next, &rendered, &engine);
        scope.spawn(move || {
            pool.broadcast(|_| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let mut step = isolated(context, input, options, *engine);
                    let count = rendered.fetch_add(1, Ordering::Relaxed) + 1;
                    if count % EVICT_EVERY == 0 {
                        // Typst's caches would otherwise grow with every document.
                        let started = Instant::now();
                        comemo::evict(EVICT_MAX_AGE);
                        let (Step::Done(_, time) | Step::Write(_, time)) = &mut step;
                        time.housekeeping += started.elapsed();
                    }
                    if sender.send((i, step)).is_err() {
                        break;
                    }
                }
            });
            // The workers are done: the sender goes, and the writer's loop below ends.
            drop(sender);
        });
        // The writers share the workers' channel; each hands what it wrote to this thread.
        let (written, finished) = mpsc::channel::<(usize, Outcome, Timings)>();
        for _ in 0..WRITERS {
            let written = written.clone();
            let receiver = Arc::clone(&receiver);
            scope.spawn(move || {
                loop {
                    // Nothing panics while the lock is held (writes are isolated), so a poisoned
                    // lock cannot happen; it would be harmless anyway.
                    let next = receiver
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok((i, step)) = next else { break };
                    let (outcome, time) = match step {
                        Step::Done(outcome, time) => (*outcome, time),
                        Step::Write(pending, mut time) => {
                            let started = Instant::now();
                            let outcome = write_isolated(*pending);
                            time.write += started.elapsed();
                            (outcome, time)
                        }
                    };
                    if written.send((i, outcome, time)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((written, receiver));
        for (i, outcome, time) in finished {
            timings.add(time);
            on_done(i, outcome);
        }
    });
    Ok(timings)
}

/// One applicant rendered, with a panic turned into that applicant's error.
fn isolated(context: &Context, input: &Input, options: &Options, engine: u128) -> Step {
    catch_unwind(AssertUnwindSafe(|| render(context, input, options, engine))).unwrap_or_else(
        |panic| Step::Done(Box::new(internal_error(input, &*panic)), Timings::default()),
    )
}

/// One applicant written, with a panic turned into that applicant's error.
fn write_isolated(pending: Pending) -> Outcome {
    let input = pending.input.clone();
    catch_unwind(AssertUnwindSafe(|| write(pending)))
        .unwrap_or_else(|panic| internal_error(&input, &*panic))
}

fn internal_error(input: &Input, panic: &(dyn std::any::Any + Send)) -> Outcome {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("不明");
    failed(
        input,
        vec![file_problem(
            &input.file,
            format!(
                "yoshiki の内部エラーで処理できませんでした（{what}）。開発者に報告してください"
            ),
        )],
    )
}

fn failed(input: &Input, diagnostics: Vec<Diagnostic>) -> Outcome {
    Outcome {
        input: input.clone(),
        status: Status::Failed,
        name: None,
        figures: Vec::new(),
        files: Vec::new(),
        diagnostics,
        package: Package::default(),
    }
}

/// What an applicant's files are made of besides the templates: its data and the bytes of
/// every attachment it lists (a rescanned 誓約書 renders again under `--skip-unchanged`).
fn fingerprint(engine: u128, bytes: &[u8], attachments: &[Attachment]) -> String {
    let attached: Vec<(&str, &[u8])> = attachments
        .iter()
        .map(|a| (a.written.as_str(), a.bytes.as_slice()))
        .collect();
    format!("{:032x}", typst::utils::hash128(&(engine, bytes, attached)))
}

/// Reads, checks and typesets one applicant (a worker's part).
fn render(context: &Context, input: &Input, options: &Options, engine: u128) -> Step {
    let started = Instant::now();
    let mut time = Timings::default();
    let bytes = match read(input) {
        Ok(bytes) => bytes,
        Err(problems) => return Step::Done(Box::new(failed(input, problems)), time),
    };
    let read_time = started.elapsed();
    let folder = input.folder_in(&options.out);
    let previous = Manifest::read(&folder);
    if options.skip_unchanged
        && let Some(manifest) = &previous
        && let Ok(checked) = check_applicant(context, &input.file, &bytes, &options.request)
        && manifest.is_current(
            &folder,
            &fingerprint(engine, &bytes, &checked.package.attachments),
        )
    {
        let outcome = unchanged(input, checked, manifest);
        time.prepare = started.elapsed();
        return Step::Done(Box::new(outcome), time);
    }
    let mut outcome = render_applicant(context, &input.file, &bytes, &options.request);
    time.prepare = read_time + outcome.prepare;
    outcome.diagnostics = input.locate(outcome.diagnostics);
    if outcome.has_errors() {
        let mut failed = failed(input, outcome.diagnostics);
        failed.name = outcome.applicant;
        failed.figures = outcome.figures;
        failed.package = outcome.package;
        return Step::Done(Box::new(failed), time);
    }
    let fingerprint = fingerprint(engine, &bytes, &outcome.package.attachments);
    for (label, timing) in &outcome.timings {
        let entry = time.forms.entry(label).or_default();
        entry.0 += 1;
        entry.1 += *timing;
    }
    let pending = Pending {
        input: input.clone(),
        name: outcome.applicant,
        figures: outcome.figures,
        package: outcome.package,
        folder,
        fingerprint,
        previous,
        files: outcome.files,
        diagnostics: outcome.diagnostics,
    };
    Step::Write(Box::new(pending), time)
}

/// An applicant skipped as unchanged: checked again (a fraction of a millisecond), not
/// typeset, so its report entry has its name, figures, checklist and warnings like a written
/// one.
fn unchanged(input: &Input, checked: Checked, manifest: &Manifest) -> Outcome {
    let Checked { prepared, package } = checked;
    Outcome {
        input: input.clone(),
        status: Status::Unchanged,
        name: Some(prepared.applicant().to_owned()),
        figures: prepared.figures.clone(),
        files: manifest.files.clone(),
        diagnostics: input.locate(prepared.diagnostics),
        package,
    }
}

/// The applicant's data: its file, or the text its spreadsheet rows make (none when reading
/// the cells found errors).
fn read(input: &Input) -> Result<Cow<'_, [u8]>, Vec<Diagnostic>> {
    match &input.sheet {
        Some(sheet) if sheet.has_errors() => Err(sheet.problems.clone()),
        Some(sheet) => Ok(Cow::Borrowed(sheet.toml.as_bytes())),
        None => read_applicant(&input.file)
            .map(Cow::Owned)
            .map_err(|problem| vec![problem.diagnostic(&input.file)]),
    }
}

/// Writes one applicant's files and manifest (the writer's part).
fn write(pending: Pending) -> Outcome {
    let Pending {
        input,
        name,
        figures,
        folder,
        fingerprint,
        previous,
        files,
        mut diagnostics,
        package,
    } = pending;
    // A run killed while writing this folder may have left temporary files in it.
    output::remove_stale_temporaries(&folder, |_| true);
    let mut written = Vec::new();
    for file in &files {
        if let Err(e) = output::write_output(&folder, &file.name, &file.bytes) {
            diagnostics.push(file_problem(
                &input.file,
                format!(
                    "{} に書き込めません: {}",
                    folder.join(&file.name).display(),
                    describe(&e)
                ),
            ));
            return Outcome {
                name,
                figures,
                package,
                ..failed(&input, diagnostics)
            };
        }
        written.push(file.name.clone());
    }
    if let Some(previous) = previous {
        previous.remove_stale(&folder, &written);
    }
    let manifest = Manifest {
        fingerprint,
        files: written,
    };
    if let Err((path, e)) = manifest.write(&folder) {
        diagnostics.push(file_problem(
            &input.file,
            format!("{path} に書き込めません: {}", describe(&e)),
        ));
        return Outcome {
            name,
            figures,
            package,
            ..failed(&input, diagnostics)
        };
    }
    Outcome {
        input,
        status: Status::Written,
        name,
        figures,
        files: manifest.files,
        diagnostics,
        package,
    }
}
