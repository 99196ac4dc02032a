//! 和暦: the Japanese era calendar the 静岡県 forms print (`令和5年7月20日`, `令和5年度`).
//!
//! Eras since 1926, each from its first day: 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
//! The first year of an era prints as 元年.

use chrono::{Datelike, NaiveDate};

/// (name, first day) of each era, newest first.
const ERAS: &[(&str, i32, u32, u32)] = &[
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
];

/// The era and the year within it, `None` before 昭和.
fn era_of(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(name, y, m, d)| {
        let start = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= start).then(|| (name, date.year() - y + 1))
    })
}

fn year_text(year: i32) -> String {
    if year == 1 {
        "元".to_owned()
    } else {
        year.to_string()
    }
}

/// `令和5年7月20日`; `None` for a date before 昭和 (no form needs one).
pub(crate) fn date(date: NaiveDate) -> Option<String> {
    let (era, year) = era_of(date)?;
    Some(format!(
        "{era}{}年{}月{}日",
        year_text(year),
        date.month(),
        date.day()
    ))
}

/// `令和5年度` for the fiscal year that starts on 1 April of `year` (西暦).
///
/// A fiscal year is named by the calendar year it starts in, in the era in force at that year's
/// end: FY2019 is 令和元年度 (as the government names it since May 2019), FY1988 昭和63年度.
pub(crate) fn fiscal_year(year: i32) -> Option<String> {
    let (era, era_year) = era_of(NaiveDate::from_ymd_opt(year, 12, 31)?)?;
    Some(format!("{era}{}年度", year_text(era_year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_era_boundary_the_day_before_and_the_day_of() {
        assert_eq!(date(ymd(2019, 4, 30)).unwrap(), "平成31年4月30日");
        assert_eq!(date(ymd(2019, 5, 1)).unwrap(), "令和元年5月1日");
        assert_eq!(date(ymd(1989, 1, 7)).unwrap(), "昭和64年1月7日");
        assert_eq!(date(ymd(1989, 1, 8)).unwrap(), "平成元年1月8日");
        assert_eq!(date(ymd(1926, 12, 24)), None);
        assert_eq!(date(ymd(1926, 12, 25)).unwrap(), "昭和元年12月25日");
    }

    #[test]
    fn ordinary_dates_and_the_second_year() {
        assert_eq!(date(ymd(2023, 7, 20)).unwrap(), "令和5年7月20日");
        assert_eq!(date(ymd(2020, 1, 1)).unwrap(), "令和2年1月1日");
        assert_eq!(date(ymd(2019, 12, 31)).unwrap(), "令和元年12月31日");
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(fiscal_year(2023).unwrap(), "令和5年度");
        assert_eq!(fiscal_year(2024).unwrap(), "令和6年度");
        assert_eq!(fiscal_year(2019).unwrap(), "令和元年度");
        assert_eq!(fiscal_year(1989).unwrap(), "平成元年度");
        assert_eq!(fiscal_year(1988).unwrap(), "昭和63年度");
        assert_eq!(fiscal_year(2020).unwrap(), "令和2年度");
    }
}
