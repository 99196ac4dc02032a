//! Spreadsheets of applicants: `yoshiki batch applicants.xlsx`, `yoshiki import` and
//! `yoshiki init --sheet`.
//!
//! A workbook is read into sheets of cells ([`grid`]); the [`layout`], derived from the
//! applicant file's schema, says which sheet and column holds which key; each applicant's rows
//! become the TOML text of an applicant file ([`convert`], [`emit`]), which runs the one render
//! path like any file. Every diagnostic about that text is then located back to the cell its key
//! came from ([`SheetApplicant::relocate`]), so the PDFs are those of the equivalent TOML file
//! and the errors name the file, the sheet and the cell.

mod cells;
mod convert;
mod emit;
mod grid;
mod layout;
mod rows;
mod starter;

pub use grid::is_spreadsheet;
pub use starter::{EXAMPLE_ID, workbook as starter};

use std::collections::HashMap;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::keypath::KeyPath;
use layout::Layout;

/// One applicant of a spreadsheet: its id, the TOML text its rows make, and what reading its
/// cells found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetApplicant {
    pub id: String,
    /// The cell of its id on the main sheet (`申請者!A5`), where a finding about the whole
    /// applicant points.
    pub row: String,
    /// The applicant file its rows make (what `yoshiki import` writes).
    pub toml: String,
    /// Errors and warnings of reading its cells, each located by cell.
    pub problems: Vec<Diagnostic>,
    /// The cell each key came from.
    cells: HashMap<KeyPath, String>,
}

impl SheetApplicant {
    /// An applicant that only some stray rows name: nothing to render, only errors.
    fn failed(id: &str, at: &str) -> Self {
        SheetApplicant {
            id: id.to_owned(),
            row: at.to_owned(),
            toml: String::new(),
            problems: Vec::new(),
            cells: HashMap::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// A diagnostic about the TOML text, located at the cell of its key (or of the nearest key
    /// above it that came from a cell; else the applicant's row).
    pub fn relocate(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        let mut path = diagnostic.key.clone();
        let cell = loop {
            if let Some(cell) = self.cells.get(&path) {
                break cell.clone();
            }
            match path.parent() {
                Some(parent) => path = parent,
                None => break self.row.clone(),
            }
        };
        diagnostic.cell = Some(cell);
        diagnostic.position = None;
        diagnostic.span = None;
        diagnostic
    }
}

/// Every applicant of a spreadsheet file, in the order of its main sheet (then any applicant
/// only stray rows name). `Err` when the file cannot be read as a workbook of applicants at
/// all.
pub fn read(path: &Path) -> Result<Vec<SheetApplicant>, String> {
    let grids = grid::read(path)?;
    convert::convert(path, &grids, &Layout::new())
}
