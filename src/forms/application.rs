//! 申込書 — 静岡県 様式第1号. Spec: forms.md "More forms in the seeds"; layout from the guide
//! (seed 004, 「様式第1号」).
//!
//! 1 総事業費, 2 交付申請見込額 (補助金所要額 − 消費税仕入控除税額 = 補助金額), 3 事業完了予定年月日,
//! and the 責任者・作成者 lines. The addressee, fiscal year and program name come from the
//! program definition, as on the 誓約書. Checked: the subtraction; 補助金額 within the program's
//! cap and unit and ≤ 総事業費; and, when the file also has a 収支予算書, that 補助金額 equals its
//! 補助金 and 総事業費 equals its 計.

use serde_json::json;

use super::{Assessment, Document, FormInfo, applicant, budget};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, Application, PersonInCharge};
use crate::program::{Programs, Shizuoka};
use crate::wareki;

pub const FORM: FormInfo = FormInfo {
    name: "application",
    title: "申込書",
    source: "静岡県 様式第1号",
    section: "application",
    template: "application.typ",
    one_page: true,
};

pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let application = file.application.as_ref()?;
    let program = &programs.shizuoka;
    let key = KeyPath::root().key("application");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };

    let date = wareki::date(application.date.get());
    if date.is_none() {
        out.findings.push(
            Finding::error(
                key.key("date"),
                format!(
                    "{} は和暦（昭和・平成・令和）で表せません",
                    application.date
                ),
            )
            .with_help("書類の日付を書いてください（例: 2023-07-25）"),
        );
    }
    let completion = wareki::date(application.completion_date.get());
    if completion.is_none() {
        out.findings.push(
            Finding::error(
                key.key("completion_date"),
                format!(
                    "{} は和暦（昭和・平成・令和）で表せません",
                    application.completion_date
                ),
            )
            .with_help("事業完了予定年月日を書いてください（例: 2024-03-15）"),
        );
    } else if application.completion_date < application.date {
        out.findings.push(
            Finding::error(
                key.key("completion_date"),
                format!(
                    "事業完了予定年月日 {} が申込書の日付 {} より前です",
                    application.completion_date, application.date
                ),
            )
            .with_help("事業を完了する予定の日を書いてください"),
        );
    }
    let year = application.fiscal_year.unwrap_or(program.fiscal_year);
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
    let addressee = application
        .addressee
        .as_deref()
        .unwrap_or(&program.addressee)
        .trim()
        .to_owned();
    if let Some(f) = applicant::required_text(&key.key("addressee"), &addressee) {
        out.findings.push(f);
    }
    for (name, person) in [
        ("responsible", &application.responsible),
        ("preparer", &application.preparer),
    ] {
        out.findings.extend(person_findings(&key.key(name), person));
    }
    check_amounts(application, program, &key, &mut out.findings);
    check_against_budget(file, program, &mut out.findings);

    let subsidy = u128::from(application.subsidy.get());
    out.summary
        .push(format!("{}（{}）", FORM.title, FORM.source));
    out.summary.push(format!(
        "  総事業費: {}",
        yen(application.total_cost.get().into())
    ));
    out.summary.push(format!(
        "  交付申請見込額: {} − {} = {}",
        yen(application.subsidy_required.get().into()),
        yen(application.consumption_tax_deduction.get().into()),
        yen(subsidy)
    ));
    out.summary.push(format!(
        "  事業完了予定年月日: {}",
        completion.clone().unwrap_or_default()
    ));
    if file.budget.is_some() {
        out.summary.push(
            "  規則: 補助金額 = 収支予算書の補助金、総事業費 = 収支予算書の計（照合済み）"
                .to_owned(),
        );
    }

    let name = file.applicant.name.trim().to_owned();
    out.documents.push(Document {
        form: &FORM,
        distinguisher: None,
        title: format!("{}（{name}）", FORM.title),
        author: name,
        date: Some(application.date.get()),
        data: json!({
            "date": date,
            "addressee": addressee,
            "fiscal_year": fiscal_year,
            "program_name": program.program_name,
            "applicant": applicant::values(&file.applicant),
            "total_cost": group_digits(application.total_cost.get().into()),
            "subsidy_required": group_digits(application.subsidy_required.get().into()),
            "consumption_tax_deduction":
                group_digits(application.consumption_tax_deduction.get().into()),
            "subsidy": group_digits(subsidy),
            "completion_date": completion,
            "responsible": person_line(&application.responsible),
            "preparer": person_line(&application.preparer),
        }),
    });
    Some(out)
}

/// 職 and 氏名 are both required.
pub fn person_findings(key: &KeyPath, person: &PersonInCharge) -> Vec<Finding> {
    [("title", &person.title), ("name", &person.name)]
        .iter()
        .filter_map(|(name, value)| applicant::required_text(&key.key(name), value))
        .collect()
}

/// `取締役CTO 鈴木 一郎`: 職・氏名 on one line.
fn person_line(person: &PersonInCharge) -> String {
    format!("{} {}", person.title.trim(), person.name.trim())
}

/// 補助金所要額 − 消費税仕入控除税額 = 補助金額, and 補助金額 within the program's rules.
fn check_amounts(
    application: &Application,
    program: &Shizuoka,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) {
    let required = u128::from(application.subsidy_required.get());
    let deduction = u128::from(application.consumption_tax_deduction.get());
    let subsidy = u128::from(application.subsidy.get());
    let total = u128::from(application.total_cost.get());
    match required.checked_sub(deduction) {
        None => findings.push(
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
        Some(difference) if difference != subsidy => findings.push(
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
        Some(_) => {}
    }
    let cap = u128::from(program.subsidy_cap.get());
    let unit = u128::from(program.subsidy_unit.get()).max(1);
    let largest = budget::largest_subsidy(total, program);
    let help = format!("補助金額として書ける最大の額は {}です", yen(largest));
    if subsidy > cap {
        findings.push(
            Finding::error(
                key.key("subsidy"),
                format!("補助金額 {}が上限 {}を超えています", yen(subsidy), yen(cap)),
            )
            .with_help(help.clone()),
        );
    }
    if subsidy > total {
        findings.push(
            Finding::error(
                key.key("subsidy"),
                format!(
                    "補助金額 {}が総事業費 {}を超えています（補助率 10/10 以内）",
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
                key.key("subsidy"),
                format!(
                    "補助金額 {}に {} 円未満の端数があります（端数は切り捨て）",
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
}

/// The 申込書 and the 収支予算書 of the same application must agree: 補助金額 = 補助金 and
/// 総事業費 = 計. Nothing to compare when the file has no 収支予算書.
fn check_against_budget(file: &ApplicantFile, program: &Shizuoka, findings: &mut Vec<Finding>) {
    let (Some(application), Some(plan)) = (&file.application, &file.budget) else {
        return;
    };
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
}
