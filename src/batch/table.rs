//! `report.csv`: the report as a table a program office opens in Excel. UTF-8 with a BOM (so
//! Excel reads it as UTF-8), one row per applicant, one column per key figure of every form in
//! registry order, so the columns are known before the first applicant and rows are streamed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::Status;
use super::report::Entry;
use crate::forms::FORMS;
use crate::output;

/// The CSV report beside a JSON report (`report.json` → `report.csv`).
pub(super) fn csv_name(json_name: &str) -> String {
    format!("{}.csv", json_name.trim_end_matches(".json"))
}

/// The columns before the figures, and after them.
const HEAD: [&str; 9] = [
    "番号",
    "ファイル",
    "ID",
    "出力フォルダ",
    "申請者名",
    "結果",
    "ファイル数",
    "エラー数",
    "警告数",
];
const TAIL: [&str; 3] = ["不足書類", "最初のエラー", "書き出したファイル"];

/// Every key figure of every form: (form name, column header).
fn figure_columns() -> impl Iterator<Item = (&'static str, &'static str, String)> {
    FORMS.iter().flat_map(|form| {
        form.figures
            .iter()
            .map(|figure| (form.name, *figure, format!("{} {figure}", form.title)))
    })
}

/// The header row.
pub fn columns() -> Vec<String> {
    let mut columns: Vec<String> = HEAD.iter().map(|c| (*c).to_owned()).collect();
    columns.extend(figure_columns().map(|(_, _, header)| header));
    columns.extend(TAIL.iter().map(|c| (*c).to_owned()));
    columns
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Written => "書き出し",
        Status::Unchanged => "変更なし",
        Status::Failed => "エラー",
    }
}

fn record(entry: &Entry) -> Vec<String> {
    let mut row = vec![
        entry.number.to_string(),
        entry.file.clone(),
        entry.id.clone().unwrap_or_default(),
        entry.folder.clone(),
        entry.name.clone().unwrap_or_default(),
        status_label(entry.status).to_owned(),
        entry.files.len().to_string(),
        entry.errors.len().to_string(),
        entry.warnings.len().to_string(),
    ];
    row.extend(figure_columns().map(|(form, figure, _)| {
        entry
            .figures
            .iter()
            .find(|f| f.form == form && f.figure == figure)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    }));
    // The required documents neither made nor attached, every program's.
    let missing: Vec<&str> = entry
        .checklists
        .iter()
        .flat_map(|c| &c.documents)
        .filter(|d| d.status == crate::package::Status::Missing)
        .map(|d| d.label.as_str())
        .collect();
    row.push(missing.join(" | "));
    row.push(entry.errors.first().map(|e| e.line()).unwrap_or_default());
    // `|` never appears in a file name yoshiki writes (output::safe_part).
    row.push(entry.files.join(" | "));
    row
}

/// The CSV report, written to a temporary file as rows arrive and renamed into place at the end.
pub(super) struct CsvWriter {
    temporary: PathBuf,
    target: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvWriter {
    pub(super) fn create(dir: &Path, name: &str) -> std::io::Result<Self> {
        let temporary = dir.join(output::temporary_name(name, std::process::id()));
        let mut file = BufWriter::new(File::create(&temporary)?);
        file.write_all("\u{feff}".as_bytes())?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(file);
        writer
            .write_record(columns())
            .map_err(std::io::Error::other)?;
        Ok(Self {
            temporary,
            target: dir.join(name),
            writer,
        })
    }

    pub(super) fn row(&mut self, entry: &Entry) -> std::io::Result<()> {
        self.writer
            .write_record(record(entry))
            .map_err(std::io::Error::other)
    }

    /// Flushes, syncs and renames the CSV into place.
    pub(super) fn finish(self) -> std::io::Result<()> {
        let temporary = self.temporary.clone();
        let result = (|| {
            let file = self
                .writer
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            std::fs::rename(&self.temporary, &self.target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// Drops the half-written CSV.
    pub(super) fn abandon(self) {
        drop(self.writer);
        let _ = std::fs::remove_file(&self.temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_of_every_form_has_a_column_in_registry_order() {
        let columns = columns();
        let figures: usize = FORMS.iter().map(|f| f.figures.len()).sum();
        assert_eq!(columns.len(), HEAD.len() + figures + TAIL.len());
        assert!(columns.contains(&"出資等に関する報告書 (B)/(A)".to_owned()));
        assert_eq!(csv_name("report-2-of-3.json"), "report-2-of-3.csv");
    }
}
