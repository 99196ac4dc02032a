//! Batch generation: many applicant files in one process, in parallel, each applicant isolated.
//!
//! - Inputs are files or folders (recursively, `*.toml`), sorted; each gets its own output
//!   folder `DIR/<stem>/`, unique and safe, decided over the whole input before sharding.
//! - `--shard I/N` keeps the inputs whose stable hash falls in slice I, so a job array spreads a
//!   batch over machines with no coordination.
//! - Workers are the threads of a rayon pool of their own, one long loop each (see [`run`]);
//!   writer threads write what they render, so no worker waits for the disk.
//! - An applicant with errors, or one that panics, gets no new PDFs and an entry in the report;
//!   the others are written. Each folder holds a manifest of what was written from which input,
//!   so `--skip-unchanged` skips applicants whose input and templates have not changed.

use std::collections::{BTreeSet, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Severity, file_problem};
use crate::output;
use crate::typeset::Timing;

/// The manifest in each applicant's output folder.
const MANIFEST: &str = ".yoshiki-manifest.json";

/// Slice I of N (1-based), as `--shard I/N` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text.split_once('/').and_then(|(i, n)| {
            Some((i.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?))
        });
        match parsed {
            Some((index, count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(Shard { index, count })
            }
            _ => Err(format!(
                "\"{text}\" は I/N の形（1 ≤ I ≤ N、例: 2/3）ではありません"
            )),
        }
    }
}

impl Shard {
    /// Whether the input with this key belongs to this slice. The key's hash, not its position,
    /// decides: adding a file never moves the others between shards.
    pub fn contains(&self, key: &str) -> bool {
        fnv1a(key.as_bytes()) % self.count == self.index - 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// FNV-1a: tiny, and the same on every machine and Rust version (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One applicant file and where its PDFs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub file: PathBuf,
    /// The path below the folder it was found in (or the file name), `/`-separated: the shard key.
    pub key: String,
    /// The output folder's name below DIR.
    pub folder: String,
}

/// Finds the applicant files: each PATH is a file, or a folder searched recursively for `*.toml`.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).map_err(|e| format!("{} を読めません: {e}", path.display()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| format!("{} を読めません: {e}", path.display()))?;
            for file in files {
                let key = file
                    .strip_prefix(path)
                    .unwrap_or(&file)
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((file, key));
            }
        } else {
            let key = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            found.push((path.clone(), key));
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);

    // Folder names: the file stem, made safe; where two inputs share one (a/x.toml, b/x.toml),
    // the later in sorted order gets a number. Case is folded: not every file system keeps it.
    let mut taken = HashSet::new();
    Ok(found
        .into_iter()
        .map(|(file, key)| {
            let stem = file
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let base = output::safe_part(&stem);
            let mut folder = base.clone();
            let mut n = 2;
            while !taken.insert(folder.to_lowercase()) {
                folder = format!("{base}_{n}");
                n += 1;
            }
            Input { file, key, folder }
        })
        .collect())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub jobs: usize,
    pub skip_unchanged: bool,
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// PDFs written.
    Written,
    /// Skipped: input and templates unchanged since its PDFs were written.
    Unchanged,
    /// Errors: no new PDF written.
    Failed,
}

/// What happened to one applicant.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub input: Input,
    pub status: Status,
    /// File names in the applicant's folder.
    pub files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a batch's time went, summed over applicants: the workers' phases add up to about
/// `jobs` times the wall time, the writer's runs beside them (`yoshiki batch --timings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// Reading, loading and checking the applicant files (workers).
    pub prepare: Duration,
    /// Typst compile and PDF export (workers).
    pub typeset: Timing,
    /// Evicting Typst's caches (workers).
    pub housekeeping: Duration,
    /// Writing PDFs and manifests: temporary file, fsync, rename (the writer threads).
    pub write: Duration,
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, other: Self) {
        self.prepare += other.prepare;
        self.typeset += other.typeset;
        self.housekeeping += other.housekeeping;
        self.write += other.write;
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
    Done(Outcome, Timings),
    /// PDFs to write into the applicant's folder.
    Write(Box<Pending>, Timings),
}

/// An applicant's PDFs, typeset, not yet written.
struct Pending {
    input: Input,
    folder: PathBuf,
    fingerprint: String,
    previous: Option<Manifest>,
    pdfs: Vec<crate::RenderedPdf>,
    diagnostics: Vec<Diagnostic>,
}

/// Renders every input on `options.jobs` worker threads while writer threads write what they
/// render; `on_done` sees each outcome on this thread as it is written (for progress). Outcomes
/// come back in input order.
///
/// - The workers are the threads of a rayon pool of their own, each running one long loop over
///   the inputs (`broadcast`), never one task per applicant: typst-pdf spawns rayon tasks and
///   waits on them, and a worker that waits runs pending tasks of its pool; with applicants as
///   tasks it would start another applicant nested on its stack. This way the only tasks are
///   Typst's own small ones, run by the worker that spawned them (or the other, when it is
///   idle), with no idle pool spinning beside the workers.
/// - Writing (fsync included) is on [`WRITERS`] threads of its own, so a worker never waits
///   for the disk.
pub fn run(
    inputs: &[Input],
    options: &Options,
    mut on_done: impl FnMut(&Outcome),
) -> Result<(Vec<Outcome>, Timings), String> {
    let jobs = options.jobs.max(1).min(inputs.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // Typst recurses deeply on nested content; give it room.
        .stack_size(16 * 1024 * 1024)
        .thread_name(|i| format!("yoshiki-worker-{i}"))
        .build()
        .map_err(|e| format!("作業スレッドを起動できません: {e}"))?;
    let engine = engine_fingerprint();
    let next = AtomicUsize::new(0);
    let rendered = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, Step)>(WRITE_BACKLOG);
    let receiver = Mutex::new(receiver);
    let mut outcomes: Vec<Option<Outcome>> = vec![None; inputs.len()];
    let mut timings = Timings::default();
    std::thread::scope(|scope| {
        let (next, rendered, engine, receiver) = (&next, &rendered, &engine, &receiver);
        scope.spawn(move || {
            pool.broadcast(|_| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let mut step = isolated(input, options, engine);
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
                        Step::Done(outcome, time) => (outcome, time),
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
        drop(written);
        for (i, outcome, time) in finished {
            timings += time;
            on_done(&outcome);
            outcomes[i] = Some(outcome);
        }
    });
    Ok((outcomes.into_iter().flatten().collect(), timings))
}

/// One applicant rendered, with a panic turned into that applicant's error.
fn isolated(input: &Input, options: &Options, engine: &str) -> Step {
    catch_unwind(AssertUnwindSafe(|| render(input, options, engine)))
        .unwrap_or_else(|panic| Step::Done(internal_error(input, &*panic), Timings::default()))
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
        files: Vec::new(),
        diagnostics,
    }
}

/// What a folder's manifest records: the input and engine it was written from, and its files.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Manifest {
    fingerprint: String,
    files: Vec<String>,
}

/// Reads, checks and typesets one applicant (a worker's part).
fn render(input: &Input, options: &Options, engine: &str) -> Step {
    let started = Instant::now();
    let mut time = Timings::default();
    let bytes = match std::fs::read(&input.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let problem = file_problem(&input.file, format!("ファイルを読めません: {e}"));
            return Step::Done(failed(input, vec![problem]), time);
        }
    };
    let folder = options.out.join(&input.folder);
    let fingerprint = format!(
        "{:032x}",
        typst::utils::hash128(&(engine, &bytes, &options.forms))
    );
    let previous = read_manifest(&folder);
    if options.skip_unchanged
        && let Some(manifest) = &previous
        && manifest.fingerprint == fingerprint
        && manifest.files.iter().all(|f| folder.join(f).is_file())
    {
        let outcome = Outcome {
            input: input.clone(),
            status: Status::Unchanged,
            files: manifest.files.clone(),
            diagnostics: Vec::new(),
        };
        time.prepare = started.elapsed();
        return Step::Done(outcome, time);
    }

    let prepared = crate::prepare(&input.file, &bytes, &options.forms);
    time.prepare = started.elapsed();
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(diagnostics) => return Step::Done(failed(input, diagnostics), time),
    };
    let mut diagnostics = prepared.diagnostics.clone();
    if prepared.has_errors() {
        return Step::Done(failed(input, diagnostics), time);
    }
    match crate::typeset_all(&prepared) {
        Ok(rendered) => {
            diagnostics.extend(rendered.warnings);
            time.typeset = rendered.time;
            let pending = Pending {
                input: input.clone(),
                folder,
                fingerprint,
                previous,
                pdfs: rendered.pdfs,
                diagnostics,
            };
            Step::Write(Box::new(pending), time)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            Step::Done(failed(input, diagnostics), time)
        }
    }
}

/// Writes one applicant's PDFs and manifest (the writer's part).
fn write(pending: Pending) -> Outcome {
    let Pending {
        input,
        folder,
        fingerprint,
        previous,
        pdfs,
        mut diagnostics,
    } = pending;
    // A run killed while writing this folder may have left temporary files in it.
    output::remove_stale_temporaries(&folder);
    let mut files = Vec::new();
    for pdf in &pdfs {
        if let Err(e) = output::write_output(&folder, &pdf.name, &pdf.pdf) {
            diagnostics.push(file_problem(
                &input.file,
                format!("{} に書き込めません: {e}", folder.join(&pdf.name).display()),
            ));
            return failed(&input, diagnostics);
        }
        files.push(pdf.name.clone());
    }
    // PDFs this applicant no longer has (an investor removed) go; nothing else in the folder is
    // touched: only names the previous manifest lists as ours.
    if let Some(previous) = previous {
        let current: BTreeSet<&String> = files.iter().collect();
        for stale in previous.files.iter().filter(|f| !current.contains(f)) {
            // A manifest edited by hand must not reach outside the folder: plain names only.
            if Path::new(stale)
                .file_name()
                .is_some_and(|n| n == stale.as_str())
                && stale.ends_with(".pdf")
            {
                let _ = std::fs::remove_file(folder.join(stale));
            }
        }
    }
    let manifest = Manifest {
        fingerprint,
        files: files.clone(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
    if let Err(e) = output::write_atomic(&folder, MANIFEST, &manifest) {
        diagnostics.push(file_problem(
            &input.file,
            format!("{} に書き込めません: {e}", folder.join(MANIFEST).display()),
        ));
        return failed(&input, diagnostics);
    }
    Outcome {
        input,
        status: Status::Written,
        files,
        diagnostics,
    }
}

fn read_manifest(folder: &Path) -> Option<Manifest> {
    serde_json::from_slice(&std::fs::read(folder.join(MANIFEST)).ok()?).ok()
}

/// Changes whenever yoshiki, a template or a program definition changes.
fn engine_fingerprint() -> String {
    let hash = typst::utils::hash128(&(
        env!("CARGO_PKG_VERSION"),
        crate::typeset::world::TEMPLATES,
        crate::program::SOURCES,
    ));
    format!("{hash:032x}")
}

/// `report.json`: per applicant the files written or the errors with file:line:col.
#[derive(Debug, Serialize)]
pub struct Report {
    pub yoshiki: &'static str,
    pub shard: Option<String>,
    pub summary: Summary,
    pub applicants: Vec<ApplicantReport>,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub applicants: usize,
    pub written: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// PDFs written in this run (unchanged ones not counted).
    pub pdfs_written: usize,
}

#[derive(Debug, Serialize)]
pub struct ApplicantReport {
    pub file: String,
    pub folder: String,
    pub status: Status,
    pub files: Vec<String>,
    pub errors: Vec<DiagnosticReport>,
    pub warnings: Vec<DiagnosticReport>,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticReport {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub key: String,
    pub message: String,
    pub help: Option<String>,
}

impl From<&Diagnostic> for DiagnosticReport {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticReport {
            file: d.file.display().to_string(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            key: d.key.to_string(),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

pub fn summarize(outcomes: &[Outcome]) -> Summary {
    let count = |s| outcomes.iter().filter(|o| o.status == s).count();
    Summary {
        applicants: outcomes.len(),
        written: count(Status::Written),
        unchanged: count(Status::Unchanged),
        failed: count(Status::Failed),
        pdfs_written: outcomes
            .iter()
            .filter(|o| o.status == Status::Written)
            .map(|o| o.files.len())
            .sum(),
    }
}

pub fn report(outcomes: &[Outcome], shard: Option<Shard>) -> Report {
    let by = |o: &Outcome, severity| {
        o.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .map(Into::into)
            .collect()
    };
    Report {
        yoshiki: env!("CARGO_PKG_VERSION"),
        shard: shard.map(|s| s.to_string()),
        summary: summarize(outcomes),
        applicants: outcomes
            .iter()
            .map(|o| ApplicantReport {
                file: o.input.file.display().to_string(),
                folder: o.input.folder.clone(),
                status: o.status,
                files: o.files.clone(),
                errors: by(o, Severity::Error),
                warnings: by(o, Severity::Warning),
            })
            .collect(),
    }
}

/// The report's file name: one per shard, so shards writing to one folder never collide.
pub fn report_name(shard: Option<Shard>) -> String {
    match shard {
        None => "report.json".to_owned(),
        Some(s) => format!("report-{}-of-{}.json", s.index, s.count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_partition() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (1..=3).map(|i| Shard { index: i, count: 3 }).collect();
        for key in ["a.toml", "b/c.toml", "株式会社.toml", ""] {
            assert_eq!(
                shards.iter().filter(|s| s.contains(key)).count(),
                1,
                "{key}"
            );
        }
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn folders_are_unique_and_safe() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "x.toml",
            "sub/x.toml",
            "sub/X.toml",
            "sub/deep/y.toml",
            "notes.txt",
        ] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "").unwrap();
        }
        let inputs = collect(&[dir.path().to_path_buf()]).unwrap();
        let keys: Vec<&str> = inputs.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["sub/X.toml", "sub/deep/y.toml", "sub/x.toml", "x.toml"]
        );
        let folders: Vec<&str> = inputs.iter().map(|i| i.folder.as_str()).collect();
        assert_eq!(folders, ["X", "y", "x_2", "x_3"]);
    }
}
