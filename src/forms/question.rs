//! 質問書 — 静岡県 参考様式. Spec: forms.md "More forms in the seeds"; the table is the guide's
//! 「質問書（参考様式）」 (seed 004), sent by e-mail with questions about the call.
//!
//! 会社名等 comes from `[applicant]`; the fiscal year and the program name of the subtitle from
//! the program definition. Checked: the contact cells and the question are filled, the e-mail
//! looks like an address. A fixed-layout form of one page.

use serde_json::json;

use super::{Assessment, Document, FormInfo, applicant, letter_of_intent::paragraphs};
use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::model::ApplicantFile;
use crate::program::Programs;
use crate::wareki;

pub const FORM: FormInfo = FormInfo {
    name: "question",
    title: "質問書",
    source: "静岡県 参考様式",
    section: "question",
    template: "question.typ",
    one_page: true,
};

pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let question = file.question.as_ref()?;
    let program = &programs.shizuoka;
    let key = KeyPath::root().key("question");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };
    for (name, value) in [
        ("contact_person", &question.contact_person),
        ("phone", &question.phone),
        ("email", &question.email),
        ("content", &question.content),
    ] {
        if let Some(f) = applicant::required_text(&key.key(name), value) {
            out.findings.push(f);
        }
    }
    let email = question.email.trim();
    if !email.is_empty() && !applicant::looks_like_email(email) {
        out.findings
            .push(applicant::email_error(key.key("email"), email));
    }
    for (name, value) in [
        ("contact_person", Some(&question.contact_person)),
        ("phone", Some(&question.phone)),
        ("fax", question.fax.as_ref()),
    ] {
        if value.is_some_and(|v| v.trim().contains('\n')) {
            out.findings.push(Finding::error(
                key.key(name),
                "この欄は一行で書いてください（改行は使えません）",
            ));
        }
    }
    let fiscal_year = wareki::fiscal_year(program.fiscal_year);

    out.summary
        .push(format!("{}（{}）", FORM.title, FORM.source));
    out.summary.push(format!(
        "  担当者: {}（{}）",
        question.contact_person.trim(),
        email
    ));

    let name = file.applicant.name.trim().to_owned();
    out.documents.push(Document {
        form: &FORM,
        distinguisher: None,
        title: format!("{}（{name}）", FORM.title),
        author: name.clone(),
        date: None,
        data: json!({
            "fiscal_year": fiscal_year,
            "program_name": program.program_name,
            "name": name,
            "contact_person": question.contact_person.trim(),
            "phone": question.phone.trim(),
            "fax": question.fax.as_deref().map(str::trim).unwrap_or(""),
            "email": email,
            "content": paragraphs(&question.content),
        }),
    });
    Some(out)
}
