//! 質問書 — 静岡県 参考様式. Spec: forms.md "More forms in the seeds"; the table is the guide's
//! 「質問書（参考様式）」 (seed 004), sent by e-mail with questions about the call.
//!
//! 会社名等 comes from `[applicant]`; the fiscal year and the program name of the subtitle from
//! the program definition. Checked: the contact cells and the question are filled, the e-mail
//! looks like an address. A fixed-layout form of one page.

use serde_json::json;

use super::{Assessment, Document, Form, FormInput, Layout, Program, kept_end, paragraphs, rules};
use crate::keypath::KeyPath;
use crate::wareki;

pub(super) static FORM: Form = Form {
    name: "question",
    title: "質問書",
    source: "静岡県 参考様式",
    program: Program::Shizuoka,
    section: "question",
    template: template!("question.typ"),
    parts: &[],
    layout: Layout::OnePage,
    assess,
    figures: &[],
    example: fixture!("shizuoka-package.toml"),
};

fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    let question = file.question.as_ref()?;
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let key = KeyPath::root().key("question");
    out.findings.extend(rules::required(
        &key,
        &[
            ("contact_person", &question.contact_person),
            ("phone", &question.phone),
            ("email", &question.email),
            ("content", &question.content),
        ],
    ));
    out.findings
        .extend(rules::email(key.key("email"), &question.email));
    out.findings.extend(rules::one_line(
        &key,
        &[
            ("contact_person", Some(&question.contact_person)),
            ("phone", Some(&question.phone)),
            ("fax", question.fax.as_deref()),
        ],
    ));
    let fiscal_year = wareki::fiscal_year(program.fiscal_year);
    let email = question.email.trim();
    out.line(format!(
        "  担当者: {}（{}）",
        question.contact_person.trim(),
        email
    ));

    out.documents.push(Document::single(
        &FORM,
        input.file,
        None,
        json!({
            "fiscal_year": fiscal_year,
            "program_name": program.program_name,
            "name": file.applicant.name.trim(),
            "contact_person": question.contact_person.trim(),
            "phone": question.phone.trim(),
            "fax": question.fax.as_deref().map(str::trim).unwrap_or(""),
            "email": kept_end(email),
            "content": paragraphs(&question.content),
        }),
    ));
    Some(out)
}
