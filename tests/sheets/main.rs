//! Spreadsheets of applicants: `batch applicants.xlsx` with good and bad rows, `import`,
//! `init --sheet` round trips, CSV, and each kind of mistake located by cell.

#[path = "../common/mod.rs"]
mod common;

mod mistakes;
mod office;
mod starter;

use std::path::Path;

use calamine::{Data, Reader};
use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

/// A workbook of `sheets`, each a list of rows of cells written as a person types them: a
/// number, a date (`2025-03-01`), `TRUE`/`FALSE`, or text (a leading `'` keeps it text); an
/// empty string is an empty cell.
pub(crate) fn workbook(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if text.is_empty() {
                    continue;
                } else if let Some(text) = text.strip_prefix('\'') {
                    sheet.write_string(r, c, text).unwrap();
                } else if let Ok(n) = text.parse::<f64>() {
                    sheet.write_number(r, c, n).unwrap();
                } else if let Ok(d) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    let d = ExcelDateTime::parse_from_str(&d.to_string()).unwrap();
                    sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else if *text == "TRUE" || *text == "FALSE" {
                    sheet.write_boolean(r, c, *text == "TRUE").unwrap();
                } else {
                    sheet.write_string(r, c, *text).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A copy of a workbook, every cell kept with its type, each `from` id renamed `to`: what a
/// person does who fills in the starter by giving its example rows an id.
pub(crate) fn refill(from: &Path, to: &Path, renames: &[(&str, &str)]) {
    let mut source = calamine::open_workbook_auto(from).unwrap();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for name in source.sheet_names() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (top, left) = range.start().unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (top + r as u32, (left as usize + c) as u16);
                match cell {
                    Data::String(text) => {
                        let text = renames
                            .iter()
                            .find(|(from, _)| from == text)
                            .map_or(text.as_str(), |(_, to)| to);
                        sheet.write_string(r, c, text).unwrap();
                    }
                    Data::Float(n) => drop(sheet.write_number(r, c, *n).unwrap()),
                    Data::Int(n) => drop(sheet.write_number(r, c, *n as f64).unwrap()),
                    Data::Bool(b) => drop(sheet.write_boolean(r, c, *b).unwrap()),
                    Data::DateTime(d) => {
                        let d = ExcelDateTime::from_serial_datetime(d.as_f64()).unwrap();
                        sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                    }
                    Data::Empty => {}
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
    }
    book.save(to).unwrap();
}

pub(crate) fn run(args: &[&str]) -> std::process::Output {
    yoshiki(args)
}

pub(crate) fn report(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap()
}

/// The applicant the tests' workbooks share: the STS fixture's, in cells.
pub(crate) const MAIN_HEADER: [&str; 11] = [
    "id",
    "applicant.name",
    "applicant.address",
    "applicant.representative_title",
    "applicant.representative_name",
    "investment_report.program",
    "investment_report.phase",
    "investment_report.round",
    "investment_report.date",
    "investment_report.eligible_cost",
    "pledge.date",
];

pub(crate) fn main_row<'a>(id: &'a str, name: &'a str) -> Vec<&'a str> {
    vec![
        id,
        name,
        "静岡県静岡市葵区追手町9番6号",
        "代表取締役",
        "山田 太郎",
        "DTSU",
        "STS",
        "7",
        "2025-03-01",
        "300000000",
        "",
    ]
}

pub(crate) const INVESTMENT_HEADER: [&str; 5] =
    ["id", "investor", "investor_kind", "date", "amount"];

/// Four applicants: A001 good; A002 an amount no one can read; A003 an amount written as text
/// (read, with a warning); A004 a shortfall (an error of the rules, located at its rows); and a
/// row for an applicant the main sheet does not have.
pub(crate) fn office_workbook(path: &Path) {
    let mut main = vec![MAIN_HEADER.to_vec(), vec!["# 説明行は読み飛ばす"]];
    for (id, name) in [
        ("A001", "株式会社テックシード"),
        ("A002", "株式会社ミライ素材"),
        ("A003", "合同会社ふじのくにラボ"),
        ("A004", "株式会社駿河バイオ"),
    ] {
        main.push(main_row(id, name));
    }
    let investments = vec![
        INVESTMENT_HEADER.to_vec(),
        vec![
            "A001",
            "ABCベンチャーキャピタル株式会社",
            "vc",
            "2024-10-15",
            "100000000",
        ],
        vec![
            "A002",
            "ABCベンチャーキャピタル株式会社",
            "vc",
            "2024-10-15",
            "'五百万",
        ],
        vec![
            "A003",
            "ABCベンチャーキャピタル株式会社",
            "vc",
            "2024-10-15",
            "'100,000,000",
        ],
        vec![
            "A004",
            "ABCベンチャーキャピタル株式会社",
            "vc",
            "2024-10-15",
            "60000000",
        ],
        vec![
            "A004",
            "XYZコーポレートベンチャーズ合同会社",
            "cvc",
            "2024-11-20",
            "30000000",
        ],
        vec![
            "A999",
            "ABCベンチャーキャピタル株式会社",
            "vc",
            "2024-10-15",
            "100000000",
        ],
    ];
    workbook(path, &[("申請者", main), ("出資", investments)]);
}
