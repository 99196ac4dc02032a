//! 誓約書 — 静岡県 様式第4号. Spec: forms.md §4.
//!
//! Printed, signed or sealed, scanned and submitted. The pledge items are the form's own text
//! (in the template); the addressee, fiscal year and program name come from the program
//! definition, and the applicant file may override the addressee and the fiscal year.
//! `sign_by_hand` leaves the representative's name blank for a handwritten 自署 (the form's
//! 「代表者の氏名を自署する場合は、押印不要」).

use serde_json::json;

use super::{Assessment, Document, Form, FormInput, Layout, Program, applicant, rules};
use crate::keypath::KeyPath;

pub(super) static FORM: Form = Form {
    name: "pledge",
    title: "誓約書",
    source: "静岡県 様式第4号",
    program: Program::Shizuoka,
    section: "pledge",
    template: template!("pledge.typ"),
    parts: &[template!("parts/pledge.typ")],
    layout: Layout::OnePage,
    assess,
    figures: &[],
    example: fixture!("complete.toml"),
};

fn assess(input: &FormInput) -> Option<Assessment> {
    let pledge = input.file.pledge.as_ref()?;
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let key = KeyPath::root().key("pledge");
    let date = rules::wareki_date(
        key.key("date"),
        pledge.head.date,
        "書類の日付",
        "2023-07-20",
        &mut out.findings,
    );
    let call = rules::call_values(
        &key,
        pledge.head.addressee.as_deref(),
        pledge.head.fiscal_year,
        program,
        &mut out.findings,
    );
    let given = |overridden: bool| {
        if overridden {
            "（申請者ファイルで指定）"
        } else {
            ""
        }
    };
    out.line(format!(
        "  宛先: {}{}",
        call.addressee,
        given(call.addressee_overridden)
    ));
    out.line(format!(
        "  年度: {}{}  日付: {}",
        call.fiscal_year.clone().unwrap_or_default(),
        given(call.fiscal_year_overridden),
        date.clone().unwrap_or_default()
    ));

    if pledge.sign_by_hand {
        out.line("  代表者の氏名: 自署（氏名欄を空けて印刷）");
    }
    let data = call.with_head(
        date,
        program,
        &input.file.applicant,
        json!({
            "sign_by_hand": pledge.sign_by_hand,
            "fitted": applicant::fitted(&input.file.applicant),
        }),
    );
    out.documents.push(Document::single(
        &FORM,
        input.file,
        Some(pledge.head.date.get()),
        data,
    ));
    Some(out)
}
