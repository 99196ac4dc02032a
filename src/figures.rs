//! Printed figures: yen with digit grouping, 西暦 dates, exact ratios. Exact arithmetic only.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// A signed whole-yen figure as Japanese accounts print it: `△1,000` for −1,000.
pub(crate) fn signed(value: i128) -> String {
    let digits = group_digits(value.unsigned_abs());
    if value < 0 {
        format!("△{digits}")
    } else {
        digits
    }
}

/// `300000000` → `300,000,000`.
pub(crate) fn group_digits(value: u128) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `300,000,000 円`, as NEDO's forms print an amount.
pub(crate) fn yen(value: u128) -> String {
    format!("{} 円", group_digits(value))
}

/// `2025年3月1日` (西暦, NEDO forms).
pub(crate) fn seireki(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The ratio (B)/(A) as the 出資等に関する報告書 prints it.
///
/// A reduced fraction when its denominator is 10 or less (`1/3`), otherwise the decimal cut, not
/// rounded, to two places (`0.36`). A whole number prints as one (`2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ratio {
    Fraction { numerator: u128, denominator: u128 },
    Decimal(Decimal),
}

impl Ratio {
    /// `None` when `denominator` is zero.
    pub(crate) fn of(numerator: u128, denominator: u128) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let divisor = gcd(numerator, denominator);
        let (n, d) = (numerator / divisor, denominator / divisor);
        if d <= 10 {
            return Some(Ratio::Fraction {
                numerator: n,
                denominator: d,
            });
        }
        // floor(100·B/A) is exact in integers; rust_decimal then only carries the two places.
        // B and A come from u64 amounts, so 100·B fits in u128 with room to spare.
        let hundredths = numerator.checked_mul(100)? / denominator;
        let hundredths = i128::try_from(hundredths).ok()?;
        Some(Ratio::Decimal(
            Decimal::try_from_i128_with_scale(hundredths, 2).ok()?,
        ))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ratio::Fraction {
                numerator,
                denominator: 1,
            } => write!(f, "{numerator}"),
            Ratio::Fraction {
                numerator,
                denominator,
            } => write!(f, "{numerator}/{denominator}"),
            Ratio::Decimal(value) => write!(f, "{value:.2}"),
        }
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// The smallest whole yen that is at least `total × numerator / denominator` (a requirement).
pub(crate) fn ceil_share(total: u128, numerator: u128, denominator: u128) -> u128 {
    (total * numerator).div_ceil(denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(b: u128, a: u128) -> String {
        Ratio::of(b, a).unwrap().to_string()
    }

    #[test]
    fn ratios_as_the_form_prints_them() {
        assert_eq!(ratio(100_000_000, 300_000_000), "1/3");
        assert_eq!(ratio(150_000_000, 300_000_000), "1/2");
        assert_eq!(ratio(120_000_000, 300_000_000), "2/5");
        assert_eq!(ratio(30_000_000, 300_000_000), "1/10");
        // Reduced denominator 30: decimal, cut not rounded.
        assert_eq!(ratio(110_000_000, 300_000_000), "0.36");
        assert_eq!(ratio(100_000_001, 300_000_000), "0.33");
        assert_eq!(ratio(299_999_999, 300_000_000), "0.99");
        assert_eq!(ratio(1, 300_000_000), "0.00");
        assert_eq!(ratio(300_000_000, 300_000_000), "1");
        assert_eq!(ratio(400_000_000, 300_000_000), "4/3");
        assert_eq!(ratio(700_000_001, 300_000_000), "2.33");
        assert!(Ratio::of(1, 0).is_none());
    }

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(yen(300_000_000), "300,000,000 円");
        assert_eq!(group_digits(u64::MAX.into()), "18,446,744,073,709,551,615");
    }

    #[test]
    fn seireki_has_no_padding() {
        assert_eq!(
            seireki(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
            "2025年3月1日"
        );
    }

    #[test]
    fn shares_round_up() {
        assert_eq!(ceil_share(300_000_000, 1, 3), 100_000_000);
        assert_eq!(ceil_share(100, 1, 3), 34);
        assert_eq!(ceil_share(300_000_000, 1, 6), 50_000_000);
    }
}
