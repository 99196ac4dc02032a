//! `yoshiki init --sheet`: a starter workbook for the chosen forms. Each sheet has the headers,
//! a row of Japanese descriptions, list validation on every column of choices, and the example
//! applicant (`yoshiki init`'s examples, from each form's fixture), as comment rows: their `id`
//! starts with `#`, so nothing of the example is ever rendered until a person writes an id.

use rust_xlsxwriter::{
    ColNum, DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::layout::{Field, ID, Kind, Layout, Shape};
use crate::forms::Form;
use crate::starter::{example_section, sections};

/// The `id` of the example applicant's rows: a comment, until a person gives it an id.
pub const EXAMPLE_ID: &str = "# 例";

/// The description of the `id` column: a comment itself, as the whole row is.
const ID_DESCRIPTION: &str =
    "# 説明: id は申請者を区別する名前（出力フォルダの名前）。# で始まる行は読み飛ばします";

/// The rows below the header: the descriptions, then the example.
const DESCRIPTION_ROW: u32 = 1;
const FIRST_ROW: u32 = 2;
/// The last row of a sheet (Excel's limit), where the list validation ends.
const LAST_ROW: u32 = 1_048_575;

/// The starter workbook (xlsx bytes) for `forms` (every form when empty).
pub fn workbook(forms: &[&'static Form]) -> Result<Vec<u8>, String> {
    build(forms).map_err(|e| format!("表計算ファイルを作れません（{e}）"))
}

fn build(forms: &[&'static Form]) -> Result<Vec<u8>, XlsxError> {
    let layout = Layout::new();
    let sections = sections(forms, None);
    let names: Vec<&str> = sections.iter().map(|(s, _, _)| *s).collect();
    let mut example = toml::Table::new();
    for (section, _, text) in &sections {
        if let Some(value) = example_section(text, section) {
            example.insert((*section).to_owned(), value);
        }
    }
    let mut book = Workbook::new();
    // A fixed creation date: the same forms give the same bytes.
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheets = layout.sheets_of(&names);
    let mut pages = Vec::new();
    for &index in &sheets {
        let sheet = &layout.sheets[index];
        let columns: Vec<usize> = (0..sheet.columns.len())
            .filter(|&c| {
                index != 0
                    || names
                        .iter()
                        .any(|n| in_section(&sheet.columns[c].header, n))
            })
            .collect();
        let worksheet = book.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        head(worksheet, &layout, index, &columns)?;
        pages.push(Page {
            index,
            columns,
            next: FIRST_ROW,
        });
    }
    let mut filler = Filler {
        layout: &layout,
        pages,
        book: &mut book,
    };
    filler.entry(0, &layout.sheets[0].fields, &example, 0)?;
    book.save_to_buffer()
}

fn in_section(header: &str, section: &str) -> bool {
    header.split('.').next() == Some(section)
}

/// One sheet being written: its layout sheet, the layout columns it has, and its next row.
struct Page {
    index: usize,
    columns: Vec<usize>,
    next: u32,
}

impl Page {
    /// The worksheet column of a layout column (after `id` and the outer entry's number).
    fn column(&self, layout: &Layout, column: usize) -> Option<ColNum> {
        let offset = 1 + usize::from(layout.sheets[self.index].parent.is_some());
        let at = self.columns.iter().position(|c| *c == column)?;
        ColNum::try_from(offset + at).ok()
    }
}

/// The header row, the description row, column formats and list validation.
fn head(
    sheet: &mut Worksheet,
    layout: &Layout,
    index: usize,
    columns: &[usize],
) -> Result<(), XlsxError> {
    let spec = &layout.sheets[index];
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let described = Format::new()
        .set_text_wrap()
        .set_italic()
        .set_font_color("#595959");
    let mut headers = vec![(ID.to_owned(), ID_DESCRIPTION.to_owned())];
    if let (Some(outer), Some(path)) = (spec.parent, spec.parent_header(layout)) {
        headers.push((
            path.to_owned(),
            format!(
                "「{}」シートでのこの申請者の何行目の中身か（1 から）",
                layout.sheets[outer].name
            ),
        ));
    }
    let first = headers.len();
    for &c in columns {
        let column = &spec.columns[c];
        headers.push((column.header.clone(), column.description.clone()));
    }
    for (i, (name, description)) in headers.iter().enumerate() {
        let col = ColNum::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, name, &header)?;
        sheet.write_string_with_format(DESCRIPTION_ROW, col, description, &described)?;
        sheet.set_column_width(col, (name.chars().count() as f64 + 4.0).clamp(12.0, 40.0))?;
    }
    for (i, &c) in columns.iter().enumerate() {
        let col = ColNum::try_from(first + i).map_err(|_| XlsxError::RowColumnLimitError)?;
        let kind = &spec.columns[c].kind;
        sheet.set_column_format(col, &format_of(kind))?;
        let values: Vec<String> = match kind {
            Kind::Choice(values) => values.clone(),
            Kind::Bool => vec!["TRUE".to_owned(), "FALSE".to_owned()],
            _ => continue,
        };
        let validation = DataValidation::new()
            .allow_list_strings(&values)?
            .set_error_title("選べない値です")?
            .set_error_message(format!("選べる値: {}", values.join(" / ")))?;
        sheet.add_data_validation(FIRST_ROW, col, LAST_ROW, col, &validation)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// How a column shows its cells: text as text (phone numbers keep their 0), amounts grouped,
/// dates as 2025-03-01.
fn format_of(kind: &Kind) -> Format {
    match kind {
        Kind::Text | Kind::YearMonth | Kind::Choice(_) | Kind::List(_) => {
            Format::new().set_num_format("@")
        }
        Kind::Amount => Format::new().set_num_format("#,##0"),
        Kind::Date => Format::new().set_num_format("yyyy-mm-dd"),
        Kind::Integer | Kind::Decimal | Kind::Bool => Format::new(),
    }
}

/// Writes the example applicant's values into the pages.
struct Filler<'a> {
    layout: &'a Layout,
    pages: Vec<Page>,
    book: &'a mut Workbook,
}

impl Filler<'_> {
    /// One entry (the applicant's row, or an entry of an array) at the next row of its sheet.
    fn entry(
        &mut self,
        sheet: usize,
        fields: &[Field],
        values: &toml::Table,
        parent: usize,
    ) -> Result<(), XlsxError> {
        let Some(page) = self.pages.iter().position(|p| p.index == sheet) else {
            return Ok(());
        };
        let row = self.pages[page].next;
        self.pages[page].next += 1;
        let worksheet = self.book.worksheet_from_index(page)?;
        worksheet.write_string(row, 0, EXAMPLE_ID)?;
        if self.layout.sheets[sheet].parent.is_some() {
            worksheet.write_number(row, 1, parent as f64)?;
        }
        let position = (row - FIRST_ROW + 1) as usize;
        self.fields(page, row, fields, values, position)
    }

    fn fields(
        &mut self,
        page: usize,
        row: u32,
        fields: &[Field],
        values: &toml::Table,
        position: usize,
    ) -> Result<(), XlsxError> {
        for field in fields {
            let Some(value) = values.get(&field.key) else {
                continue;
            };
            match (&field.shape, value) {
                (Shape::Value(column), value) => self.value(page, row, *column, value)?,
                (Shape::Table(inner), toml::Value::Table(table)) => {
                    self.fields(page, row, inner, table, position)?;
                }
                (Shape::Rows(child), toml::Value::Array(entries)) => {
                    let fields = &self.layout.sheets[*child].fields;
                    for entry in entries.iter().filter_map(toml::Value::as_table) {
                        self.entry(*child, fields, entry, position)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn value(
        &mut self,
        page: usize,
        row: u32,
        column: usize,
        value: &toml::Value,
    ) -> Result<(), XlsxError> {
        let Some(col) = self.pages[page].column(self.layout, column) else {
            return Ok(());
        };
        let kind = &self.layout.sheets[self.pages[page].index].columns[column].kind;
        let format = format_of(kind);
        let worksheet = self.book.worksheet_from_index(page)?;
        match value {
            toml::Value::Integer(i) => {
                worksheet.write_number_with_format(row, col, *i as f64, &format)?
            }
            toml::Value::Float(f) => worksheet.write_number_with_format(row, col, *f, &format)?,
            toml::Value::Boolean(b) => worksheet.write_boolean(row, col, *b)?,
            toml::Value::Datetime(at) => match at.date {
                Some(d) => {
                    let date = ExcelDateTime::from_ymd(d.year, d.month, d.day)?;
                    worksheet.write_datetime_with_format(row, col, &date, &format)?
                }
                None => worksheet.write_string_with_format(row, col, at.to_string(), &format)?,
            },
            toml::Value::String(text) if *kind == Kind::Decimal => match text.parse::<f64>() {
                Ok(n) => worksheet.write_number_with_format(row, col, n, &format)?,
                Err(_) => worksheet.write_string(row, col, text)?,
            },
            toml::Value::String(text) => {
                worksheet.write_string_with_format(row, col, text, &format)?
            }
            toml::Value::Array(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect();
                worksheet.write_string_with_format(row, col, items.join(", "), &format)?
            }
            toml::Value::Table(_) => worksheet,
        };
        Ok(())
    }
}
