//! Program definitions: the values that change from one call for applications to the next
//! (NEDO round periods, the 静岡県 addressee, fiscal year and cap, …). They are data files under
//! `programs/`, embedded in the binary; no template or Rust code holds them as literals.

use std::path::Path;

use serde::Deserialize;

use crate::model::{NedoProgram, Phase};
use crate::values::{Date, Yen};

/// The embedded program files: (name, text).
pub const SOURCES: &[(&str, &str)] = &[
    ("nedo.toml", include_str!("../programs/nedo.toml")),
    ("shizuoka.toml", include_str!("../programs/shizuoka.toml")),
];

/// NEDO ディープテック・スタートアップ支援事業 / GX事業.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Nedo {
    pub(crate) rounds: Vec<NedoRound>,
    pub(crate) letter_of_intent_caps: Vec<LetterOfIntentCap>,
    /// 収益納付すべき期間: the years after the completion year a 事業化状況報告書 is due.
    pub(crate) revenue_payment_years: i32,
    /// The documents a proposal submits, in the packet's order.
    pub(crate) documents: Vec<DocumentSpec>,
}

/// One deadline of both programs: DTSU and GX number it apart (DTSU 第7回 = GX 第4回).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NedoRound {
    pub(crate) dtsu: u32,
    pub(crate) gx: u32,
    /// 書類提出期間.
    pub(crate) submission_start: Date,
    pub(crate) submission_end: Date,
    /// 出資または融資に関する所定の期間.
    pub(crate) period_start: Date,
    pub(crate) period_end: Date,
}

impl NedoRound {
    /// Its number in `program` (`round = …` of an applicant file).
    pub(crate) fn number(&self, program: NedoProgram) -> u32 {
        match program {
            NedoProgram::Dtsu => self.dtsu,
            NedoProgram::Gx => self.gx,
        }
    }

    /// `DTSU 第7回・GX 第4回`.
    pub(crate) fn name(&self) -> String {
        format!("DTSU 第{}回・GX 第{}回", self.dtsu, self.gx)
    }
}

/// The grant cap of a phase without and with a 関心表明書.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LetterOfIntentCap {
    pub(crate) phase: Phase,
    pub(crate) without: Yen,
    pub(crate) with: Yen,
}

impl Nedo {
    /// The round numbered `number` in `program`.
    pub(crate) fn round(&self, program: NedoProgram, number: u32) -> Option<&NedoRound> {
        self.rounds.iter().find(|r| r.number(program) == number)
    }

    /// The round a document dated `date` belongs to: among the rounds whose 所定の期間 holds
    /// the date, the one with the next deadline (a request written before the 書類提出期間
    /// is for it), else the last (a report of money that arrived after the deadline).
    pub(crate) fn round_on(&self, date: Date) -> Option<&NedoRound> {
        let holding: Vec<&NedoRound> = self
            .rounds
            .iter()
            .filter(|r| r.period_start <= date && date <= r.period_end)
            .collect();
        let next = holding
            .iter()
            .filter(|r| r.submission_end >= date)
            .min_by_key(|r| r.submission_end);
        next.or_else(|| holding.iter().max_by_key(|r| r.submission_end))
            .copied()
    }
}

/// 静岡県 大学発ベンチャー事業化加速・推進事業費補助金: its calls for applications.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shizuoka {
    pub(crate) calls: Vec<ShizuokaCall>,
}

/// One call for applications (募集) and every value it sets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShizuokaCall {
    /// What an applicant file names it by (`[shizuoka] call = "r5-2"`).
    pub(crate) id: String,
    /// `令和5年度 2次募集`.
    pub(crate) name: String,
    /// 提出期間.
    pub(crate) submission_start: Date,
    pub(crate) submission_end: Date,
    pub(crate) program_name: String,
    /// 西暦; printed as 令和N年度.
    pub(crate) fiscal_year: i32,
    pub(crate) addressee: String,
    pub(crate) subsidy_cap: Yen,
    /// 補助金 is cut to a multiple of this (千円未満切り捨て).
    pub(crate) subsidy_unit: Yen,
    /// 補助対象者の要件「会社設立後 N 年以内」 (申込者の概要 warns beyond it).
    pub(crate) years_since_established: u32,
    /// 収支予算書「支出の部」の区分, in print order.
    pub(crate) expense_categories: Vec<String>,
    /// The documents an application submits, in the packet's order.
    pub(crate) documents: Vec<DocumentSpec>,
}

/// A document a program asks for: one yoshiki generates (`form`), or one the applicant
/// attaches (`[[attachments]]` with `document = id`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentSpec {
    pub(crate) id: String,
    /// As the guide names it.
    pub(crate) label: String,
    /// The `--form` name of the yoshiki form that makes it.
    pub(crate) form: Option<String>,
    /// Where the guide asks for it.
    pub(crate) source: String,
    /// When it is needed: the first rule whose programs and phases match applies.
    pub(crate) rules: Vec<DocumentRule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentRule {
    /// The programs it applies to (none: every one).
    #[serde(default)]
    pub(crate) programs: Vec<NedoProgram>,
    /// The phases it applies to (none: every one).
    #[serde(default)]
    pub(crate) phases: Vec<Phase>,
    pub(crate) need: Need,
    /// The situation the guide names, as it words it.
    pub(crate) condition: Option<String>,
    /// Another document that satisfies the same need.
    pub(crate) either: Option<String>,
    /// Needed only when this document is there.
    pub(crate) with: Option<String>,
    /// Submitted signed or sealed and scanned: a generated copy alone is not enough.
    #[serde(default)]
    pub(crate) signed: bool,
    /// When it is not needed, as the guide words it.
    pub(crate) unless: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Need {
    Required,
    Conditional,
    Optional,
}

impl DocumentSpec {
    /// The first rule that applies to a NEDO program and phase; with `None` (静岡県, or a NEDO
    /// file that names neither), the first rule that names no program or phase.
    pub(crate) fn rule(&self, nedo: Option<(NedoProgram, Phase)>) -> Option<&DocumentRule> {
        self.rules.iter().find(|rule| match nedo {
            Some((program, phase)) => {
                (rule.programs.is_empty() || rule.programs.contains(&program))
                    && (rule.phases.is_empty() || rule.phases.contains(&phase))
            }
            None => rule.programs.is_empty() && rule.phases.is_empty(),
        })
    }
}

impl ShizuokaCall {
    /// Whether `date` lies in its 提出期間.
    pub(crate) fn holds(&self, date: Date) -> bool {
        self.submission_start <= date && date <= self.submission_end
    }

    /// `令和5年度 2次募集（r5-2）: 提出期間 2023-07-03〜2023-08-02`.
    pub(crate) fn described(&self) -> String {
        format!(
            "{}（{}）: 提出期間 {}〜{}",
            self.name, self.id, self.submission_start, self.submission_end
        )
    }
}

impl Shizuoka {
    pub(crate) fn call(&self, id: &str) -> Option<&ShizuokaCall> {
        self.calls.iter().find(|c| c.id == id)
    }

    /// The call whose 提出期間 holds `date`.
    pub(crate) fn call_on(&self, date: Date) -> Option<&ShizuokaCall> {
        self.calls.iter().find(|c| c.holds(date))
    }

    /// The newest call (the last to close): what a file outside every call is checked against.
    pub(crate) fn newest(&self) -> &ShizuokaCall {
        self.calls
            .iter()
            .max_by_key(|c| c.submission_end)
            .expect("a program definition has at least one call")
    }

    /// Every known call, one a line, for messages.
    pub(crate) fn known(&self) -> String {
        self.calls
            .iter()
            .map(ShizuokaCall::described)
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// All program definitions in use: the embedded ones, or a user's (`--programs DIR`).
#[derive(Debug, Clone)]
pub struct Programs {
    pub(crate) nedo: Nedo,
    pub(crate) shizuoka: Shizuoka,
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
        Programs::parse(&nedo, &shizuoka).map_err(|e| format!("{}: {e}", dir.display()))
    }

    fn parse(nedo: &str, shizuoka: &str) -> Result<Programs, String> {
        fn read<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
            toml::from_str(text).map_err(|e| {
                format!(
                    "{name} の様式定義が正しくありません: {}",
                    e.message().trim()
                )
            })
        }
        let programs = Programs {
            nedo: read(SOURCES[0].0, nedo)?,
            shizuoka: read(SOURCES[1].0, shizuoka)?,
            fingerprint: typst::utils::hash128(&(nedo, shizuoka)),
        };
        if programs.shizuoka.calls.is_empty() {
            return Err(format!("{} に [[calls]] が一つもありません", SOURCES[1].0));
        }
        Ok(programs)
    }

    /// The calls and rounds these definitions know, for people (`yoshiki programs`).
    pub fn catalogue(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for call in &self.shizuoka.calls {
            lines.push(format!(
                "静岡県 {} {}  id {}  提出期間 {}〜{}  宛先 {}  補助金の上限 {}",
                call.program_name,
                call.name,
                call.id,
                call.submission_start,
                call.submission_end,
                call.addressee,
                crate::figures::yen(call.subsidy_cap.get().into())
            ));
        }
        for round in &self.nedo.rounds {
            lines.push(format!(
                "NEDO {}  書類提出期間 {}〜{}  所定の期間 {}〜{}",
                round.name(),
                round.submission_start,
                round.submission_end,
                round.period_start,
                round.period_end
            ));
        }
        lines
    }

    /// The calls and rounds in one line (`yoshiki --version`).
    pub fn summary(&self) -> String {
        let calls = self
            .shizuoka
            .calls
            .iter()
            .map(|c| format!("静岡県 {}", c.name));
        let rounds = self
            .nedo
            .rounds
            .iter()
            .map(|r| format!("NEDO {}", r.name()));
        calls.chain(rounds).collect::<Vec<_>>().join("、")
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
        let round = programs
            .nedo
            .round(NedoProgram::Dtsu, 7)
            .expect("DTSU 第7回");
        assert_eq!(round.gx, 4, "DTSU 第7回 is GX 第4回");
        assert!(std::ptr::eq(
            round,
            programs.nedo.round(NedoProgram::Gx, 4).unwrap()
        ));
        assert_eq!(round.name(), "DTSU 第7回・GX 第4回");
        assert_eq!(round.submission_start.to_string(), "2025-02-25");
        assert_eq!(round.submission_end.to_string(), "2025-03-05");
        assert_eq!(round.period_start.to_string(), "2024-09-05");
        assert_eq!(round.period_end.to_string(), "2025-07-31");
        let call = programs.shizuoka.call("r5-2").expect("令和5年度 2次募集");
        assert_eq!(call.name, "令和5年度 2次募集");
        assert_eq!(call.submission_start.to_string(), "2023-07-03");
        assert_eq!(call.submission_end.to_string(), "2023-08-02");
        assert_eq!(call.addressee, "静岡県知事 川勝 平太 様");
        assert_eq!(call.fiscal_year, 2023);
        assert_eq!(call.subsidy_cap, Yen(5_000_000));
        assert_eq!(call.subsidy_unit, Yen(1_000));
        assert_eq!(call.years_since_established, 3);
        assert_eq!(call.expense_categories.len(), 13);
        assert_eq!(programs.nedo.letter_of_intent_caps.len(), 2);
        assert_eq!(programs.nedo.revenue_payment_years, 5);
    }
}
