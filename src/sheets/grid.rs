//! Reading a spreadsheet file into sheets of cells: xlsx, xlsm, xls, xlsb and ods with calamine,
//! csv with the csv crate (UTF-8, or Shift_JIS as Excel saves 「CSV (コンマ区切り)」 in Japan).
//! Only the file named is read; a workbook's parts are read from memory.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::cells::{Cell, address};
use super::layout::MAIN_SHEET;
use crate::files::describe;

/// Larger files are refused before they are read: a workbook of 10,000 applicants is a few MB.
pub(crate) const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;

/// One sheet's cells, as the file holds them.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub(crate) name: String,
    /// Whether cells are named with the sheet (`出資!D7`); a CSV file is one sheet (`D7`).
    pub(crate) named: bool,
    /// Row and column (0-based) of `rows[0][0]` in the sheet.
    pub(crate) origin: (u32, u32),
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cell at a row and column of `rows` (empty beyond a short row).
    pub(crate) fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }

    /// Where a cell of `rows` is, as a person finds it (`出資!D7`).
    pub(crate) fn location(&self, row: usize, column: usize) -> String {
        let at = address(self.origin.0 + row as u32, self.origin.1 + column as u32);
        if self.named {
            format!("{}!{at}", self.name)
        } else {
            at
        }
    }
}

/// Whether yoshiki reads this file as a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        extension.as_deref(),
        Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv")
    )
}

/// Every sheet of a spreadsheet file.
pub(crate) fn read(path: &Path) -> Result<Vec<Grid>, String> {
    let unreadable =
        |e: std::io::Error| format!("{} を読めません: {}", path.display(), describe(&e));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(format!(
            "{} が大きすぎます ({size} バイト)。表計算ファイルは {MAX_WORKBOOK_BYTES} バイトまでです",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        return read_csv(path, &bytes).map(|grid| vec![grid]);
    }
    // A damaged file is an error of that file, whatever the reader does with it.
    std::panic::catch_unwind(|| read_workbook(&bytes))
        .unwrap_or_else(|_| Err("中身が壊れています".to_owned()))
        .map_err(|e| {
            format!(
                "{} を表計算ファイルとして読めません（{e}）。xlsx・ods・csv のいずれかで保存してください",
                path.display()
            )
        })
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    Ok(workbook
        .worksheets()
        .into_iter()
        .map(|(name, range)| Grid {
            name: name.trim().to_owned(),
            named: true,
            origin: range.start().unwrap_or((0, 0)),
            rows: range
                .rows()
                .map(|row| row.iter().map(cell).collect())
                .collect(),
        })
        .collect())
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Number(*f),
        Data::String(text) => Cell::Text(text.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(at) if at.is_duration() => Cell::Error("時間の長さ".to_owned()),
        Data::DateTime(at) => at
            .as_datetime()
            .map_or_else(|| Cell::Error("日付".to_owned()), Cell::Date),
        Data::DateTimeIso(text) => iso(text).map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// An ODS date (`2025-03-01` or `2025-03-01T00:00:00`).
fn iso(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// A CSV file: the main sheet alone, every cell text.
fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            if had_errors {
                return Err(format!(
                    "{} を UTF-8 としても Shift_JIS としても読めません。「CSV UTF-8」で保存してください",
                    path.display()
                ));
            }
            text.into_owned()
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| format!("{} を CSV として読めません（{e}）", path.display()))?;
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        name: MAIN_SHEET.to_owned(),
        named: false,
        origin: (0, 0),
        rows,
    })
}
