//! Each sheet of a workbook bound to its sheet of the layout: which column is which, which rows
//! belong to which applicant, and the rows and cells that fit nowhere (strays), each an error.
//!
//! A row whose `id` starts with `#` is a comment (the starter's descriptions and example); an
//! empty row is nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::grid::Grid;
use super::layout::{ID, Layout, MAIN_SHEET};
use crate::load::suggestion;

/// A data row: its index in the grid's rows, its applicant, and for a sheet inside another the
/// number of the outer entry (among the applicant's rows of the outer sheet).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) index: usize,
    pub(crate) id: String,
    pub(crate) parent: Option<usize>,
}

/// Something written where it fits nowhere, for the applicant it names (or none: `id` empty).
#[derive(Debug, Clone)]
pub(crate) struct Stray {
    pub(crate) id: String,
    pub(crate) at: String,
    pub(crate) message: String,
}

/// A sheet of the workbook read as a sheet of the layout.
#[derive(Debug)]
pub(crate) struct Bound<'a> {
    pub(crate) grid: &'a Grid,
    /// The `id` column.
    pub(crate) id: usize,
    /// For each of the layout's columns, the workbook's column that holds it.
    pub(crate) columns: Vec<Option<usize>>,
    /// The data rows, in sheet order.
    pub(crate) rows: Vec<Row>,
    /// Each applicant's rows (indices into `rows`), in sheet order.
    by_id: HashMap<String, Vec<usize>>,
}

impl Bound<'_> {
    /// The place (1-based) of row `index` among the rows of applicant `id`.
    pub(crate) fn position(&self, id: &str, index: usize) -> usize {
        self.rows_of(id)
            .position(|r| r.index == index)
            .map_or(0, |p| p + 1)
    }

    /// The rows of applicant `id`, in sheet order.
    pub(crate) fn rows_of<'r>(&'r self, id: &str) -> impl Iterator<Item = &'r Row> + 'r {
        let indices = self.by_id.get(id).map_or(&[][..], Vec::as_slice);
        indices.iter().map(|&i| &self.rows[i])
    }

    fn count(&self, id: &str) -> usize {
        self.by_id.get(id).map_or(0, Vec::len)
    }

    fn push(&mut self, row: Row) {
        self.by_id
            .entry(row.id.clone())
            .or_default()
            .push(self.rows.len());
        self.rows.push(row);
    }
}

/// The workbook's sheets bound to the layout's (`None`: the workbook lacks it), and the strays.
#[derive(Debug)]
pub(crate) struct Bindings<'a> {
    pub(crate) sheets: Vec<Option<Bound<'a>>>,
    pub(crate) strays: Vec<Stray>,
}

pub(crate) fn bind<'a>(
    file: &Path,
    grids: &'a [Grid],
    layout: &Layout,
) -> Result<Bindings<'a>, String> {
    let main = grids
        .iter()
        .position(|g| g.name == MAIN_SHEET)
        .or_else(|| (!grids.is_empty()).then_some(0))
        .ok_or_else(|| format!("{} にシートがありません", file.display()))?;
    let mut binder = Binder {
        file,
        layout,
        ids: HashSet::new(),
        bindings: Bindings {
            sheets: Vec::new(),
            strays: Vec::new(),
        },
    };
    for (index, sheet) in layout.sheets.iter().enumerate() {
        let grid = grids
            .iter()
            .enumerate()
            .find(|(i, g)| (index == 0) == (*i == main) && (index == 0 || g.name == sheet.name))
            .map(|(_, g)| g);
        let bound = grid.map(|grid| binder.sheet(index, grid)).transpose()?;
        binder.bindings.sheets.push(bound);
    }
    let mut bindings = binder.bindings;
    unknown_sheets(grids, main, layout, &mut bindings.strays);
    Ok(bindings)
}

/// The sheets bound so far, and the ids of the main sheet.
struct Binder<'a, 'g> {
    file: &'a Path,
    layout: &'a Layout,
    ids: HashSet<String>,
    bindings: Bindings<'g>,
}

impl<'g> Binder<'_, 'g> {
    /// Sheet `index` of the layout read from `grid`.
    fn sheet(&mut self, index: usize, grid: &'g Grid) -> Result<Bound<'g>, String> {
        let sheet = &self.layout.sheets[index];
        let mut headers: Vec<String> = sheet.columns.iter().map(|c| c.header.clone()).collect();
        let parent = sheet.parent_header(self.layout);
        headers.extend(parent.map(str::to_owned));
        let columns = columns(self.file, grid, &headers)?;
        let parent_column = match parent {
            Some(header) => Some(columns[headers.len() - 1].ok_or_else(|| {
                format!(
                    "{}: 「{}」シートの 1 行目に `{header}` の列がありません（各行がどの行の中身かを、外側のシートでのこの申請者の行の番号で書く列です）",
                    self.file.display(),
                    grid.name
                )
            })?),
            None => None,
        };
        let mut bound = Bound {
            grid,
            id: columns.id,
            columns: columns.known[..sheet.columns.len()].to_vec(),
            rows: Vec::new(),
            by_id: HashMap::new(),
        };
        for (row, id) in data_rows(grid, columns.id) {
            columns.strays(grid, row, &id, &mut self.bindings.strays);
            let outer = sheet.parent.zip(parent_column);
            if let Some(row) = self.row(index, &bound, row, id, outer) {
                bound.push(row);
            }
        }
        Ok(bound)
    }

    /// A data row of sheet `index`, when it names an applicant of the main sheet and, for a
    /// sheet inside another, an entry of the outer sheet; else a stray.
    fn row(
        &mut self,
        index: usize,
        bound: &Bound<'_>,
        row: usize,
        id: String,
        outer: Option<(usize, usize)>,
    ) -> Option<Row> {
        let grid = bound.grid;
        let mut stray = |at: String, message: String| {
            self.bindings.strays.push(Stray {
                id: id.clone(),
                at,
                message,
            });
        };
        if id.is_empty() {
            let message = format!("{ID} が空です。この行の申請者の {ID} を書いてください");
            stray(grid.location(row, bound.id), message);
            return None;
        }
        if index == 0 {
            self.ids.insert(id.clone());
        } else if !self.ids.contains(&id) {
            let message = format!("「{MAIN_SHEET}」シートに {ID} が \"{id}\" の行がありません");
            stray(grid.location(row, bound.id), message);
            return None;
        }
        let parent = match outer {
            Some((sheet, column)) => {
                let count = self.bindings.sheets[sheet]
                    .as_ref()
                    .map_or(0, |b| b.count(&id));
                match entry_number(grid.cell(row, column).text(), count) {
                    Ok(n) => Some(n),
                    Err(message) => {
                        stray(grid.location(row, column), message);
                        return None;
                    }
                }
            }
            None => None,
        };
        Some(Row {
            index: row,
            id,
            parent,
        })
    }
}

/// The number of an outer entry: 1 to the applicant's rows of the outer sheet.
fn entry_number(text: String, count: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(n),
        _ if count == 0 => Err(format!(
            "\"{text}\" 番目の行がありません（外側のシートにこの申請者の行がありません）"
        )),
        _ => Err(format!(
            "\"{text}\" は外側のシートでのこの申請者の行の番号ではありません（1 から {count} まで）"
        )),
    }
}

/// The data rows of a sheet (after the header, neither empty nor comments), with their id.
fn data_rows(grid: &Grid, id: usize) -> impl Iterator<Item = (usize, String)> + '_ {
    (1..grid.rows.len()).filter_map(move |row| {
        let cells = &grid.rows[row];
        let id = grid.cell(row, id).text();
        let empty = cells.iter().all(super::cells::Cell::is_empty);
        (!empty && !id.starts_with('#')).then_some((row, id))
    })
}

/// Which workbook column holds each header, and the columns no header of the layout names.
struct Columns {
    id: usize,
    known: Vec<Option<usize>>,
    unknown: Vec<(usize, String, Option<String>)>,
}

impl std::ops::Index<usize> for Columns {
    type Output = Option<usize>;
    fn index(&self, i: usize) -> &Option<usize> {
        &self.known[i]
    }
}

impl Columns {
    /// A value under a header the layout does not have: an error of its row's applicant.
    fn strays(&self, grid: &Grid, row: usize, id: &str, out: &mut Vec<Stray>) {
        for (column, header, near) in &self.unknown {
            if grid.cell(row, *column).is_empty() {
                continue;
            }
            let message = match (header.is_empty(), near) {
                (true, _) => {
                    "見出しのない列に値があります（1 行目に列の見出しを書いてください）".to_owned()
                }
                (false, Some(near)) => {
                    format!("不明な列 `{header}` です（`{near}` の書き間違いではありませんか？）")
                }
                (false, None) => format!(
                    "不明な列 `{header}` です（列の見出しは申請者ファイルのキーです。yoshiki init --sheet の見本を参照）"
                ),
            };
            out.push(Stray {
                id: id.to_owned(),
                at: grid.location(row, *column),
                message,
            });
        }
    }
}

/// The header row of `grid` against the layout's `headers`.
fn columns(file: &Path, grid: &Grid, headers: &[String]) -> Result<Columns, String> {
    let mut known = vec![None; headers.len()];
    let mut id = None;
    let mut unknown = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let header_row = grid.rows.first().map_or(&[][..], Vec::as_slice);
    for (column, cell) in header_row.iter().enumerate() {
        let header = cell.text();
        if header.is_empty() {
            unknown.push((column, header, None));
            continue;
        }
        if let Some(first) = seen.insert(header.clone(), column) {
            return Err(format!(
                "{}: 「{}」シートの {} と {} が同じ見出し `{header}` です。列の見出しは一つずつにしてください",
                file.display(),
                grid.name,
                grid.location(0, first),
                grid.location(0, column)
            ));
        }
        if header == ID {
            id = Some(column);
        } else if let Some(i) = headers.iter().position(|h| *h == header) {
            known[i] = Some(column);
        } else {
            let near = suggestion(&header, headers);
            unknown.push((column, header, near));
        }
    }
    let id = id.ok_or_else(|| {
        format!(
            "{}: 「{}」シートの 1 行目に `{ID}` の列がありません（各行の申請者を区別する列です）",
            file.display(),
            grid.name
        )
    })?;
    Ok(Columns { id, known, unknown })
}

/// Sheets the layout does not have: notes are fine, but a sheet with an `id` column holds rows
/// for applicants that yoshiki would otherwise drop (a misspelt sheet name): each is an error.
fn unknown_sheets(grids: &[Grid], main: usize, layout: &Layout, strays: &mut Vec<Stray>) {
    let names: Vec<String> = layout.sheets.iter().map(|s| s.name.clone()).collect();
    for (index, grid) in grids.iter().enumerate() {
        if index == main || names[1..].contains(&grid.name) {
            continue;
        }
        let header = grid.rows.first().map_or(&[][..], Vec::as_slice);
        let Some(id) = header.iter().position(|c| c.text() == ID) else {
            continue;
        };
        let near = suggestion(&grid.name, &names).map_or_else(String::new, |n| {
            format!("「{n}」の書き間違いではありませんか？ ")
        });
        for (row, row_id) in data_rows(grid, id) {
            strays.push(Stray {
                id: row_id,
                at: grid.location(row, id),
                message: format!(
                    "シート「{}」は yoshiki の表ではありません（{near}使えるシート: {}）",
                    grid.name,
                    names.join("、")
                ),
            });
        }
    }
}
