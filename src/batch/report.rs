//! `report.json`: per applicant the files written or the errors with file:line:col, and a
//! summary.
//!
//! The report is written as applicants finish, not built at the end: each entry goes to a spool
//! file in input order (the few that finish early wait in a small buffer), and the report is put
//! together from it when the batch is done. A batch's memory stays flat however many applicants
//! it has; only failed applicants' errors are kept, for the summary printed at the end.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Outcome, Shard, Status};
use crate::diag::{Diagnostic, Severity};
use crate::output;

/// The report's file name: one per shard, so shards writing to one folder never collide.
pub fn report_name(shard: Option<Shard>) -> String {
    match shard {
        None => "report.json".to_owned(),
        Some(s) => format!("report-{}-of-{}.json", s.index, s.count),
    }
}

/// The head of the report; its `applicants` are spliced in from the spool.
#[derive(Debug, Serialize)]
struct Head<'a> {
    yoshiki: &'static str,
    shard: Option<String>,
    summary: &'a Summary,
    applicants: [(); 0],
}

#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub applicants: usize,
    pub written: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// PDFs written in this run (unchanged ones not counted).
    pub pdfs_written: usize,
}

#[derive(Debug, Serialize)]
struct ApplicantReport<'a> {
    file: String,
    folder: &'a str,
    status: Status,
    files: &'a [String],
    errors: Vec<DiagnosticReport>,
    warnings: Vec<DiagnosticReport>,
}

#[derive(Debug, Serialize)]
struct DiagnosticReport {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    key: String,
    message: String,
    help: Option<String>,
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

/// Writes `DIR/report.json` (or the shard's report) as outcomes arrive.
pub(super) struct ReportWriter {
    dir: PathBuf,
    shard: Option<Shard>,
    spool_path: PathBuf,
    spool: BufWriter<File>,
    /// Outcomes that finished before an earlier input did, by input index.
    waiting: BTreeMap<usize, Outcome>,
    /// The index of the next entry to spool.
    next: usize,
    summary: Summary,
    /// The errors of every failed applicant, in input order.
    errors: Vec<Diagnostic>,
    /// The first write error: the report is incomplete, the batch fails when it finishes.
    broken: Option<std::io::Error>,
}

impl ReportWriter {
    /// Starts the report of a batch writing to `dir`.
    pub(super) fn create(dir: &Path, shard: Option<Shard>) -> std::io::Result<Self> {
        let name = report_name(shard);
        let spool_name = format!("{name}.entries");
        // What a killed run of the same report left: its spool, its half-written report.
        output::remove_stale_temporaries(dir, |of| of == name || of == spool_name);
        let spool_path = dir.join(output::temporary_name(&spool_name, std::process::id()));
        let spool = BufWriter::new(
            File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(&spool_path)?,
        );
        Ok(Self {
            dir: dir.to_path_buf(),
            shard,
            spool_path,
            spool,
            waiting: BTreeMap::new(),
            next: 0,
            summary: Summary::default(),
            errors: Vec::new(),
            broken: None,
        })
    }

    /// Adds the outcome of input `index`; entries are written in input order.
    pub(super) fn add(&mut self, index: usize, outcome: Outcome) {
        self.waiting.insert(index, outcome);
        while let Some(outcome) = self.waiting.remove(&self.next) {
            self.next += 1;
            self.count(&outcome);
            if self.broken.is_none()
                && let Err(e) = self.spool_entry(&outcome)
            {
                self.broken = Some(e);
            }
            if outcome.status == Status::Failed {
                self.errors
                    .extend(outcome.diagnostics.into_iter().filter(Diagnostic::is_error));
            }
        }
    }

    fn count(&mut self, outcome: &Outcome) {
        let summary = &mut self.summary;
        summary.applicants += 1;
        match outcome.status {
            Status::Written => {
                summary.written += 1;
                summary.pdfs_written += outcome.files.len();
            }
            Status::Unchanged => summary.unchanged += 1,
            Status::Failed => summary.failed += 1,
        }
    }

    /// One entry, pretty-printed and indented as it sits in the report's `applicants` array.
    fn spool_entry(&mut self, outcome: &Outcome) -> std::io::Result<()> {
        let by = |severity| {
            outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .map(Into::into)
                .collect()
        };
        let entry = ApplicantReport {
            file: outcome.input.file.display().to_string(),
            folder: &outcome.input.folder,
            status: outcome.status,
            files: &outcome.files,
            errors: by(Severity::Error),
            warnings: by(Severity::Warning),
        };
        let text = serde_json::to_string_pretty(&entry).map_err(std::io::Error::other)?;
        if self.summary.applicants > 1 {
            self.spool.write_all(b",\n")?;
        }
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.spool.write_all(b"\n")?;
            }
            self.spool.write_all(b"    ")?;
            self.spool.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Writes the report (atomically, like every output) and returns its path, the summary and
    /// the errors of the failed applicants.
    pub(super) fn finish(mut self) -> std::io::Result<(PathBuf, Summary, Vec<Diagnostic>)> {
        let result = self.assemble();
        let _ = std::fs::remove_file(&self.spool_path);
        let path = result?;
        Ok((path, self.summary, self.errors))
    }

    fn assemble(&mut self) -> std::io::Result<PathBuf> {
        if let Some(e) = self.broken.take() {
            return Err(e);
        }
        if let Some(index) = self.waiting.keys().next() {
            // Every input reports an outcome; a gap is a bug of ours.
            return Err(std::io::Error::other(format!(
                "入力 {} 番目の結果がありません",
                self.next.min(*index) + 1
            )));
        }
        self.spool.flush()?;
        let spool = self.spool.get_mut();
        spool.rewind()?;
        let head = Head {
            yoshiki: env!("CARGO_PKG_VERSION"),
            shard: self.shard.map(|s| s.to_string()),
            summary: &self.summary,
            applicants: [],
        };
        let head = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
        // `"applicants": []` closes the head; the spooled entries go between the brackets.
        let open = head
            .strip_suffix("[]\n}")
            .ok_or_else(|| std::io::Error::other("report head"))?;
        let empty = self.summary.applicants == 0;
        output::write_atomic_with(&self.dir, &report_name(self.shard), |file| {
            file.write_all(open.as_bytes())?;
            if empty {
                file.write_all(b"[]\n}")
            } else {
                file.write_all(b"[\n")?;
                std::io::copy(spool, file)?;
                file.write_all(b"\n  ]\n}")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Input;
    use crate::diag::file_problem;

    fn outcome(name: &str, status: Status) -> Outcome {
        let file = PathBuf::from(format!("in/{name}.toml"));
        let diagnostics = match status {
            Status::Failed => vec![file_problem(&file, "だめ")],
            _ => Vec::new(),
        };
        Outcome {
            input: Input {
                file,
                key: format!("{name}.toml"),
                folder: name.to_owned(),
            },
            status,
            files: match status {
                Status::Written => vec![format!("{name}.pdf")],
                _ => Vec::new(),
            },
            diagnostics,
        }
    }

    /// What the report was before it was streamed: the whole document pretty-printed at once.
    fn built_at_once(outcomes: &[Outcome], summary: &Summary) -> String {
        let applicants: Vec<serde_json::Value> = outcomes
            .iter()
            .map(|o| {
                serde_json::json!({
                    "file": o.input.file.display().to_string(),
                    "folder": o.input.folder,
                    "status": o.status,
                    "files": o.files,
                    "errors": o.diagnostics.iter().map(DiagnosticReport::from).collect::<Vec<_>>(),
                    "warnings": [],
                })
            })
            .collect();
        let document = serde_json::json!({
            "yoshiki": env!("CARGO_PKG_VERSION"),
            "shard": null,
            "summary": summary,
            "applicants": applicants,
        });
        serde_json::to_string_pretty(&document).unwrap()
    }

    #[test]
    fn entries_come_out_in_input_order_whatever_order_they_finish_in() {
        let dir = tempfile::tempdir().unwrap();
        let outcomes = [
            outcome("a", Status::Written),
            outcome("b", Status::Failed),
            outcome("c", Status::Unchanged),
            outcome("d", Status::Written),
        ];
        let mut report = ReportWriter::create(dir.path(), None).unwrap();
        for i in [2, 0, 3, 1] {
            report.add(i, outcomes[i].clone());
        }
        let (path, summary, errors) = report.finish().unwrap();
        assert_eq!(
            summary,
            Summary {
                applicants: 4,
                written: 2,
                unchanged: 1,
                failed: 1,
                pdfs_written: 2
            }
        );
        assert_eq!(errors.len(), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, built_at_once(&outcomes, &summary));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["report.json"], "the spool is gone");
    }

    #[test]
    fn an_empty_batch_has_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let shard = Some(Shard { index: 2, count: 3 });
        let report = ReportWriter::create(dir.path(), shard).unwrap();
        let (path, summary, _) = report.finish().unwrap();
        assert!(path.ends_with("report-2-of-3.json"));
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(value["applicants"], serde_json::json!([]));
        assert_eq!(value["shard"], "2/3");
        assert_eq!(summary, Summary::default());
    }

    #[test]
    fn a_missing_outcome_is_an_error_not_a_short_report() {
        let dir = tempfile::tempdir().unwrap();
        let mut report = ReportWriter::create(dir.path(), None).unwrap();
        report.add(1, outcome("b", Status::Written));
        assert!(report.finish().is_err());
        assert!(!dir.path().join("report.json").exists());
    }
}
