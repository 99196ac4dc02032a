//! Scalar types of the applicant file: yen amounts, calendar dates, decimal quantities.
//!
//! Each one rejects what the forms cannot print (a negative amount, 2025-02-30, a date with a
//! time) while the file is read, with a message in Japanese.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// An amount in whole yen; never negative. Sums use `u128` so no input can overflow them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct Yen(pub u64);

impl Yen {
    pub(crate) fn get(self) -> u64 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Yen {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct YenVisitor;

        impl Visitor<'_> for YenVisitor {
            type Value = Yen;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("0 以上の整数の金額（円、例: 300_000_000）")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Yen, E> {
                u64::try_from(v).map(Yen).map_err(|_| {
                    E::custom(format!(
                        "金額が負の数 ({v}) です。0 以上の整数（円）で書いてください"
                    ))
                })
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Yen, E> {
                Ok(Yen(v))
            }
        }

        deserializer.deserialize_i64(YenVisitor)
    }
}

/// A calendar date written as a TOML local date (`2025-03-01`, no quotes, no time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(pub NaiveDate);

impl Date {
    pub(crate) fn get(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        let (Some(date), None, None) = (datetime.date, datetime.time, datetime.offset) else {
            return Err(de::Error::custom(format!(
                "日付に時刻は書けません ({datetime})。日付だけを書いてください（例: 2025-03-01）"
            )));
        };
        NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
            .map(Date)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "{:04}-{:02}-{:02} は存在しない日付です",
                    date.year, date.month, date.day
                ))
            })
    }
}

/// A count that may be fractional (6.5 人月): a TOML integer, or a decimal written as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Quantity(pub Decimal);

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuantityVisitor;

        impl Visitor<'_> for QuantityVisitor {
            type Value = Quantity;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("0 以上の数量（整数、または小数を文字列で。例: 50、\"6.5\"）")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                if v < 0 {
                    return Err(E::custom(format!("数量が負の数 ({v}) です")));
                }
                Ok(Quantity(Decimal::from(v)))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                Ok(Quantity(Decimal::from(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
                let value: Decimal = v.trim().parse().map_err(|_| {
                    E::custom(format!("数量 \"{v}\" は数として読めません（例: \"6.5\"）"))
                })?;
                if value.is_sign_negative() && !value.is_zero() {
                    return Err(E::custom(format!("数量が負の数 ({v}) です")));
                }
                Ok(Quantity(value.normalize()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
                // A TOML float would already have lost exactness; ask for the string form.
                Err(E::custom(format!(
                    "小数の数量は文字列で書いてください（例: \"{v}\"）。浮動小数点数では端数が正確に保てません"
                )))
            }
        }

        deserializer.deserialize_any(QuantityVisitor)
    }
}

/// A calendar month written as a string (`"2025-07"`): the 出資/融資意向確認願 promises money
/// 「2025年7月末までに」.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// The last day of the month (what 「…月末まで」 means).
    pub(crate) fn last_day(self) -> NaiveDate {
        let (year, month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || !(1..=2).contains(&month.len()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        ((1..=12).contains(&month) && year >= 1900).then_some(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        YearMonth::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{text}\" は年月として読めません。\"YYYY-MM\" の形で書いてください（例: \"2025-07\"）"
            ))
        })
    }
}

// JSON Schemas of the scalar types, as editors see them (Taplo shows a TOML local date as a
// string of format "date"). Each says what its deserializer above accepts.
macro_rules! schema {
    ($type:ty, $name:literal, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

schema!(Yen, "Yen", {
    "type": "integer",
    "minimum": 0,
    "description": "金額（円、0 以上の整数。例: 300_000_000）"
});
schema!(Date, "Date", {
    "type": "string",
    "format": "date",
    "description": "日付（引用符なしの TOML の日付。例: 2025-03-01）"
});
schema!(Quantity, "Quantity", {
    "anyOf": [
        { "type": "integer", "minimum": 0 },
        { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" }
    ],
    "description": "数量（整数、または小数を文字列で。例: 50、\"6.5\"）"
});
schema!(YearMonth, "YearMonth", {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}$",
    "description": "年月（\"YYYY-MM\"。例: \"2025-07\"）"
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_months_parse_and_end_on_the_last_day() {
        let july = YearMonth::parse("2025-07").unwrap();
        assert_eq!(
            july.last_day(),
            NaiveDate::from_ymd_opt(2025, 7, 31).unwrap()
        );
        let feb = YearMonth::parse("2024-2").unwrap();
        assert_eq!(
            feb.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        let dec = YearMonth::parse("2025-12").unwrap();
        assert_eq!(
            dec.last_day(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
        assert!(YearMonth::parse("2025-13").is_none());
        assert!(YearMonth::parse("2025/07").is_none());
        assert!(YearMonth::parse("25-07").is_none());
    }
}
