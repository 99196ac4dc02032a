//! ハンズオン計画書/事業支援計画書 — NEDO 追加資料7. Source: 001_34c4718ac16d6e19.txt,
//! 「【追加資料7】」 and 「(補足) 事業支援計画書・VC以外の支援者について」.
//!
//! Written by the supporter: a パートナーVC候補 checks 「ハンズオン計画書」, a 事業会社 or other
//! institution 「事業支援計画書」. Three numbered sections of free text that keep their paragraphs
//! and may run onto more pages, never clipped (the guide asks the writer for A4 2枚以内).

use serde_json::json;

use super::{Assessment, Document, Form, FormInput, Layout, Program, paragraphs, rules};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, SupportKind, SupportPlan};

pub(super) static FORM: Form = Form {
    name: "support-plan",
    title: "ハンズオン計画書・事業支援計画書",
    source: "NEDO 追加資料7",
    program: Program::Nedo,
    section: "support_plans",
    template: template!("support-plan.typ"),
    parts: &[template!("parts/support-plan.typ")],
    layout: Layout::Grows,
    assess,
    figures: &[],
    example: fixture!("nedo-supporting.toml"),
};

/// The title the checkbox selects.
fn kind_title(kind: SupportKind) -> &'static str {
    match kind {
        SupportKind::HandsOn => "ハンズオン計画書",
        SupportKind::BusinessSupport => "事業支援計画書",
    }
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    if file.support_plans.is_empty() {
        return None;
    }
    let mut out = Assessment::headed(&FORM, format!(": {} 通", file.support_plans.len()));
    for (i, plan) in file.support_plans.iter().enumerate() {
        let key = KeyPath::root().key("support_plans").index(i);
        out.findings.extend(rules::required(
            &key,
            &[
                ("supporter_name", &plan.supporter_name),
                ("supporter_address", &plan.supporter_address),
                ("representative_name", &plan.representative_name),
                ("project_name", &plan.project_name),
                ("technology", &plan.technology),
                ("business", &plan.business),
                ("plan", &plan.plan),
            ],
        ));
        out.line(format!(
            "  [{}] {}: {}",
            i + 1,
            kind_title(plan.kind),
            plan.supporter_name.trim()
        ));
        out.documents.push(document(file, plan, i));
    }
    Some(out)
}

fn document(file: &ApplicantFile, plan: &SupportPlan, index: usize) -> Document {
    let applicant = file.applicant.name.trim().to_owned();
    let supporter = plan.supporter_name.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{:02}_{supporter}", index + 1)),
        title: format!("{}（{applicant}・{supporter}）", kind_title(plan.kind)),
        author: supporter.clone(),
        date: plan.date.map(|d| d.get()),
        data: json!({
            "hands_on": plan.kind == SupportKind::HandsOn,
            "supporter_name": supporter,
            "supporter_address": plan.supporter_address.trim(),
            "representative_name": plan.representative_name.trim(),
            "applicant": applicant,
            "project_name": plan.project_name.trim(),
            "technology": paragraphs(&plan.technology),
            "business": paragraphs(&plan.business),
            "plan": paragraphs(&plan.plan),
        }),
    }
}
