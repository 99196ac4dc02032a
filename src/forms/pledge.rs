//! 誓約書 — 静岡県 様式第4号. Spec: forms.md §4.
//!
//! Printed, signed or sealed, scanned and submitted. The pledge items are the form's own text
//! (in the template); the addressee, fiscal year and program name come from the program
//! definition, and the applicant file may override the addressee and the fiscal year.

use serde_json::json;

use super::{Assessment, Document, FormInfo, applicant};
use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::model::ApplicantFile;
use crate::program::Programs;
use crate::wareki;

pub const FORM: FormInfo = FormInfo {
    name: "pledge",
    title: "誓約書",
    source: "静岡県 様式第4号",
    section: "pledge",
    template: "pledge.typ",
    one_page: true,
};

pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let pledge = file.pledge.as_ref()?;
    let program = &programs.shizuoka;
    let key = KeyPath::root().key("pledge");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };

    let date = wareki::date(pledge.date.get());
    if date.is_none() {
        out.findings.push(
            Finding::error(
                key.key("date"),
                format!("{} は和暦（昭和・平成・令和）で表せません", pledge.date),
            )
            .with_help("書類の日付を書いてください（例: 2023-07-20）"),
        );
    }
    let year = pledge.fiscal_year.unwrap_or(program.fiscal_year);
    let fiscal_year = wareki::fiscal_year(year);
    if fiscal_year.is_none() {
        out.findings.push(
            Finding::error(
                key.key("fiscal_year"),
                format!("{year} 年度は和暦で表せません"),
            )
            .with_help("西暦の年で書いてください（例: 2024 → 令和6年度）"),
        );
    }
    let addressee = pledge
        .addressee
        .as_deref()
        .unwrap_or(&program.addressee)
        .trim()
        .to_owned();
    if let Some(f) = applicant::required_text(&key.key("addressee"), &addressee) {
        out.findings.push(f);
    }

    out.summary
        .push(format!("{}（{}）", FORM.title, FORM.source));
    out.summary.push(format!(
        "  宛先: {addressee}{}",
        if pledge.addressee.is_some() {
            "（申請者ファイルで指定）"
        } else {
            ""
        }
    ));
    out.summary.push(format!(
        "  年度: {}{}  日付: {}",
        fiscal_year.clone().unwrap_or_default(),
        if pledge.fiscal_year.is_some() {
            "（申請者ファイルで指定）"
        } else {
            ""
        },
        date.clone().unwrap_or_default()
    ));

    let name = file.applicant.name.trim().to_owned();
    out.documents.push(Document {
        form: &FORM,
        distinguisher: None,
        title: format!("{}（{name}）", FORM.title),
        author: name,
        date: Some(pledge.date.get()),
        data: json!({
            "date": date,
            "addressee": addressee,
            "fiscal_year": fiscal_year,
            "program_name": program.program_name,
            "applicant": applicant::values(&file.applicant),
        }),
    });
    Some(out)
}
