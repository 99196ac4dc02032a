//! The layout of a spreadsheet of applicants, derived from the JSON Schema of the applicant file
//! (so it follows the format and never names a form):
//!
//! - the main sheet, 申請者: one row per applicant, an `id` column, then one column per value
//!   reached from the root through tables (`applicant.name`, `budget.income.subsidy.amount`);
//! - one sheet per array of tables (`x-sheet` in the schema: 出資, 支出, …): one row per entry,
//!   its applicant's `id`, for a table inside an entry of another the number of that entry
//!   among the applicant's rows of the outer sheet, then the entry's values (`investor`,
//!   `amount`).

use serde_json::Value;

use crate::schema::{choice_values, description, resolve, schema};

/// The main sheet's name.
pub(crate) const MAIN_SHEET: &str = "申請者";
/// The header of the column naming each row's applicant.
pub(crate) const ID: &str = "id";

/// What a cell holds, and how it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// Whole yen.
    Amount,
    /// Whole numbers: years, counts.
    Integer,
    /// An exact decimal (数量 6.5).
    Decimal,
    Date,
    /// `YYYY-MM`.
    YearMonth,
    Bool,
    /// One of these strings.
    Choice(Vec<String>),
    /// Several values in one cell, separated by commas.
    List(Box<Kind>),
}

/// One column of a sheet.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Its header: the key path below the sheet's rows (the root for the main sheet).
    pub(crate) header: String,
    pub(crate) kind: Kind,
    /// What it means and how to write it, in Japanese (the schema's description): the starter's
    /// row of descriptions.
    pub(crate) description: String,
    /// How to write it (`日付（例: 2025-03-01）`), for the hint of an error; empty for text.
    pub(crate) how: String,
}

/// How a row's values make a table of the applicant file.
#[derive(Debug, Clone)]
pub(crate) enum Shape {
    /// A value: the column (of the row's sheet) it is in.
    Value(usize),
    /// A table: its keys in the schema's order.
    Table(Vec<Field>),
    /// An array of tables: the sheet its entries are on.
    Rows(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) key: String,
    pub(crate) shape: Shape,
    pub(crate) required: bool,
}

/// One sheet: the main sheet, or the entries of one array of tables.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub(crate) name: String,
    /// The key path of its array (`budget.expenses.items`); empty for the main sheet.
    pub(crate) path: String,
    /// The sheet whose entries hold this sheet's arrays, when it is not the main sheet.
    pub(crate) parent: Option<usize>,
    pub(crate) columns: Vec<Column>,
    /// The keys of one row's table.
    pub(crate) fields: Vec<Field>,
}

impl Sheet {
    /// The header of the column that names the outer entry (`budget.expenses`).
    pub(crate) fn parent_header<'a>(&self, layout: &'a Layout) -> Option<&'a str> {
        self.parent.map(|p| layout.sheets[p].path.as_str())
    }
}

/// Every sheet: the main sheet first, then each array's in the schema's order.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) sheets: Vec<Sheet>,
}

impl Layout {
    /// The layout of the whole applicant file.
    pub(crate) fn new() -> Self {
        let schema = schema();
        let mut builder = Builder {
            definitions: schema.get("$defs").cloned().unwrap_or_default(),
            sheets: vec![Sheet {
                name: MAIN_SHEET.to_owned(),
                path: String::new(),
                parent: None,
                columns: Vec::new(),
                fields: Vec::new(),
            }],
        };
        let fields = builder.table(0, "", "", &schema);
        builder.sheets[0].fields = fields;
        Layout {
            sheets: builder.sheets,
        }
    }

    /// The sheets a file with these top-level sections has (the main sheet always).
    pub(crate) fn sheets_of(&self, sections: &[&str]) -> Vec<usize> {
        (0..self.sheets.len())
            .filter(|&i| {
                let path = &self.sheets[i].path;
                i == 0 || sections.iter().any(|s| path.split('.').next() == Some(*s))
            })
            .collect()
    }
}

struct Builder {
    definitions: Value,
    sheets: Vec<Sheet>,
}

impl Builder {
    /// The fields of a table, adding its values' columns to `sheet`. `prefix` is the key path
    /// below the sheet's rows, `path` the key path in the file (for the arrays' sheets).
    fn table(&mut self, sheet: usize, prefix: &str, path: &str, schema: &Value) -> Vec<Field> {
        let resolved = resolve(&self.definitions, schema).clone();
        let required: Vec<&str> = resolved
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(properties) = resolved.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        properties
            .iter()
            .map(|(key, property)| {
                let join = |base: &str| {
                    if base.is_empty() {
                        key.clone()
                    } else {
                        format!("{base}.{key}")
                    }
                };
                let required = required.contains(&key.as_str());
                let shape = self.shape(sheet, &join(prefix), &join(path), property, required);
                Field {
                    key: key.clone(),
                    shape,
                    required,
                }
            })
            .collect()
    }

    fn shape(
        &mut self,
        sheet: usize,
        header: &str,
        path: &str,
        property: &Value,
        required: bool,
    ) -> Shape {
        let resolved = resolve(&self.definitions, property).clone();
        if resolved.get("properties").is_some() {
            return Shape::Table(self.table(sheet, header, path, property));
        }
        let items = resolved
            .get("items")
            .map(|i| resolve(&self.definitions, i).clone());
        if let Some(items) = items.filter(|i| i.get("properties").is_some()) {
            let index = self.sheets.len();
            let name = property
                .get("x-sheet")
                .and_then(Value::as_str)
                .map_or_else(|| path.to_owned(), str::to_owned);
            self.sheets.push(Sheet {
                name,
                path: path.to_owned(),
                parent: (sheet != 0).then_some(sheet),
                columns: Vec::new(),
                fields: Vec::new(),
            });
            let fields = self.table(index, "", path, &items);
            self.sheets[index].fields = fields;
            return Shape::Rows(index);
        }
        let kind = self.kind(property);
        let how = how(&kind);
        let meaning = description(property, &resolved).unwrap_or_default();
        let need = if required {
            "（必須）"
        } else {
            "（省略可）"
        };
        let text = match (meaning.is_empty(), how.is_empty()) {
            (false, false) => format!("{meaning}。{how}{need}"),
            _ => format!("{meaning}{how}{need}"),
        };
        let columns = &mut self.sheets[sheet].columns;
        columns.push(Column {
            header: header.to_owned(),
            kind,
            description: text,
            how,
        });
        Shape::Value(columns.len() - 1)
    }

    /// The kind of a value: the format's own types by name, the rest by JSON type.
    fn kind(&self, property: &Value) -> Kind {
        let named = property
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.rsplit('/').next());
        match named {
            Some("Yen") => return Kind::Amount,
            Some("Date") => return Kind::Date,
            Some("Quantity") => return Kind::Decimal,
            Some("YearMonth") => return Kind::YearMonth,
            _ => {}
        }
        let resolved = resolve(&self.definitions, property);
        let values = choice_values(resolved);
        if !values.is_empty() {
            return Kind::Choice(values);
        }
        match resolved.get("type").and_then(Value::as_str) {
            Some("integer") => Kind::Integer,
            Some("boolean") => Kind::Bool,
            Some("array") => Kind::List(Box::new(
                resolved
                    .get("items")
                    .map_or(Kind::Text, |items| self.kind(items)),
            )),
            _ => Kind::Text,
        }
    }
}

/// How a value of a kind is written in a cell.
fn how(kind: &Kind) -> String {
    match kind {
        Kind::Text => String::new(),
        Kind::Amount => "金額（円、整数）".to_owned(),
        Kind::Integer => "整数".to_owned(),
        Kind::Decimal => "数（小数可）".to_owned(),
        Kind::Date => "日付（例: 2025-03-01）".to_owned(),
        Kind::YearMonth => "年月（文字列で 2025-07）".to_owned(),
        Kind::Bool => "TRUE または FALSE".to_owned(),
        Kind::Choice(values) => format!("選べる値: {}", values.join(" / ")),
        Kind::List(inner) => match how(inner) {
            inner if inner.is_empty() => "複数はコンマで区切る".to_owned(),
            inner => format!("複数はコンマで区切る。{inner}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_array_of_tables_has_a_sheet_with_a_name_excel_accepts() {
        let layout = Layout::new();
        let names: Vec<&str> = layout.sheets.iter().map(|s| s.name.as_str()).collect();
        for (i, sheet) in layout.sheets.iter().enumerate() {
            assert!(
                !sheet.path.contains(&sheet.name),
                "{} has no x-sheet",
                sheet.path
            );
            assert!(sheet.name.chars().count() <= 31, "{}", sheet.name);
            assert!(!sheet.name.contains(['[', ']', ':', '*', '?', '/', '\\']));
            assert!(
                !names[i + 1..].contains(&sheet.name.as_str()),
                "{}",
                sheet.name
            );
        }
        let main = &layout.sheets[0];
        assert_eq!(main.columns[0].header, "applicant.name");
        let items = layout
            .sheets
            .iter()
            .find(|s| s.path == "budget.expenses.items")
            .unwrap();
        assert_eq!(items.parent_header(&layout), Some("budget.expenses"));
        let quantity = items
            .columns
            .iter()
            .find(|c| c.header == "quantity")
            .unwrap();
        assert_eq!(quantity.kind, Kind::Decimal);
        let kind = layout
            .sheets
            .iter()
            .flat_map(|s| &s.columns)
            .find(|c| c.header == "investor_kind")
            .unwrap();
        assert!(matches!(&kind.kind, Kind::Choice(v) if v.contains(&"cvc".to_owned())));
    }
}
