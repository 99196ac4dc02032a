//! 関心表明書 (Letter of Intent) — NEDO 追加資料8. Spec: forms.md §2.
//!
//! Written and signed by a partner company, one per partner; the applicant attaches it. A free
//! text form: 事業連携の内容 keeps the data's paragraphs and may run onto more pages.

use serde_json::json;

use super::{
    Assessment, Document, Form, FormInput, Layout, Program, kept_words, paragraphs, rules,
};
use crate::diag::Finding;
use crate::figures::{seireki, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, LetterOfIntent};
use crate::program::Programs;

pub(super) static FORM: Form = Form {
    name: "letter-of-intent",
    title: "関心表明書",
    source: "NEDO 追加資料8",
    program: Program::Nedo,
    section: "letters_of_intent",
    template: template!("letter-of-intent.typ"),
    parts: &[],
    layout: Layout::Grows,
    assess,
    figures: &[],
    example: fixture!("complete.toml"),
};

/// Checks every letter and prepares one document each; `None` when there is none.
fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    if file.letters_of_intent.is_empty() {
        return None;
    }
    let mut out = Assessment::headed(&FORM, format!(": {} 通", file.letters_of_intent.len()));
    for (i, letter) in file.letters_of_intent.iter().enumerate() {
        let key = KeyPath::root().key("letters_of_intent").index(i);
        out.findings.extend(check(letter, &key));
        out.line(format!(
            "  [{}] {}（{} {}）: {}",
            i + 1,
            letter.partner_name.trim(),
            letter.signer.signer_title.trim(),
            letter.signer.signer_name.trim(),
            letter.collaboration.trim()
        ));
        out.documents.push(document(file, letter, i));
    }
    out.line(cap_effect(file, input.programs));
    Some(out)
}

fn check(letter: &LetterOfIntent, key: &KeyPath) -> Vec<Finding> {
    let mut findings = rules::required(
        key,
        &[
            ("project_name", &letter.project_name),
            ("collaboration", &letter.collaboration),
            ("details", &letter.details),
            ("partner_name", &letter.partner_name),
            ("partner_address", &letter.partner_address),
        ],
    );
    findings.extend(rules::signer(key, &letter.signer));
    findings
}

/// What submitting a letter does to the grant cap (STS 3→5億円, PCA 5→10億円).
fn cap_effect(file: &ApplicantFile, programs: &Programs) -> String {
    let caps = &programs.nedo.letter_of_intent_caps;
    let phase = file.investment_report.as_ref().map(|r| r.phase);
    let relevant: Vec<String> = caps
        .iter()
        .filter(|c| phase.is_none_or(|p| p == c.phase))
        .map(|c| {
            format!(
                "{}: {} → {}",
                c.phase.code(),
                yen(c.without.get().into()),
                yen(c.with.get().into())
            )
        })
        .collect();
    if relevant.is_empty() {
        "  効果: このフェーズでは関心表明書による助成上限額の増額はありません".to_owned()
    } else {
        format!(
            "  効果: 関心表明書の提出で助成上限額が増額されます（{}）",
            relevant.join("、")
        )
    }
}

fn document(file: &ApplicantFile, letter: &LetterOfIntent, index: usize) -> Document {
    let applicant = file.applicant.name.trim().to_owned();
    let partner = letter.partner_name.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{:02}_{partner}", index + 1)),
        title: format!("{}（{applicant}・{partner}）", FORM.title),
        author: partner.clone(),
        date: Some(letter.date.get()),
        data: json!({
            "date": seireki(letter.date.get()),
            // In the middle of the form's sentence: their words kept as the sentence's are.
            "applicant": kept_words(&applicant),
            "collaboration": kept_words(letter.collaboration.trim()),
            "project_name": letter.project_name.trim(),
            "details": paragraphs(&letter.details),
            "partner_name": partner,
            "partner_address": letter.partner_address.trim(),
            "signer_title": letter.signer.signer_title.trim(),
            "signer_name": letter.signer.signer_name.trim(),
            "contact": rules::contact_values(&letter.signer),
        }),
    }
}
