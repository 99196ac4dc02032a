//! 申込書 — 静岡県 様式第1号. Spec: forms.md "More forms in the seeds"; layout from the guide
//! (seed 004, 「様式第1号」).
//!
//! 1 総事業費, 2 交付申請見込額 (補助金所要額 − 消費税仕入控除税額 = 補助金額), 3 事業完了予定年月日,
//! and the 責任者・作成者 lines. The addressee, fiscal year and program name come from the
//! program definition, as on the 誓約書. Checked: the subtraction; 補助金額 within the program's
//! cap and unit and ≤ 総事業費; and, when the file also has a 収支予算書, that 補助金額 equals its
//! 補助金 and 総事業費 equals its 計.

use serde_json::json;

use super::rules::{self, SubsidyTerms};
use super::{Assessment, Document, Form, FormInput, Layout, Program, budget};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{Application, Budget, PersonInCharge};
use crate::program::ShizuokaCall;

pub(super) static FORM: Form = Form {
    name: "application",
    title: "申込書",
    source: "静岡県 様式第1号",
    program: Program::Shizuoka,
    section: "application",
    template: template!("application.typ"),
    parts: &[template!("parts/application.typ")],
    layout: Layout::OnePage,
    assess,
    figures: &["総事業費", "補助金所要額", "補助金額"],
    example: fixture!("shizuoka-package.toml"),
};

fn assess(input: &FormInput) -> Option<Assessment> {
    let application = input.file.application.as_ref()?;
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let key = KeyPath::root().key("application");
    let findings = &mut out.findings;

    let date = rules::wareki_date(
        key.key("date"),
        application.head.date,
        "書類の日付",
        "2023-07-25",
        findings,
    );
    let completion = check_completion(application, &key, findings);
    let call = rules::call_values(
        &key,
        application.head.addressee.as_deref(),
        application.head.fiscal_year,
        program,
        findings,
    );
    for (name, person) in [
        ("responsible", &application.responsible),
        ("preparer", &application.preparer),
    ] {
        findings.extend(person_findings(&key.key(name), person));
    }
    summarize(application, completion.as_deref(), &mut out);
    hold_amounts(application, program, &key, &mut out);
    if let Some(plan) = &input.file.budget {
        out.rule(
            "補助金額 = 収支予算書の補助金、総事業費 = 収支予算書の計",
            against_budget(application, plan, program),
        );
    }

    let fields = json!({
        "total_cost": group_digits(application.total_cost.get().into()),
        "subsidy_required": group_digits(application.subsidy_required.get().into()),
        "consumption_tax_deduction":
            group_digits(application.consumption_tax_deduction.get().into()),
        "subsidy": group_digits(application.subsidy.get().into()),
        "completion_date": completion,
        "responsible": person_line(&application.responsible),
        "preparer": person_line(&application.preparer),
    });
    let data = call.with_head(date, program, &input.file.applicant, fields);
    let date = Some(application.head.date.get());
    out.documents
        .push(Document::single(&FORM, input.file, date, data));
    Some(out)
}

/// 3 事業完了予定年月日: printable, and not before the application.
fn check_completion(
    application: &Application,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let completion = rules::wareki_date(
        key.key("completion_date"),
        application.completion_date,
        "事業完了予定年月日",
        "2024-03-15",
        findings,
    );
    if completion.is_some() && application.completion_date < application.head.date {
        findings.push(
            Finding::error(
                key.key("completion_date"),
                format!(
                    "事業完了予定年月日 {} が申込書の日付 {} より前です",
                    application.completion_date, application.head.date
                ),
            )
            .with_help("事業を完了する予定の日を書いてください"),
        );
    }
    completion
}

fn summarize(application: &Application, completion: Option<&str>, out: &mut Assessment) {
    out.figure("総事業費", application.total_cost.get());
    out.figure("補助金所要額", application.subsidy_required.get());
    out.figure("補助金額", application.subsidy.get());
    out.line(format!(
        "  総事業費: {}",
        yen(application.total_cost.get().into())
    ));
    out.line(format!(
        "  交付申請見込額: {} − {} = {}",
        yen(application.subsidy_required.get().into()),
        yen(application.consumption_tax_deduction.get().into()),
        yen(application.subsidy.get().into())
    ));
    out.line(format!(
        "  事業完了予定年月日: {}",
        completion.unwrap_or_default()
    ));
}

/// 職 and 氏名 are both required.
pub(super) fn person_findings(key: &KeyPath, person: &PersonInCharge) -> Vec<Finding> {
    rules::required(key, &[("title", &person.title), ("name", &person.name)])
}

/// `取締役CTO 鈴木 一郎`: 職・氏名 on one line.
fn person_line(person: &PersonInCharge) -> String {
    format!("{} {}", person.title.trim(), person.name.trim())
}

/// 補助金所要額 − 消費税仕入控除税額 = 補助金額, 補助金所要額 ≤ 総事業費, and 補助金額 within
/// the program's rules.
fn hold_amounts(
    application: &Application,
    program: &ShizuokaCall,
    key: &KeyPath,
    out: &mut Assessment,
) {
    let required = u128::from(application.subsidy_required.get());
    let deduction = u128::from(application.consumption_tax_deduction.get());
    let subsidy = u128::from(application.subsidy.get());
    let total = u128::from(application.total_cost.get());
    let subtraction = match required.checked_sub(deduction) {
        None => Some(
            Finding::error(
                key.key("consumption_tax_deduction"),
                format!(
                    "消費税仕入控除税額 {}が補助金所要額 {}を超えています",
                    yen(deduction),
                    yen(required)
                ),
            )
            .with_help("控除税額は補助金所要額に含まれる消費税の額です"),
        ),
        Some(difference) if difference != subsidy => Some(
            Finding::error(
                key.key("subsidy"),
                format!(
                    "補助金額 {}が補助金所要額 {} − 消費税仕入控除税額 {} = {}と一致しません",
                    yen(subsidy),
                    yen(required),
                    yen(deduction),
                    yen(difference)
                ),
            )
            .with_help(format!(
                "補助金額は {}です（application.subsidy_required − application.consumption_tax_deduction）",
                yen(difference)
            )),
        ),
        Some(_) => None,
    };
    out.rule(
        "補助金額 = 補助金所要額 − 消費税仕入控除税額",
        subtraction.into_iter().collect(),
    );
    let over_total = (required > total).then(|| {
        Finding::error(
            key.key("subsidy_required"),
            format!(
                "補助金所要額 {}（application.subsidy_required）が総事業費 {}（application.total_cost）を超えています（差 {}）",
                yen(required),
                yen(total),
                yen(required - total)
            ),
        )
        .with_help("補助金所要額は総事業費（収支予算書の計）の内で書いてください")
    });
    out.rule("補助金所要額 ≤ 総事業費", over_total.into_iter().collect());
    out.rule(
        format!(
            "補助金額 ≤ 上限 {}、≤ 総事業費（補助率 10/10 以内）、{} 円未満切り捨て",
            yen(program.subsidy_cap.get().into()),
            group_digits(program.subsidy_unit.get().into())
        ),
        rules::subsidy(
            &key.key("subsidy"),
            subsidy,
            total,
            program,
            SubsidyTerms {
                amount: "補助金額",
                total: "総事業費",
            },
        ),
    );
}

/// The 申込書 and the 収支予算書 of the same application must agree: 補助金額 = 補助金 and
/// 総事業費 = 計.
fn against_budget(
    application: &Application,
    plan: &Budget,
    program: &ShizuokaCall,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let budget_key = KeyPath::root().key("budget");
    let key = KeyPath::root().key("application");
    // The budget's own problems are reported by the budget form; only its totals matter here.
    let computed = budget::compute(plan, program, &budget_key, &mut Vec::new());
    let subsidy = u128::from(application.subsidy.get());
    let budget_subsidy = u128::from(plan.income.subsidy.amount.get());
    if subsidy != budget_subsidy {
        let subsidy_key = key.key("subsidy");
        let budget_subsidy_key = budget_key.key("income").key("subsidy").key("amount");
        findings.push(
            Finding::error(
                subsidy_key.clone(),
                format!(
                    "申込書の補助金額 {}（{subsidy_key}）と収支予算書の補助金 {}（{budget_subsidy_key}）が一致しません（差 {}）",
                    yen(subsidy),
                    yen(budget_subsidy),
                    yen(subsidy.abs_diff(budget_subsidy))
                ),
            )
            .with_help("申込書と収支予算書の補助金を同じ額にしてください"),
        );
    }
    let total = u128::from(application.total_cost.get());
    if total != computed.expense_total {
        let total_key = key.key("total_cost");
        let expenses_key = budget_key.key("expenses");
        findings.push(
            Finding::error(
                total_key.clone(),
                format!(
                    "申込書の総事業費 {}（{total_key}）と収支予算書の支出の計 {}（{expenses_key}）が一致しません（差 {}）",
                    yen(total),
                    yen(computed.expense_total),
                    yen(total.abs_diff(computed.expense_total))
                ),
            )
            .with_help("総事業費は収支予算書の計と同じ額です"),
        );
    }
    findings
}
