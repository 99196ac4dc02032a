//! Batch generation: many applicant files in one process, in parallel, each applicant isolated.
//!
//! - Inputs are files or folders (recursively, `*.toml`), sorted; each gets its own output
//!   folder `DIR/<stem>/`, unique and safe, decided over the whole input before sharding.
//! - `--shard I/N` keeps the inputs whose stable hash falls in slice I, so a job array spreads a
//!   batch over machines with no coordination.
//! - Workers are plain threads (not rayon: typst-pdf's PDF writer runs rayon tasks of its own,
//!   and a rayon worker typesetting documents would end up nesting them on its stack).
//! - An applicant with errors, or one that panics, gets no new PDFs and an entry in the report;
//!   the others are written. Each folder holds a manifest of what was written from which input,
//!   so `--skip-unchanged` skips applicants whose input and templates have not changed.

use std::collections::{BTreeSet, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Severity, file_problem};
use crate::output;

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

/// Hands memory freed by finished applicants back to the system. glibc keeps it otherwise, and
/// a batch's resident size grew with the number of applicants although its live heap did not
/// (measured: 60 → 107 MB from 1,000 to 10,000 applicants, live heap ~15 MB).
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Renders every input on `options.jobs` threads; `on_done` sees each outcome as it finishes
/// (for progress). Outcomes come back in input order.
pub fn run(inputs: &[Input], options: &Options, mut on_done: impl FnMut(&Outcome)) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let fingerprint = engine_fingerprint();
    let mut outcomes: Vec<Option<Outcome>> = vec![None; inputs.len()];
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1).min(inputs.len().max(1)) {
            let sender = sender.clone();
            let (next, fingerprint) = (&next, &fingerprint);
            std::thread::Builder::new()
                // Typst recurses deeply on nested content; give it room.
                .stack_size(16 * 1024 * 1024)
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let outcome = isolated(input, options, fingerprint);
                        // Typst's caches would otherwise grow with every document.
                        comemo::evict(10);
                        if i % 64 == 63 {
                            return_freed_memory();
                        }
                        if sender.send((i, outcome)).is_err() {
                            break;
                        }
                    }
                })
                .expect("a worker thread starts");
        }
        drop(sender);
        for (i, outcome) in receiver {
            on_done(&outcome);
            outcomes[i] = Some(outcome);
        }
    });
    outcomes.into_iter().flatten().collect()
}

/// One applicant, with a panic turned into that applicant's error.
fn isolated(input: &Input, options: &Options, fingerprint: &str) -> Outcome {
    catch_unwind(AssertUnwindSafe(|| process(input, options, fingerprint))).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("不明");
        failed(
            input,
            vec![file_problem(
                &input.file,
                format!("yoshiki の内部エラーで処理できませんでした（{what}）。開発者に報告してください"),
            )],
        )
    })
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

fn process(input: &Input, options: &Options, engine: &str) -> Outcome {
    let bytes = match std::fs::read(&input.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return failed(
                input,
                vec![file_problem(
                    &input.file,
                    format!("ファイルを読めません: {e}"),
                )],
            );
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
        return Outcome {
            input: input.clone(),
            status: Status::Unchanged,
            files: manifest.files.clone(),
            diagnostics: Vec::new(),
        };
    }

    let prepared = match crate::prepare(&input.file, &bytes, &options.forms) {
        Ok(prepared) => prepared,
        Err(diagnostics) => return failed(input, diagnostics),
    };
    let mut diagnostics = prepared.diagnostics.clone();
    if prepared.has_errors() {
        return failed(input, diagnostics);
    }
    let rendered = match crate::typeset_all(&prepared) {
        Ok((rendered, warnings)) => {
            diagnostics.extend(warnings);
            rendered
        }
        Err(errors) => {
            diagnostics.extend(errors);
            return failed(input, diagnostics);
        }
    };

    let mut files = Vec::new();
    for pdf in &rendered {
        if let Err(e) = output::write_output(&folder, &pdf.name, &pdf.pdf) {
            diagnostics.push(file_problem(
                &input.file,
                format!("{} に書き込めません: {e}", folder.join(&pdf.name).display()),
            ));
            return failed(input, diagnostics);
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
        return failed(input, diagnostics);
    }
    Outcome {
        input: input.clone(),
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
