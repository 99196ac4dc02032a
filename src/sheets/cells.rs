//! One cell read as a value of the applicant file: what a spreadsheet holds (a number, a date,
//! text) turned into what the key needs, exactly, and never silently misread: a text amount such
//! as `5,000,000` is read with a warning that says how it was read; anything unclear is an error.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::layout::Kind;

/// A cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    Date(NaiveDateTime),
    /// An error value (`#N/A`).
    Error(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (an id, a header).
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty | Cell::Error(_) => String::new(),
            Cell::Text(text) => text.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.date().to_string(),
        }
    }
}

/// A value of the applicant file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scalar {
    Text(String),
    Integer(i64),
    /// Written as an integer when whole, else as a string (the format's decimal).
    Decimal(Decimal),
    Date(NaiveDate),
    Bool(bool),
    List(Vec<Scalar>),
}

/// A cell read: its value, and a warning when it was read from a form that could be misread.
pub(crate) type Read = (Scalar, Option<String>);

/// Reads `cell` as a value of `kind`: `Ok(None)` when it is empty; `Err` says what is wrong.
pub(crate) fn read(cell: &Cell, kind: &Kind) -> Result<Option<Read>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    if let Cell::Error(value) = cell {
        return Err(format!("セルがエラー値 ({value}) です"));
    }
    let read = match kind {
        Kind::Text | Kind::Choice(_) => text(cell, kind),
        Kind::Amount | Kind::Integer => integer(cell),
        Kind::Decimal => decimal(cell),
        Kind::Date => date(cell),
        Kind::YearMonth => year_month(cell),
        Kind::Bool => boolean(cell),
        Kind::List(inner) => list(cell, inner),
    }?;
    Ok(Some(read))
}

fn text(cell: &Cell, kind: &Kind) -> Result<Read, String> {
    match cell {
        Cell::Text(text) if matches!(kind, Kind::Choice(_)) => {
            Ok((Scalar::Text(text.trim().to_owned()), None))
        }
        Cell::Text(text) => Ok((Scalar::Text(text.clone()), None)),
        Cell::Number(_) | Cell::Int(_) | Cell::Date(_) if matches!(kind, Kind::Text) => {
            let text = cell.text();
            let warning = format!(
                "数値・日付のセルを文字列 \"{text}\" として読みました（先頭の 0 などが失われていないか確かめ、セルの書式を文字列にしてください）"
            );
            Ok((Scalar::Text(text), Some(warning)))
        }
        _ => Ok((Scalar::Text(cell.text()), None)),
    }
}

fn integer(cell: &Cell) -> Result<Read, String> {
    match cell {
        Cell::Int(i) => Ok((Scalar::Integer(*i), None)),
        Cell::Number(n) => whole(*n)
            .map(|i| (Scalar::Integer(i), None))
            .ok_or_else(|| {
                format!(
                    "整数ではありません ({})。整数（金額は円単位）で書いてください",
                    number_text(*n)
                )
            }),
        Cell::Text(text) => integer_text(text),
        _ => Err(format!(
            "数ではありません ({})。整数で書いてください",
            cell.text()
        )),
    }
}

/// An integer written as text: plain digits as they are; grouped (`5,000,000`), full-width, or
/// with `円` or `¥`, read with a warning.
fn integer_text(text: &str) -> Result<Read, String> {
    let written = text.trim();
    if let Ok(i) = written.parse::<i64>() {
        return Ok((Scalar::Integer(i), None));
    }
    let wide: String = written.nfkc().collect();
    let bare = wide
        .trim_start_matches(['¥', '\\'])
        .trim_end_matches('円')
        .trim();
    let (sign, digits) = match bare.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", bare),
    };
    let grouped = digits.split(',').enumerate().all(|(i, group)| {
        let len_ok = if i == 0 {
            (1..=3).contains(&group.len())
        } else {
            group.len() == 3
        };
        (len_ok || !digits.contains(',')) && group.chars().all(|c| c.is_ascii_digit())
    });
    let number = format!("{sign}{}", digits.replace(',', ""));
    match (grouped && !digits.is_empty(), number.parse::<i64>()) {
        (true, Ok(i)) => Ok((
            Scalar::Integer(i),
            Some(format!(
                "文字列 \"{written}\" を数 {i} として読みました（数値のセルにすると確実です）"
            )),
        )),
        _ => Err(format!(
            "\"{written}\" は整数として読めません（例: 5000000 または 5,000,000）"
        )),
    }
}

fn decimal(cell: &Cell) -> Result<Read, String> {
    match cell {
        Cell::Int(i) => Ok((Scalar::Decimal(Decimal::from(*i)), None)),
        Cell::Number(n) => exact(*n)
            .map(|d| (Scalar::Decimal(d), None))
            .ok_or_else(|| format!("数 {n} は扱えません")),
        Cell::Text(text) => {
            let written = text.trim();
            let wide: String = written.nfkc().collect();
            wide.parse::<Decimal>()
                .map(|d| (Scalar::Decimal(d.normalize()), None))
                .map_err(|_| format!("\"{written}\" は数として読めません（例: 6.5）"))
        }
        _ => Err(format!("数ではありません ({})", cell.text())),
    }
}

fn date(cell: &Cell) -> Result<Read, String> {
    match cell {
        Cell::Date(at) if at.time() == NaiveTime::MIN => Ok((Scalar::Date(at.date()), None)),
        Cell::Date(at) => Err(format!(
            "日付に時刻があります ({at})。日付だけを書いてください（例: 2025-03-01）"
        )),
        Cell::Number(n) => serial_date(*n)
            .map(|d| {
                let warning = format!(
                    "数 {} を日付のシリアル値として {d} と読みました（セルの書式を日付にしてください）",
                    number_text(*n)
                );
                (Scalar::Date(d), Some(warning))
            })
            .ok_or_else(|| format!("{} は日付として読めません（例: 2025-03-01）", number_text(*n))),
        Cell::Text(text) => date_text(text.trim()).map(|d| (Scalar::Date(d), None)),
        _ => Err(format!("{} は日付として読めません（例: 2025-03-01）", cell.text())),
    }
}

/// `2025-03-01` or `2025/3/1`.
fn date_text(text: &str) -> Result<NaiveDate, String> {
    let wide: String = text.nfkc().collect();
    let parts: Vec<&str> = wide.split(['-', '/']).collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            parts.iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    };
    let Some([y, m, d]) = numbers.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return Err(format!(
            "\"{text}\" は日付として読めません（例: 2025-03-01）"
        ));
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| format!("{text} は存在しない日付です"))
}

/// An Excel serial date (days since 1899-12-30; 1900 was not a leap year, whatever Excel says).
fn serial_date(n: f64) -> Option<NaiveDate> {
    let days = whole(n).filter(|d| (61..=2_958_465).contains(d))?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days as u64))
}

fn year_month(cell: &Cell) -> Result<Read, String> {
    match cell {
        // Excel turns `2025-07` typed into a cell into the date 2025-07-01.
        Cell::Date(at) if at.time() == NaiveTime::MIN && at.day() == 1 => {
            let month = at.date().format("%Y-%m").to_string();
            let warning = format!(
                "日付のセル {} を年月 {month} として読みました（セルの書式を文字列にしてください）",
                at.date()
            );
            Ok((Scalar::Text(month), Some(warning)))
        }
        Cell::Text(text) => Ok((Scalar::Text(text.trim().nfkc().collect()), None)),
        _ => Err(format!(
            "{} は年月として読めません。文字列で \"2025-07\" の形に書いてください",
            cell.text()
        )),
    }
}

fn boolean(cell: &Cell) -> Result<Read, String> {
    let value = match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Int(1) => Some(true),
        Cell::Int(0) => Some(false),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Text(text) => match text.trim().to_lowercase().as_str() {
            "true" | "はい" | "1" => Some(true),
            "false" | "いいえ" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    value
        .map(|b| (Scalar::Bool(b), None))
        .ok_or_else(|| format!("\"{}\" は TRUE か FALSE のどちらかです", cell.text()))
}

fn list(cell: &Cell, inner: &Kind) -> Result<Read, String> {
    let Cell::Text(text) = cell else {
        return read(cell, inner).map(|r| {
            let (value, warning) = r.unwrap_or((Scalar::List(Vec::new()), None));
            (Scalar::List(vec![value]), warning)
        });
    };
    let mut values = Vec::new();
    for part in text.split([',', '、', '，', '\n']).map(str::trim) {
        if let Some((value, _)) = read(&Cell::Text(part.to_owned()), inner)? {
            values.push(value);
        }
    }
    Ok((Scalar::List(values), None))
}

/// The integer a float holds, when it is whole and exact (below 2^53).
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0).then_some(n as i64)
}

/// The decimal a person wrote in a number cell: a spreadsheet keeps 15 significant digits (what
/// Excel shows and lets you type), so the float is read to 15 digits, not to its binary
/// expansion: 6.5 is 6.5, 0.1 is 0.1, and the sum 0.1 + 0.2 is 0.3 as the sheet shows it.
fn exact(n: f64) -> Option<Decimal> {
    if !n.is_finite() {
        return None;
    }
    Decimal::from_scientific(&format!("{n:.14e}"))
        .ok()
        .map(|d| d.normalize())
}

/// A number as a person reads it (`4200853`, `6.5`).
fn number_text(n: f64) -> String {
    whole(n).map_or_else(
        || exact(n).map_or_else(|| n.to_string(), |d| d.to_string()),
        |i| i.to_string(),
    )
}

/// An A1 cell address from 0-based row and column.
pub(crate) fn address(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(cell: Cell, kind: Kind) -> (Scalar, Option<String>) {
        read(&cell, &kind).unwrap().unwrap()
    }

    #[test]
    fn amounts_are_numbers_and_grouped_text_is_read_with_a_warning() {
        assert_eq!(
            ok(Cell::Number(5e6), Kind::Integer),
            (Scalar::Integer(5_000_000), None)
        );
        let (value, warning) = ok(Cell::Text("5,000,000".into()), Kind::Integer);
        assert_eq!(value, Scalar::Integer(5_000_000));
        assert!(warning.unwrap().contains("\"5,000,000\" を数 5000000"));
        assert_eq!(
            ok(Cell::Text("５，０００円".into()), Kind::Integer).0,
            Scalar::Integer(5000)
        );
        assert_eq!(
            ok(Cell::Text(" 120 ".into()), Kind::Integer),
            (Scalar::Integer(120), None)
        );
        for bad in ["5,00,000", "5.000.000", "五百万", "1e6", "12,3456"] {
            assert!(
                read(&Cell::Text(bad.into()), &Kind::Integer).is_err(),
                "{bad}"
            );
        }
        assert!(read(&Cell::Number(12.5), &Kind::Integer).is_err());
    }

    #[test]
    fn decimals_are_what_the_cell_shows() {
        let d = |text: &str| Scalar::Decimal(text.parse().unwrap());
        assert_eq!(ok(Cell::Number(6.5), Kind::Decimal).0, d("6.5"));
        assert_eq!(ok(Cell::Number(0.1 + 0.2), Kind::Decimal).0, d("0.3"));
        assert_eq!(ok(Cell::Number(50.0), Kind::Decimal).0, d("50"));
        assert_eq!(ok(Cell::Text("0.35".into()), Kind::Decimal).0, d("0.35"));
    }

    #[test]
    fn dates_are_date_cells_or_iso_text() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let midnight = day.and_time(NaiveTime::MIN);
        assert_eq!(
            ok(Cell::Date(midnight), Kind::Date),
            (Scalar::Date(day), None)
        );
        assert_eq!(
            ok(Cell::Text("2025-03-01".into()), Kind::Date).0,
            Scalar::Date(day)
        );
        assert_eq!(
            ok(Cell::Text("2025/3/1".into()), Kind::Date).0,
            Scalar::Date(day)
        );
        let (serial, warning) = ok(Cell::Number(45717.0), Kind::Date);
        assert_eq!(serial, Scalar::Date(day));
        assert!(warning.is_some());
        assert!(
            read(&Cell::Text("2025-02-30".into()), &Kind::Date)
                .unwrap_err()
                .contains("存在しない")
        );
        assert!(read(&Cell::Text("3月1日".into()), &Kind::Date).is_err());
        let month = ok(
            Cell::Date(
                NaiveDate::from_ymd_opt(2025, 7, 1)
                    .unwrap()
                    .and_time(NaiveTime::MIN),
            ),
            Kind::YearMonth,
        );
        assert_eq!(month.0, Scalar::Text("2025-07".into()));
    }

    #[test]
    fn text_cells_keep_their_text_and_numbers_in_text_columns_warn() {
        let (value, warning) = ok(Cell::Number(4_200_853.0), Kind::Text);
        assert_eq!(value, Scalar::Text("4200853".into()));
        assert!(warning.is_some());
        let list = Kind::List(Box::new(Kind::Text));
        assert_eq!(
            ok(Cell::Text("operating, net".into()), list).0,
            Scalar::List(vec![
                Scalar::Text("operating".into()),
                Scalar::Text("net".into())
            ])
        );
        assert_eq!(
            ok(Cell::Text("FALSE".into()), Kind::Bool).0,
            Scalar::Bool(false)
        );
        assert!(read(&Cell::Error("#N/A".into()), &Kind::Text).is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_cell_breaks_the_reader(
            text in ".{0,40}",
            number in proptest::num::f64::ANY,
            whole in proptest::num::i64::ANY,
        ) {
            let kinds = [
                Kind::Text, Kind::Amount, Kind::Integer, Kind::Decimal, Kind::Date,
                Kind::YearMonth, Kind::Bool, Kind::Choice(vec!["a".into()]),
                Kind::List(Box::new(Kind::Date)),
            ];
            for kind in &kinds {
                for cell in [Cell::Text(text.clone()), Cell::Number(number), Cell::Int(whole)] {
                    let _ = read(&cell, kind);
                }
            }
        }
    }

    #[test]
    fn addresses_are_a1() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 3), "D7");
        assert_eq!(address(9, 26), "AA10");
        assert_eq!(address(0, 701), "ZZ1");
    }
}
