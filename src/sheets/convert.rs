//! A workbook's rows → one applicant file per applicant: its TOML text, where each of its keys
//! came from (key path → cell), and what reading the cells found, located by cell.

use std::collections::HashMap;
use std::path::Path;

use super::SheetApplicant;
use super::cells;
use super::emit::{Node, document};
use super::grid::Grid;
use super::layout::{Field, ID, Layout, MAIN_SHEET, Shape};
use super::rows::{Bound, Row, Stray, bind};
use crate::diag::{Diagnostic, Severity};
use crate::keypath::KeyPath;

/// Every applicant of a workbook, in the order of the main sheet; rows that name no applicant
/// of it come last, as applicants that fail. `Err` when the workbook's shape is wrong (no main
/// sheet, no `id` column, a header twice), which no applicant can be read without.
pub(crate) fn convert(
    file: &Path,
    grids: &[Grid],
    layout: &Layout,
) -> Result<Vec<SheetApplicant>, String> {
    let bindings = bind(file, grids, layout)?;
    let bound = &bindings.sheets;
    let main = bound[0]
        .as_ref()
        .ok_or_else(|| format!("{} に「{MAIN_SHEET}」シートがありません", file.display()))?;
    let mut applicants: Vec<SheetApplicant> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for row in &main.rows {
        if let Some(&first) = by_id.get(&row.id) {
            let message = format!(
                "id \"{}\" が二度書かれています（{} と同じ）。id は申請者ごとに一つにしてください",
                row.id, applicants[first].row
            );
            let at = main.grid.location(row.index, main.id);
            applicants[first]
                .problems
                .push(problem(file, &at, KeyPath::root(), message));
            continue;
        }
        by_id.insert(row.id.clone(), applicants.len());
        let mut build = Build::new(file, layout, bound, row);
        let root = build.root(row);
        applicants.push(build.finish(root));
    }
    attach_strays(file, &bindings.strays, &mut applicants, &mut by_id);
    Ok(applicants)
}

/// What fits nowhere (an unknown id, no id, an outer entry that is not there, an unknown
/// column or sheet): each an error of the applicant it names, or of one made for it.
fn attach_strays(
    file: &Path,
    strays: &[Stray],
    applicants: &mut Vec<SheetApplicant>,
    by_id: &mut HashMap<String, usize>,
) {
    for stray in strays {
        let index = *by_id.entry(stray.id.clone()).or_insert_with(|| {
            applicants.push(SheetApplicant::failed(&stray.id, &stray.at));
            applicants.len() - 1
        });
        let diagnostic = problem(file, &stray.at, KeyPath::root(), stray.message.clone());
        applicants[index].problems.push(diagnostic);
    }
}

fn problem(file: &Path, cell: &str, key: KeyPath, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: None,
        span: None,
        cell: Some(cell.to_owned()),
        key,
        message,
        help: None,
    }
}

/// A table being read: its keys, whether anything was written in it, and the required values
/// it lacks (errors only if the table turns out to be there).
#[derive(Default)]
struct Part {
    entries: Vec<(String, Node)>,
    written: bool,
    missing: Vec<Diagnostic>,
}

/// One applicant being read.
struct Build<'a> {
    file: &'a Path,
    layout: &'a Layout,
    bound: &'a [Option<Bound<'a>>],
    id: String,
    /// The id cell of the applicant's row on the main sheet.
    row: String,
    cells: HashMap<KeyPath, String>,
    problems: Vec<Diagnostic>,
}

impl<'a> Build<'a> {
    fn new(file: &'a Path, layout: &'a Layout, bound: &'a [Option<Bound<'a>>], row: &Row) -> Self {
        let main = bound[0].as_ref().expect("the main sheet is bound");
        Build {
            file,
            layout,
            bound,
            id: row.id.clone(),
            row: main.grid.location(row.index, main.id),
            cells: HashMap::new(),
            problems: Vec::new(),
        }
    }

    fn root(&mut self, row: &Row) -> Part {
        self.cells.insert(KeyPath::root(), self.row.clone());
        let fields = &self.layout.sheets[0].fields;
        let mut part = self.table(fields, 0, row.index, 0, &KeyPath::root());
        self.problems.append(&mut part.missing);
        part
    }

    fn finish(self, root: Part) -> SheetApplicant {
        let head = format!(
            "# {} の id {}（{}）\n",
            self.file.display(),
            self.id,
            self.row
        );
        SheetApplicant {
            id: self.id,
            row: self.row,
            toml: head + &document(&root.entries),
            problems: self.problems,
            cells: self.cells,
        }
    }

    /// The keys of a table from row `row` of sheet `sheet`, the applicant's `entry`-th row there
    /// (1-based; 0 on the main sheet).
    fn table(
        &mut self,
        fields: &[Field],
        sheet: usize,
        row: usize,
        entry: usize,
        path: &KeyPath,
    ) -> Part {
        let mut part = Part::default();
        for field in fields {
            let key = path.key(&field.key);
            match &field.shape {
                Shape::Value(column) => self.value(&mut part, field, sheet, row, *column, key),
                Shape::Table(inner) => {
                    let mut child = self.table(inner, sheet, row, entry, &key);
                    if let Some(cell) = first_cell(&self.cells, &key, inner) {
                        self.cells.insert(key.clone(), cell);
                    }
                    if child.written {
                        part.written = true;
                        part.entries
                            .push((field.key.clone(), Node::Table(child.entries)));
                        part.missing.append(&mut child.missing);
                    } else if field.required {
                        part.missing.append(&mut child.missing);
                    }
                }
                Shape::Rows(child) => self.rows(&mut part, field, sheet, entry, *child, key),
            }
        }
        part
    }

    fn value(
        &mut self,
        part: &mut Part,
        field: &Field,
        sheet: usize,
        row: usize,
        column: usize,
        key: KeyPath,
    ) {
        let bound = self.bound[sheet]
            .as_ref()
            .expect("a sheet with rows is bound");
        let spec = &self.layout.sheets[sheet].columns[column];
        let Some(at) = bound.columns[column] else {
            if field.required {
                let message = format!(
                    "必須の列 `{}` がシート「{}」にありません",
                    spec.header, bound.grid.name
                );
                let here = bound.grid.location(row, bound.id);
                part.missing.push(problem(self.file, &here, key, message));
            }
            return;
        };
        let here = bound.grid.location(row, at);
        self.cells.insert(key.clone(), here.clone());
        match cells::read(bound.grid.cell(row, at), &spec.kind) {
            Ok(None) if field.required => {
                let message = format!("必須の値 `{}` が空です", spec.header);
                let mut missing = problem(self.file, &here, key, message);
                missing.help = Some(spec.description.clone());
                part.missing.push(missing);
            }
            Ok(None) => {}
            Ok(Some((value, warning))) => {
                part.written = true;
                part.entries.push((field.key.clone(), Node::Value(value)));
                if let Some(warning) = warning {
                    let mut note = problem(self.file, &here, key, warning);
                    note.severity = Severity::Warning;
                    self.problems.push(note);
                }
            }
            Err(message) => {
                part.written = true;
                let mut error = problem(self.file, &here, key, message);
                error.help = (!spec.how.is_empty()).then(|| spec.how.clone());
                self.problems.push(error);
            }
        }
    }

    /// An array of tables: the applicant's rows of sheet `child` (those of its `entry`-th row
    /// of `sheet`, for an array inside an entry).
    fn rows(
        &mut self,
        part: &mut Part,
        field: &Field,
        sheet: usize,
        entry: usize,
        child: usize,
        key: KeyPath,
    ) {
        let Some(bound) = self.bound[child].as_ref() else {
            if field.required {
                let message = format!(
                    "必須の表 `{}` のシート「{}」がありません",
                    self.layout.sheets[child].path, self.layout.sheets[child].name
                );
                part.missing
                    .push(problem(self.file, &self.row.clone(), key, message));
            }
            return;
        };
        let nested = sheet != 0;
        let rows: Vec<Row> = bound
            .rows_of(&self.id)
            .filter(|r| !nested || r.parent == Some(entry))
            .cloned()
            .collect();
        if rows.is_empty() {
            if field.required {
                let message = format!(
                    "必須の表 `{}` の行がありません（シート「{}」に {ID} が {} の行を書いてください）",
                    self.layout.sheets[child].path, bound.grid.name, self.id
                );
                part.missing
                    .push(problem(self.file, &self.row.clone(), key, message));
            }
            return;
        }
        let mut entries = Vec::new();
        let fields = &self.layout.sheets[child].fields;
        for (i, row) in rows.iter().enumerate() {
            let at = bound.grid.location(row.index, bound.id);
            let path = key.index(i);
            self.cells.entry(key.clone()).or_insert_with(|| at.clone());
            self.cells.insert(path.clone(), at);
            let position = bound.position(&self.id, row.index);
            let mut entry = self.table(fields, child, row.index, position, &path);
            self.problems.append(&mut entry.missing);
            entries.push(entry.entries);
        }
        part.written = true;
        part.entries.push((field.key.clone(), Node::Rows(entries)));
    }
}

/// The cell of a table's first value, where a finding about the table as a whole points.
fn first_cell(
    cells: &HashMap<KeyPath, String>,
    path: &KeyPath,
    fields: &[Field],
) -> Option<String> {
    fields.iter().find_map(|field| {
        let key = path.key(&field.key);
        match &field.shape {
            Shape::Value(_) => cells.get(&key).cloned(),
            Shape::Table(inner) => first_cell(cells, &key, inner),
            Shape::Rows(_) => None,
        }
    })
}
