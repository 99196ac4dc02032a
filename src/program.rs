//! Program definitions: the values that change from one call for applications to the next
//! (NEDO round periods, the 静岡県 addressee, fiscal year and cap, …). They are data files under
//! `programs/`, embedded in the binary; no template or Rust code holds them as literals.

use std::path::Path;

use serde::Deserialize;

use crate::model::Phase;
use crate::values::{Date, Yen};

/// The embedded program files: (name, text).
pub const SOURCES: &[(&str, &str)] = &[
    ("nedo.toml", include_str!("../programs/nedo.toml")),
    ("shizuoka.toml", include_str!("../programs/shizuoka.toml")),
];

/// NEDO ディープテック・スタートアップ支援事業 / GX事業.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nedo {
    pub rounds: Vec<NedoRound>,
    pub letter_of_intent_caps: Vec<LetterOfIntentCap>,
    /// 収益納付すべき期間: the years after the completion year a 事業化状況報告書 is due.
    pub revenue_payment_years: i32,
}

/// One 公募回 and its 所定の期間 for investments and loans.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NedoRound {
    pub number: u32,
    pub name: String,
    pub period_start: Date,
    pub period_end: Date,
}

/// The grant cap of a phase without and with a 関心表明書.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterOfIntentCap {
    pub phase: Phase,
    pub without: Yen,
    pub with: Yen,
}

impl Nedo {
    pub fn round(&self, number: u32) -> Option<&NedoRound> {
        self.rounds.iter().find(|r| r.number == number)
    }
}

/// 静岡県 大学発ベンチャー事業化加速・推進事業費補助金.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shizuoka {
    pub program_name: String,
    /// 西暦; printed as 令和N年度.
    pub fiscal_year: i32,
    pub addressee: String,
    pub subsidy_cap: Yen,
    /// 補助金 is cut to a multiple of this (千円未満切り捨て).
    pub subsidy_unit: Yen,
    /// 補助対象者の要件「会社設立後 N 年以内」 (申込者の概要 warns beyond it).
    pub years_since_established: u32,
    /// 収支予算書「支出の部」の区分, in print order.
    pub expense_categories: Vec<String>,
}

/// All program definitions in use: the embedded ones, or a user's (`--programs DIR`).
#[derive(Debug, Clone)]
pub struct Programs {
    pub nedo: Nedo,
    pub shizuoka: Shizuoka,
    /// A hash of the definitions' texts: it changes when a definition does.
    fingerprint: u128,
}

impl Programs {
    /// The definitions compiled into the binary.
    pub fn embedded() -> Programs {
        // The embedded files are checked by the unit test below, so this cannot fail.
        Programs::parse(SOURCES[0].1, SOURCES[1].1).expect("embedded program files are valid")
    }

    /// `nedo.toml` and `shizuoka.toml` from `dir` (a file the folder lacks stays the embedded
    /// one). Nothing else is read.
    pub fn from_dir(dir: &Path) -> Result<Programs, String> {
        let read = |name: &str, embedded: &str| -> Result<String, String> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(embedded.to_owned()),
                Err(e) => Err(format!(
                    "{} を読めません: {}",
                    path.display(),
                    crate::files::describe(&e)
                )),
            }
        };
        let nedo = read(SOURCES[0].0, SOURCES[0].1)?;
        let shizuoka = read(SOURCES[1].0, SOURCES[1].1)?;
        Programs::parse(&nedo, &shizuoka)
            .map_err(|e| format!("{} の様式定義が正しくありません: {e}", dir.display()))
    }

    fn parse(nedo: &str, shizuoka: &str) -> Result<Programs, toml::de::Error> {
        Ok(Programs {
            nedo: toml::from_str(nedo)?,
            shizuoka: toml::from_str(shizuoka)?,
            fingerprint: typst::utils::hash128(&(nedo, shizuoka)),
        })
    }

    /// Changes whenever a program definition in use changes.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_programs_hold_the_seed_values() {
        let programs = Programs::embedded();
        let round = programs.nedo.round(7).expect("round 7");
        assert_eq!(round.period_start.to_string(), "2024-09-05");
        assert_eq!(round.period_end.to_string(), "2025-07-31");
        let shizuoka = &programs.shizuoka;
        assert_eq!(shizuoka.addressee, "静岡県知事 川勝 平太 様");
        assert_eq!(shizuoka.fiscal_year, 2023);
        assert_eq!(shizuoka.subsidy_cap, Yen(5_000_000));
        assert_eq!(shizuoka.subsidy_unit, Yen(1_000));
        assert_eq!(shizuoka.years_since_established, 3);
        assert_eq!(shizuoka.expense_categories.len(), 13);
        assert_eq!(programs.nedo.letter_of_intent_caps.len(), 2);
        assert_eq!(programs.nedo.revenue_payment_years, 5);
    }
}
