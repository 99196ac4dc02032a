//! 申込者の概要 — 静岡県 様式第1－2号. Spec: forms.md "More forms in the seeds"; the table is the
//! guide's 「申込者の概要」 (seed 004).
//!
//! 会社名等・所在地・代表者 come from `[applicant]` (shared with every form); the rest from
//! `[applicant_overview]`. A fixed-layout form: the table fits one page (limits.rs bounds the
//! free-text cells). Checked: every cell the table asks for is filled, the e-mail looks like an
//! address, the dates are 和暦; and, when the file has a dated 申込書 or 誓約書, a warning if the
//! company is older than the guide's 「会社設立後3年以内」 (the 知事 may allow it).

use chrono::{Months, NaiveDate};
use serde_json::json;

use super::{Assessment, Document, Form, FormInput, Layout, Program, paragraphs, rules};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, ApplicantOverview};
use crate::values::Date;
use crate::wareki;

pub(super) static FORM: Form = Form {
    name: "applicant-overview",
    title: "申込者の概要",
    source: "静岡県 様式第1－2号",
    program: Program::Shizuoka,
    section: "applicant_overview",
    template: template!("applicant-overview.typ"),
    parts: &[template!("parts/applicant-overview.typ")],
    layout: Layout::OnePage,
    assess,
    figures: &["資本金", "従業員数"],
    example: fixture!("shizuoka-package.toml"),
};

fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    let overview = file.applicant_overview.as_ref()?;
    let key = KeyPath::root().key("applicant_overview");
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let years = program.years_since_established;
    check_applicant_cells(file, &mut out.findings);
    check_cells(overview, &key, &mut out.findings);
    let established = rules::wareki_date(
        key.key("established"),
        overview.established,
        "設立年月日",
        "2021-04-01",
        &mut out.findings,
    );
    out.figure("資本金", overview.capital.get());
    out.figure("従業員数", overview.employees);
    out.line(format!(
        "  資本金: {}  従業員数: {} 人  設立年月日: {}",
        yen(overview.capital.get().into()),
        overview.employees,
        established.clone().unwrap_or_default()
    ));
    if let Some((date, what)) = application_date(file).filter(|_| established.is_some()) {
        out.rule(
            format!(
                "会社設立後 {years} 年以内（{what}の日付 {} で判定）",
                wareki::date(date).unwrap_or_default()
            ),
            age_findings(overview, date, what, years, &key),
        );
    }

    let a = &file.applicant;
    out.documents.push(Document::single(
        &FORM,
        input.file,
        None,
        json!({
            "name": a.name.trim(),
            "name_kana": a.name_kana.as_deref().map(str::trim),
            "postal_code": a.postal_code.as_deref().map(str::trim),
            "address": a.address.trim(),
            "representative_title": a.representative_title.trim(),
            "representative_name": a.representative_name.trim(),
            "responsible_title": overview.responsible.title.trim(),
            "responsible_name": overview.responsible.name.trim(),
            "contact_title": overview.contact.title.trim(),
            "contact_name": overview.contact.name.trim(),
            "contact_phone": overview.contact.phone.trim(),
            "contact_email": overview.contact.email.trim(),
            "capital": group_digits(overview.capital.get().into()),
            "employees": overview.employees.to_string(),
            "established": established,
            "problem": paragraphs(&overview.problem),
            "solution": paragraphs(&overview.solution),
            "seeds_summary": paragraphs(&overview.seeds.summary),
            "university": overview.seeds.university.trim(),
            "researcher": overview.seeds.researcher.trim(),
            "remarks": paragraphs(overview.remarks.as_deref().unwrap_or("")),
        }),
    ));
    Some(out)
}

/// The table has a (フリガナ) line and a 〒 field, optional elsewhere.
fn check_applicant_cells(file: &ApplicantFile, findings: &mut Vec<Finding>) {
    let applicant_key = KeyPath::root().key("applicant");
    for (name, value, example) in [
        (
            "name_kana",
            &file.applicant.name_kana,
            "name_kana = \"カブシキガイシャテックシード\"",
        ),
        (
            "postal_code",
            &file.applicant.postal_code,
            "postal_code = \"420-0853\"",
        ),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            findings.push(
                Finding::error(
                    applicant_key.key(name),
                    "申込者の概要にはこの欄が必要です（空欄です）",
                )
                .with_help(format!("[applicant] に {example} のように書いてください")),
            );
        }
    }
}

/// Every cell filled, the e-mail's shape, the one-line cells without line breaks.
fn check_cells(overview: &ApplicantOverview, key: &KeyPath, findings: &mut Vec<Finding>) {
    let (responsible, contact, seeds) = (&overview.responsible, &overview.contact, &overview.seeds);
    findings.extend(rules::required(
        &key.key("responsible"),
        &[("title", &responsible.title), ("name", &responsible.name)],
    ));
    findings.extend(rules::required(
        &key.key("contact"),
        &[
            ("title", &contact.title),
            ("name", &contact.name),
            ("phone", &contact.phone),
            ("email", &contact.email),
        ],
    ));
    findings.extend(rules::required(
        key,
        &[
            ("problem", &overview.problem),
            ("solution", &overview.solution),
        ],
    ));
    findings.extend(rules::required(
        &key.key("seeds"),
        &[
            ("summary", &seeds.summary),
            ("university", &seeds.university),
            ("researcher", &seeds.researcher),
        ],
    ));
    findings.extend(rules::email(
        key.key("contact").key("email"),
        &contact.email,
    ));
    findings.extend(rules::one_line(
        &key.key("responsible"),
        &[
            ("title", Some(&responsible.title)),
            ("name", Some(&responsible.name)),
        ],
    ));
    findings.extend(rules::one_line(
        &key.key("contact"),
        &[
            ("title", Some(&contact.title)),
            ("name", Some(&contact.name)),
            ("phone", Some(&contact.phone)),
        ],
    ));
}

/// 設立年月日 against the application's date: not after it, and a warning when the company is
/// older than the guide's 「会社設立後 N 年以内」 (the 知事 may allow it).
fn age_findings(
    overview: &ApplicantOverview,
    date: NaiveDate,
    what: &str,
    years: u32,
    key: &KeyPath,
) -> Vec<Finding> {
    let established = overview.established.get();
    let mut findings = Vec::new();
    if established > date {
        findings.push(Finding::error(
            key.key("established"),
            format!(
                "設立年月日 {} が{what}の日付 {} より後です",
                overview.established,
                Date(date)
            ),
        ));
    } else if years
        .checked_mul(12)
        .and_then(|months| established.checked_add_months(Months::new(months)))
        .is_some_and(|limit| limit < date)
    {
        findings.push(
            Finding::warning(
                key.key("established"),
                format!(
                    "設立年月日 {} から{what}の日付 {} まで {years} 年を超えています（補助対象者の要件「会社設立後{years}年以内」）",
                    overview.established,
                    Date(date)
                ),
            )
            .with_help("知事が必要と認める場合は、この限りでありません"),
        );
    }
    findings
}

/// The date the application is made on: the 申込書's, else the 誓約書's.
fn application_date(file: &ApplicantFile) -> Option<(NaiveDate, &'static str)> {
    file.application
        .as_ref()
        .map(|a| (a.head.date.get(), "申込書"))
        .or_else(|| file.pledge.as_ref().map(|p| (p.head.date.get(), "誓約書")))
}
