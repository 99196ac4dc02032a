//! `report.json` and `report.csv`: per applicant its name, the files written, its key figures
//! and its errors and warnings with where they are, and a summary.
//!
//! The reports are written as applicants finish, not built at the end: each JSON entry goes to
//! a spool file and each CSV row to the CSV's temporary file, in input order (the few that
//! finish early wait in a small buffer); the JSON report is put together from the spool when the
//! batch is done. A batch's memory stays flat however many applicants it has; only a line per
//! failed applicant is kept, for the list printed at the end.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::table::CsvWriter;
use super::{Outcome, Shard, Status};
use crate::diag::{Diagnostic, Severity};
use crate::output;
use crate::package::{self, Package};

/// The JSON report's file name: one per shard, so shards writing to one folder never collide.
pub fn report_name(shard: Option<Shard>) -> String {
    match shard {
        None => "report.json".to_owned(),
        Some(s) => format!("report-{}-of-{}.json", s.index, s.count),
    }
}

/// Whether a name below DIR is (or may become) one of the batch's own reports.
pub(super) fn is_report_file(name: &str) -> bool {
    let name = name.to_lowercase();
    name.starts_with("report") && (name.ends_with(".json") || name.ends_with(".csv"))
}

/// The report as a whole; `applicants` is spliced in from the spool when writing.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Report<A> {
    pub(super) yoshiki: String,
    pub(super) shard: Option<String>,
    /// Applicants in the whole input, before sharding: every shard of one batch has the same.
    pub(super) inputs: usize,
    pub(super) summary: Summary,
    pub(super) applicants: A,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Summary {
    pub applicants: usize,
    pub written: usize,
    pub unchanged: usize,
    pub failed: usize,
    /// PDFs written in this run (unchanged ones not counted).
    pub pdfs_written: usize,
}

/// One applicant in the report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Entry {
    /// Its place in the whole input (1-based): the order of the report, shards merged or not.
    pub(super) number: usize,
    pub(super) file: String,
    /// The applicant's id, when it is a row of a spreadsheet.
    pub(super) id: Option<String>,
    pub(super) folder: String,
    /// The applicant's name, when its data loaded.
    pub(super) name: Option<String>,
    pub(super) status: Status,
    pub(super) files: Vec<String>,
    pub(super) figures: Vec<FigureReport>,
    /// Per program, every document of the package and where it stands.
    #[serde(default)]
    pub(super) checklists: Vec<ChecklistReport>,
    pub(super) errors: Vec<DiagnosticReport>,
    pub(super) warnings: Vec<DiagnosticReport>,
}

/// One program's checklist (as `yoshiki check` prints it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct ChecklistReport {
    pub(super) title: String,
    pub(super) documents: Vec<DocumentReport>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct DocumentReport {
    pub(super) id: String,
    pub(super) label: String,
    /// generated, attached, missing, conditional, optional or covered.
    pub(super) status: package::Status,
    pub(super) note: Option<String>,
    /// The attached files, as the applicant file names them.
    pub(super) files: Vec<String>,
}

impl ChecklistReport {
    fn of(package: &Package) -> Vec<Self> {
        package
            .checklists
            .iter()
            .map(|checklist| ChecklistReport {
                title: checklist.title.clone(),
                documents: checklist
                    .documents
                    .iter()
                    .map(|entry| DocumentReport {
                        id: entry.id.clone(),
                        label: entry.label.clone(),
                        status: entry.status,
                        note: entry.note.clone(),
                        files: package
                            .attachments
                            .iter()
                            .filter(|a| entry.attached.contains(&a.index))
                            .map(|a| a.written.clone())
                            .collect(),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// A key figure: the form's `--form` name, the figure's name and its value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct FigureReport {
    pub(super) form: String,
    pub(super) figure: String,
    pub(super) value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct DiagnosticReport {
    pub(super) file: String,
    pub(super) line: Option<usize>,
    pub(super) column: Option<usize>,
    /// The spreadsheet cell (`出資!D7`), for an applicant from a spreadsheet.
    pub(super) cell: Option<String>,
    pub(super) key: String,
    pub(super) message: String,
    pub(super) help: Option<String>,
}

impl From<&Diagnostic> for DiagnosticReport {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticReport {
            file: d.file.display().to_string(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            cell: d.cell.clone(),
            key: d.key.to_string(),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

impl DiagnosticReport {
    /// `file:line:col: key: message`, or `file: 出資!D7: key: message`.
    pub(super) fn line(&self) -> String {
        let mut out = self.file.clone();
        match (&self.cell, self.line, self.column) {
            (Some(cell), _, _) => out.push_str(&format!(": {cell}")),
            (None, Some(line), Some(column)) => out.push_str(&format!(":{line}:{column}")),
            _ => {}
        }
        if !self.key.is_empty() {
            out.push_str(&format!(": {}", self.key));
        }
        format!("{out}: {}", self.message)
    }
}

impl Entry {
    pub(super) fn of(outcome: &Outcome) -> Self {
        let by = |severity| {
            outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .map(Into::into)
                .collect()
        };
        let input = &outcome.input;
        Entry {
            number: input.number,
            file: input.file.display().to_string(),
            id: input.id().map(str::to_owned),
            folder: input.folder.clone(),
            name: outcome.name.clone(),
            status: outcome.status,
            files: outcome.files.clone(),
            figures: outcome
                .figures
                .iter()
                .map(|f| FigureReport {
                    form: f.form.name.to_owned(),
                    figure: f.name.to_owned(),
                    value: f.value.clone(),
                })
                .collect(),
            checklists: ChecklistReport::of(&outcome.package),
            errors: by(Severity::Error),
            warnings: by(Severity::Warning),
        }
    }

    /// The line of the list of failed applicants: where the first error is, and what.
    pub(super) fn failure(&self) -> Option<String> {
        let first = self.errors.first()?;
        let id = self
            .id
            .as_ref()
            .map_or_else(String::new, |id| format!("[{id}] "));
        let more = match self.errors.len() {
            1 => String::new(),
            n => format!("（ほか {} 件）", n - 1),
        };
        Some(format!("{id}{}{more}", first.line()))
    }
}

/// What a finished report came to.
#[derive(Debug)]
pub(super) struct Written {
    pub(super) json: PathBuf,
    pub(super) summary: Summary,
    /// One line per failed applicant, in input order ([`Entry::failure`]).
    pub(super) failed: Vec<String>,
}

/// Writes `DIR/report.json` and `DIR/report.csv` (or the shard's) as entries arrive.
pub(super) struct ReportWriter {
    dir: PathBuf,
    shard: Option<Shard>,
    inputs: usize,
    spool_path: PathBuf,
    spool: BufWriter<File>,
    csv: CsvWriter,
    /// Entries that finished before an earlier input did, by input index.
    waiting: BTreeMap<usize, Entry>,
    /// The index of the next entry to spool.
    next: usize,
    summary: Summary,
    failed: Vec<String>,
    /// The first write error: the report is incomplete, the batch fails when it finishes.
    broken: Option<std::io::Error>,
}

impl ReportWriter {
    /// Starts the report of a batch of `inputs` applicants (before sharding) writing to `dir`.
    pub(super) fn create(dir: &Path, shard: Option<Shard>, inputs: usize) -> std::io::Result<Self> {
        let name = report_name(shard);
        let spool_name = format!("{name}.entries");
        let csv_name = super::table::csv_name(&name);
        // What a killed run of the same report left: its spool, its half-written reports.
        output::remove_stale_temporaries(dir, |of| {
            of == name || of == spool_name || of == csv_name
        });
        let spool_path = dir.join(output::temporary_name(&spool_name, std::process::id()));
        let spool = BufWriter::new(
            File::options()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(&spool_path)?,
        );
        let csv = CsvWriter::create(dir, &csv_name)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            shard,
            inputs,
            spool_path,
            spool,
            csv,
            waiting: BTreeMap::new(),
            next: 0,
            summary: Summary::default(),
            failed: Vec::new(),
            broken: None,
        })
    }

    /// Adds the entry of input `index` (0-based in this run); entries are written in input order.
    pub(super) fn add(&mut self, index: usize, entry: Entry) {
        self.waiting.insert(index, entry);
        while let Some(entry) = self.waiting.remove(&self.next) {
            self.next += 1;
            self.count(&entry);
            if self.broken.is_none()
                && let Err(e) = self.spool_entry(&entry).and_then(|()| self.csv.row(&entry))
            {
                self.broken = Some(e);
            }
            if entry.status == Status::Failed {
                self.failed.extend(entry.failure());
            }
        }
    }

    fn count(&mut self, entry: &Entry) {
        let summary = &mut self.summary;
        summary.applicants += 1;
        match entry.status {
            Status::Written => {
                summary.written += 1;
                summary.pdfs_written += entry.files.len();
            }
            Status::Unchanged => summary.unchanged += 1,
            Status::Failed => summary.failed += 1,
        }
    }

    /// One entry, pretty-printed and indented as it sits in the report's `applicants` array.
    fn spool_entry(&mut self, entry: &Entry) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(entry).map_err(std::io::Error::other)?;
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

    /// Writes the reports (atomically, like every output) and says what they came to.
    pub(super) fn finish(mut self) -> std::io::Result<Written> {
        let result = self.assemble();
        let _ = std::fs::remove_file(&self.spool_path);
        let json = match result {
            Ok(json) => json,
            Err(e) => {
                self.csv.abandon();
                return Err(e);
            }
        };
        self.csv.finish()?;
        Ok(Written {
            json,
            summary: self.summary,
            failed: self.failed,
        })
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
        let head = Report {
            yoshiki: env!("CARGO_PKG_VERSION").to_owned(),
            shard: self.shard.map(|s| s.to_string()),
            inputs: self.inputs,
            summary: self.summary.clone(),
            applicants: [(); 0],
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

    pub(crate) fn entry(number: usize, status: Status) -> Entry {
        let file = format!("in/{number}.toml");
        let error = DiagnosticReport {
            file: file.clone(),
            line: Some(3),
            column: Some(5),
            cell: None,
            key: "applicant.name".to_owned(),
            message: "だめ".to_owned(),
            help: None,
        };
        Entry {
            number,
            file,
            id: None,
            folder: number.to_string(),
            name: Some(format!("株式会社{number}")),
            status,
            files: match status {
                Status::Written => vec![format!("{number}.pdf")],
                _ => Vec::new(),
            },
            figures: Vec::new(),
            checklists: Vec::new(),
            errors: match status {
                Status::Failed => vec![error],
                _ => Vec::new(),
            },
            warnings: Vec::new(),
        }
    }

    /// What the report would be if it were built at once: the whole document pretty-printed.
    fn built_at_once(entries: &[Entry], summary: &Summary) -> String {
        let document = Report {
            yoshiki: env!("CARGO_PKG_VERSION").to_owned(),
            shard: None,
            inputs: entries.len(),
            summary: summary.clone(),
            applicants: entries,
        };
        serde_json::to_string_pretty(&document).unwrap()
    }

    #[test]
    fn entries_come_out_in_input_order_whatever_order_they_finish_in() {
        let dir = tempfile::tempdir().unwrap();
        let entries = [
            entry(1, Status::Written),
            entry(2, Status::Failed),
            entry(3, Status::Unchanged),
            entry(4, Status::Written),
        ];
        let mut report = ReportWriter::create(dir.path(), None, 4).unwrap();
        for i in [2, 0, 3, 1] {
            report.add(i, entries[i].clone());
        }
        let written = report.finish().unwrap();
        let summary = Summary {
            applicants: 4,
            written: 2,
            unchanged: 1,
            failed: 1,
            pdfs_written: 2,
        };
        assert_eq!(written.summary, summary);
        assert_eq!(written.failed, ["in/2.toml:3:5: applicant.name: だめ"]);
        let text = std::fs::read_to_string(&written.json).unwrap();
        assert_eq!(text, built_at_once(&entries, &summary));
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["report.csv", "report.json"], "the spool is gone");
    }

    #[test]
    fn an_empty_batch_has_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let shard = Some(Shard { index: 2, count: 3 });
        let report = ReportWriter::create(dir.path(), shard, 1).unwrap();
        let written = report.finish().unwrap();
        assert!(written.json.ends_with("report-2-of-3.json"));
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(written.json).unwrap()).unwrap();
        assert_eq!(value["applicants"], serde_json::json!([]));
        assert_eq!(value["shard"], "2/3");
        assert_eq!(value["inputs"], 1);
        assert_eq!(written.summary, Summary::default());
        assert!(dir.path().join("report-2-of-3.csv").is_file());
    }

    #[test]
    fn a_missing_outcome_is_an_error_not_a_short_report() {
        let dir = tempfile::tempdir().unwrap();
        let mut report = ReportWriter::create(dir.path(), None, 2).unwrap();
        report.add(1, entry(2, Status::Written));
        assert!(report.finish().is_err());
        assert!(!dir.path().join("report.json").exists());
        assert!(!dir.path().join("report.csv").exists());
    }
}
