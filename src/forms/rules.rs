//! Rules that several forms hold their data against, written once: required and one-line
//! text, e-mail shapes, 和暦 dates and the program values a file may override, the 静岡県
//! subsidy's cap and unit, the expense categories, and NEDO's counting rule.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{Applicant, InvestorKind, NedoProgram, Phase, Signer};
use crate::program::ShizuokaCall;
use crate::values::Date;
use crate::wareki;

/// An error when a required text is empty or only white space.
pub(super) fn required_text(key: &KeyPath, value: &str) -> Option<Finding> {
    value
        .trim()
        .is_empty()
        .then(|| Finding::error(key.clone(), "空欄です。この欄は必須です"))
}

/// Every empty one of the required text fields `(name, value)` below `key`.
pub(super) fn required(key: &KeyPath, fields: &[(&str, &str)]) -> Vec<Finding> {
    fields
        .iter()
        .filter_map(|(name, value)| required_text(&key.key(name), value))
        .collect()
}

/// Every field `(name, value)` below `key` that is printed on one line but holds a line break.
pub(super) fn one_line(key: &KeyPath, fields: &[(&str, Option<&str>)]) -> Vec<Finding> {
    fields
        .iter()
        .filter(|(_, value)| value.is_some_and(|v| v.trim().contains('\n')))
        .map(|(name, _)| {
            Finding::error(
                key.key(name),
                "この欄は一行で書いてください（改行は使えません）",
            )
        })
        .collect()
}

/// Loose on purpose: one `@`, a dot in the domain, no spaces. Enough to catch a pasted phone
/// number or a missing domain, without rejecting real addresses.
pub(super) fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.trim().split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.trim().contains(char::is_whitespace)
}

/// An error when a written e-mail address does not look like one (an empty one is the
/// required-field rule's business).
pub(super) fn email(key: KeyPath, email: &str) -> Option<Finding> {
    let email = email.trim();
    (!email.is_empty() && !looks_like_email(email)).then(|| {
        Finding::error(
            key,
            format!("\"{email}\" はメールアドレスの形ではありません"),
        )
        .with_help("例: info@example.jp")
    })
}

/// A date as the 静岡県 forms print it (`令和5年7月20日`), or an error when no era holds it.
pub(super) fn wareki_date(
    key: KeyPath,
    date: Date,
    what: &str,
    example: &str,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let printed = wareki::date(date.get());
    if printed.is_none() {
        findings.push(
            Finding::error(
                key,
                format!("{date} は和暦（昭和・平成・令和）で表せません"),
            )
            .with_help(format!("{what}を書いてください（例: {example}）")),
        );
    }
    printed
}

/// A fiscal year (西暦) as `令和5年度`, or an error when no era holds it.
pub(super) fn wareki_fiscal_year(
    key: KeyPath,
    year: i32,
    example: &str,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let printed = wareki::fiscal_year(year);
    if printed.is_none() {
        findings.push(
            Finding::error(key, format!("{year} 年度は和暦で表せません"))
                .with_help(format!("西暦の年で書いてください（例: {example}）")),
        );
    }
    printed
}

/// The addressee and fiscal year a 静岡県 form prints: the program definition's, unless the
/// applicant file overrides them (`addressee`, `fiscal_year` in the form's section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CallValues {
    pub addressee: String,
    pub addressee_overridden: bool,
    pub fiscal_year: Option<String>,
    pub fiscal_year_overridden: bool,
}

pub(super) fn call_values(
    key: &KeyPath,
    addressee: Option<&str>,
    fiscal_year: Option<i32>,
    program: &ShizuokaCall,
    findings: &mut Vec<Finding>,
) -> CallValues {
    let year = fiscal_year.unwrap_or(program.fiscal_year);
    let printed_year =
        wareki_fiscal_year(key.key("fiscal_year"), year, "2024 → 令和6年度", findings);
    let printed_addressee = addressee.unwrap_or(&program.addressee).trim().to_owned();
    findings.extend(required_text(&key.key("addressee"), &printed_addressee));
    CallValues {
        addressee: printed_addressee,
        addressee_overridden: addressee.is_some(),
        fiscal_year: printed_year,
        fiscal_year_overridden: fiscal_year.is_some(),
    }
}

impl CallValues {
    /// What the head of a 静岡県 form prints besides its own fields: the date, the addressee,
    /// the fiscal year, the program's name and the applicant; `fields` are the form's own.
    pub(super) fn with_head(
        &self,
        date: Option<String>,
        program: &ShizuokaCall,
        applicant: &Applicant,
        fields: Value,
    ) -> Value {
        let mut data = json!({
            "date": date,
            "addressee": self.addressee,
            "fiscal_year": self.fiscal_year,
            "program_name": program.program_name,
            "applicant": super::applicant::values(applicant),
        });
        if let (Some(data), Value::Object(fields)) = (data.as_object_mut(), fields) {
            data.extend(fields);
        }
        data
    }
}

/// A signer and their contact: every field written, the e-mail an address.
pub(super) fn signer(key: &KeyPath, signer: &Signer) -> Vec<Finding> {
    let mut findings = required(
        key,
        &[
            ("signer_title", &signer.signer_title),
            ("signer_name", &signer.signer_name),
            ("contact_phone", &signer.contact_phone),
            ("contact_email", &signer.contact_email),
            ("contact_person", &signer.contact_person),
        ],
    );
    findings.extend(email(key.key("contact_email"), &signer.contact_email));
    findings
}

/// 連絡先（電話番号、E-mail、担当者）as the forms print it.
pub(super) fn contact_values(signer: &Signer) -> Value {
    json!([
        signer.contact_phone.trim(),
        signer.contact_email.trim(),
        signer.contact_person.trim(),
    ])
}

/// The names a subsidy rule's messages use for the amount and the total it is held against.
#[derive(Debug, Clone, Copy)]
pub(super) struct SubsidyTerms {
    /// 「補助金」 (収支予算書) or 「補助金額」 (申込書).
    pub amount: &'static str,
    /// 「支出の計」 or 「総事業費」.
    pub total: &'static str,
}

/// The largest subsidy the rules allow for this total: the cap and the total, cut to the unit.
pub(super) fn largest_subsidy(total: u128, program: &ShizuokaCall) -> u128 {
    let unit = u128::from(program.subsidy_unit.get()).max(1);
    let bound = total.min(program.subsidy_cap.get().into());
    bound / unit * unit
}

/// The 静岡県 subsidy: at most the cap, at most the total (補助率 10/10 以内) and a multiple of
/// the program's unit (千円未満切り捨て). Each error gives the largest amount allowed.
pub(super) fn subsidy(
    key: &KeyPath,
    subsidy: u128,
    total: u128,
    program: &ShizuokaCall,
    terms: SubsidyTerms,
) -> Vec<Finding> {
    let SubsidyTerms {
        amount: name,
        total: total_name,
    } = terms;
    let cap = u128::from(program.subsidy_cap.get());
    let unit = u128::from(program.subsidy_unit.get()).max(1);
    let help = format!(
        "{name}として書ける最大の額は {}です",
        yen(largest_subsidy(total, program))
    );
    let mut findings = Vec::new();
    if subsidy > cap {
        findings.push(
            Finding::error(
                key.clone(),
                format!("{name} {}が上限 {}を超えています", yen(subsidy), yen(cap)),
            )
            .with_help(help.clone()),
        );
    }
    if subsidy > total {
        findings.push(
            Finding::error(
                key.clone(),
                format!(
                    "{name} {}が{total_name} {}を超えています（補助率 10/10 以内）",
                    yen(subsidy),
                    yen(total)
                ),
            )
            .with_help(help.clone()),
        );
    }
    if !subsidy.is_multiple_of(unit) {
        findings.push(
            Finding::error(
                key.clone(),
                format!(
                    "{name} {}に {} 円未満の端数があります（端数は切り捨て）",
                    yen(subsidy),
                    group_digits(unit)
                ),
            )
            .with_help(format!(
                "切り捨てると {}です。{help}",
                yen(subsidy / unit * unit)
            )),
        );
    }
    findings
}

/// The program's expense categories as slots a table fills, each at most once.
#[derive(Debug, Clone)]
pub(super) struct Categories<T> {
    pub slots: Vec<(String, Option<T>)>,
    /// Where the categories come from, in messages (「収支予算書」).
    table: &'static str,
    /// What to do about a category written twice.
    repeat_help: Option<&'static str>,
}

impl<T> Categories<T> {
    pub(super) fn new(
        program: &ShizuokaCall,
        table: &'static str,
        repeat_help: Option<&'static str>,
    ) -> Self {
        Self {
            slots: program
                .expense_categories
                .iter()
                .map(|c| (c.clone(), None))
                .collect(),
            table,
            repeat_help,
        }
    }

    /// Fills the slot of `category` (written at `key`), or reports an unknown or repeated one.
    pub(super) fn fill(
        &mut self,
        key: KeyPath,
        category: &str,
        value: impl FnOnce() -> Option<T>,
        findings: &mut Vec<Finding>,
    ) {
        let category = category.trim();
        let known: Vec<&str> = self.slots.iter().map(|(c, _)| c.as_str()).collect();
        let help = format!("使える区分: {}", known.join("、"));
        let table = self.table;
        let Some((_, slot)) = self.slots.iter_mut().find(|(c, _)| c == category) else {
            findings.push(
                Finding::error(key, format!("区分「{category}」は{table}にありません"))
                    .with_help(help),
            );
            return;
        };
        if slot.is_some() {
            let repeated = Finding::error(key, format!("区分「{category}」が二度書かれています"));
            findings.push(match self.repeat_help {
                Some(help) => repeated.with_help(help),
                None => repeated,
            });
            return;
        }
        *slot = value();
    }
}

/// NEDO's rule of what money counts towards a requirement (公募要領「違い①」): investments from
/// VC等, CVC and 事業会社 always; loans from 金融機関 only in DTSU PCA; other money never.
pub(super) fn nedo_counts(program: NedoProgram, phase: Phase, kind: InvestorKind) -> bool {
    match kind {
        InvestorKind::Vc | InvestorKind::Cvc | InvestorKind::Corporate => true,
        InvestorKind::Bank => program == NedoProgram::Dtsu && phase == Phase::Pca,
        InvestorKind::Other => false,
    }
}

/// Whether a date lies in a period, both ends included.
pub(super) fn within(date: NaiveDate, start: NaiveDate, end: NaiveDate) -> bool {
    start <= date && date <= end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Programs;

    #[test]
    fn emails() {
        assert!(looks_like_email("sato@example.co.jp"));
        assert!(!looks_like_email("sato@example"));
        assert!(!looks_like_email("03-0000-0000"));
        assert!(!looks_like_email("a b@example.jp"));
        assert!(email(KeyPath::root(), "").is_none());
    }

    #[test]
    fn largest_subsidy_respects_cap_total_and_unit() {
        let programs = Programs::embedded();
        let program = programs.shizuoka.newest();
        assert_eq!(largest_subsidy(900_500, program), 900_000);
        assert_eq!(largest_subsidy(7_000_000, program), 5_000_000);
        assert_eq!(largest_subsidy(999, program), 0);
    }

    #[test]
    fn the_counting_rule_of_every_kind() {
        use InvestorKind::*;
        for (program, phase, kind, counts) in [
            (NedoProgram::Dtsu, Phase::Sts, Vc, true),
            (NedoProgram::Dtsu, Phase::Sts, Corporate, true),
            (NedoProgram::Dtsu, Phase::Sts, Bank, false),
            (NedoProgram::Dtsu, Phase::Pca, Bank, true),
            (NedoProgram::Gx, Phase::Pca, Bank, false),
            (NedoProgram::Dtsu, Phase::Pca, Other, false),
        ] {
            assert_eq!(nedo_counts(program, phase, kind), counts, "{kind:?}");
        }
    }
}
