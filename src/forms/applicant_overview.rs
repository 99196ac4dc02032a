//! 申込者の概要 — 静岡県 様式第1-2号. Spec: forms.md "More forms in the seeds"; the table is the
//! guide's 「申込者の概要」 (seed 004).
//!
//! 会社名等・所在地・代表者 come from `[applicant]` (shared with every form); the rest from
//! `[applicant_overview]`. A fixed-layout form: the table fits one page (limits.rs bounds the
//! free-text cells). Checked: every cell the table asks for is filled, the e-mail looks like an
//! address, the dates are 和暦; and, when the file has a dated 申込書 or 誓約書, a warning if the
//! company is older than the guide's 「会社設立後3年以内」 (the 知事 may allow it).

use chrono::{Months, NaiveDate};
use serde_json::json;

use super::{Assessment, Document, FormInfo, applicant, letter_of_intent::paragraphs};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, ApplicantOverview};
use crate::program::Programs;
use crate::wareki;

pub const FORM: FormInfo = FormInfo {
    name: "applicant-overview",
    title: "申込者の概要",
    source: "静岡県 様式第1-2号",
    section: "applicant_overview",
    template: "applicant-overview.typ",
    one_page: true,
};

pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let overview = file.applicant_overview.as_ref()?;
    let key = KeyPath::root().key("applicant_overview");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };
    let years = programs.shizuoka.years_since_established;
    out.findings.extend(check(file, overview, years, &key));

    let established = wareki::date(overview.established.get());
    out.summary
        .push(format!("{}（{}）", FORM.title, FORM.source));
    out.summary.push(format!(
        "  資本金: {}  従業員数: {} 人  設立年月日: {}",
        yen(overview.capital.get().into()),
        overview.employees,
        established.clone().unwrap_or_default()
    ));
    if let Some((date, what)) = application_date(file) {
        out.summary.push(format!(
            "  規則: 会社設立後 {years} 年以内（{what}の日付 {} で判定）",
            wareki::date(date).unwrap_or_default()
        ));
    }

    let a = &file.applicant;
    let name = a.name.trim().to_owned();
    out.documents.push(Document {
        form: &FORM,
        distinguisher: None,
        title: format!("{}（{name}）", FORM.title),
        author: name.clone(),
        date: None,
        data: json!({
            "name": name,
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
    });
    Some(out)
}

fn check(
    file: &ApplicantFile,
    overview: &ApplicantOverview,
    years: u32,
    key: &KeyPath,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let applicant_key = KeyPath::root().key("applicant");
    // The table has a (フリガナ) line and a 〒 field, optional elsewhere.
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
    let required = [
        (
            key.key("responsible").key("title"),
            &overview.responsible.title,
        ),
        (
            key.key("responsible").key("name"),
            &overview.responsible.name,
        ),
        (key.key("contact").key("title"), &overview.contact.title),
        (key.key("contact").key("name"), &overview.contact.name),
        (key.key("contact").key("phone"), &overview.contact.phone),
        (key.key("contact").key("email"), &overview.contact.email),
        (key.key("problem"), &overview.problem),
        (key.key("solution"), &overview.solution),
        (key.key("seeds").key("summary"), &overview.seeds.summary),
        (
            key.key("seeds").key("university"),
            &overview.seeds.university,
        ),
        (
            key.key("seeds").key("researcher"),
            &overview.seeds.researcher,
        ),
    ];
    findings.extend(
        required
            .iter()
            .filter_map(|(key, value)| applicant::required_text(key, value)),
    );
    let email = overview.contact.email.trim();
    if !email.is_empty() && !applicant::looks_like_email(email) {
        findings.push(applicant::email_error(
            key.key("contact").key("email"),
            email,
        ));
    }
    for (name, text) in [
        ("title", &overview.responsible.title),
        ("name", &overview.responsible.name),
    ] {
        if text.contains('\n') {
            findings.push(one_line_error(key.key("responsible").key(name)));
        }
    }
    for (name, text) in [
        ("title", &overview.contact.title),
        ("name", &overview.contact.name),
        ("phone", &overview.contact.phone),
    ] {
        if text.contains('\n') {
            findings.push(one_line_error(key.key("contact").key(name)));
        }
    }
    let established = overview.established.get();
    if wareki::date(established).is_none() {
        findings.push(
            Finding::error(
                key.key("established"),
                format!(
                    "{} は和暦（昭和・平成・令和）で表せません",
                    overview.established
                ),
            )
            .with_help("設立年月日を書いてください（例: 2021-04-01）"),
        );
    } else if let Some((date, what)) = application_date(file) {
        if established > date {
            findings.push(Finding::error(
                key.key("established"),
                format!(
                    "設立年月日 {} が{what}の日付 {} より後です",
                    overview.established,
                    crate::values::Date(date)
                ),
            ));
        } else if established
            .checked_add_months(Months::new(12 * years))
            .is_some_and(|limit| limit < date)
        {
            findings.push(
                Finding::warning(
                    key.key("established"),
                    format!(
                        "設立年月日 {} から{what}の日付 {} まで {years} 年を超えています（補助対象者の要件「会社設立後{years}年以内」）",
                        overview.established,
                        crate::values::Date(date)
                    ),
                )
                .with_help("知事が必要と認める場合は、この限りでありません"),
            );
        }
    }
    findings
}

/// The date the application is made on: the 申込書's, else the 誓約書's.
fn application_date(file: &ApplicantFile) -> Option<(NaiveDate, &'static str)> {
    file.application
        .as_ref()
        .map(|a| (a.date.get(), "申込書"))
        .or_else(|| file.pledge.as_ref().map(|p| (p.date.get(), "誓約書")))
}

fn one_line_error(key: KeyPath) -> Finding {
    Finding::error(key, "この欄は一行で書いてください（改行は使えません）")
}
