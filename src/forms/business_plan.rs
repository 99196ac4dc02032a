//! 事業計画書 — 静岡県 様式第2号. Spec: forms.md "More forms in the seeds"; layout from the guide
//! (seed 004, 「様式第2号」).
//!
//! Seven numbered sections: free text that keeps the data's paragraphs (the form may run onto
//! more pages, never clips), the schedule table of section 5, and the 年度別事業予算 of section 7
//! (two fiscal years, only for a 継続申請 over two years): its rows are the program's expense
//! categories, as on the 収支予算書, and its 計 row is computed for each year.

use serde_json::{Value, json};

use super::rules::{self, Categories};
use super::{Assessment, Document, Form, FormInput, Layout, Program, budget, paragraphs};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{Budget, BusinessPlan, YearlyBudget};
use crate::program::ShizuokaCall;

pub(super) static FORM: Form = Form {
    name: "business-plan",
    title: "事業計画書",
    source: "静岡県 様式第2号",
    program: Program::Shizuoka,
    section: "business_plan",
    template: template!("business-plan.typ"),
    parts: &[template!("parts/business-plan.typ")],
    layout: Layout::Grows,
    assess,
    figures: &["年度別事業予算 1年目", "年度別事業予算 2年目"],
    example: fixture!("shizuoka-package.toml"),
};

/// One row of the 年度別事業予算: 区分 | 1年目 | 2年目 | 備考.
#[derive(Debug, Clone)]
struct YearRow {
    /// Its place in `business_plan.yearly_budget.rows`.
    index: usize,
    first: u128,
    second: u128,
    note: String,
}

/// The computed 年度別事業予算.
#[derive(Debug)]
struct YearlyTable {
    /// 西暦 of 1年目.
    first_year: i32,
    /// Every category in the program's order; `None` for a row left empty.
    rows: Vec<(String, Option<YearRow>)>,
    first_total: u128,
    second_total: u128,
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let plan = input.file.business_plan.as_ref()?;
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let key = KeyPath::root().key("business_plan");
    out.findings.extend(check_text(plan, &key));
    out.line(format!("  テーマ名: {}", plan.theme.trim()));
    out.line(format!("  スケジュール: {} 件", plan.schedule.len()));
    let yearly = plan.yearly_budget.as_ref().map_or(Value::Null, |y| {
        let table = compute_yearly(y, program, &key.key("yearly_budget"), &mut out.findings);
        if let Some(budget) = &input.file.budget {
            out.rule(
                "年度別事業予算 1年目 = 収支予算書（区分ごと）",
                against_budget(&table, budget, program),
            );
        }
        yearly_values(&table, &key, &mut out)
    });

    out.documents.push(Document::single(
        &FORM,
        input.file,
        None,
        json!({
            "theme": plan.theme.trim(),
            "purpose": paragraphs(&plan.purpose),
            "goals": paragraphs(&plan.goals),
            "comparison": paragraphs(&plan.comparison),
            "progress": paragraphs(&plan.progress),
            "schedule": plan.schedule.iter().map(|s| json!({
                "period": s.period.trim(),
                "content": paragraphs(&s.content),
                "place": s.place.trim(),
            })).collect::<Vec<_>>(),
            "structure": paragraphs(&plan.structure),
            "categories": program.expense_categories,
            "yearly_budget": yearly,
        }),
    ));
    Some(out)
}

/// The 年度別事業予算 as the template prints it, with its summary line; the two years must be
/// printable as 和暦.
fn yearly_values(table: &YearlyTable, key: &KeyPath, out: &mut Assessment) -> Value {
    let first_key = key.key("yearly_budget").key("first_year");
    let example = "2023 → 令和5年度";
    let first = rules::wareki_fiscal_year(
        first_key.clone(),
        table.first_year,
        example,
        &mut out.findings,
    );
    let second = match table.first_year.checked_add(1) {
        Some(year) if first.is_some() => {
            rules::wareki_fiscal_year(first_key, year, example, &mut out.findings)
        }
        _ => None,
    };
    out.figure("年度別事業予算 1年目", table.first_total);
    out.figure("年度別事業予算 2年目", table.second_total);
    out.line(format!(
        "  年度別事業予算: {} {}、{} {}、合計 {}",
        first.clone().unwrap_or_default(),
        yen(table.first_total),
        second.clone().unwrap_or_default(),
        yen(table.second_total),
        yen(table.first_total + table.second_total)
    ));
    let amount = |value: Option<u128>| value.map(group_digits).unwrap_or_default();
    json!({
        "first_year": first,
        "second_year": second,
        "rows": table.rows.iter().map(|(label, row)| json!({
            "label": label,
            "first": amount(row.as_ref().map(|r| r.first)),
            "second": amount(row.as_ref().map(|r| r.second)),
            "note": row.as_ref().map_or("", |r| r.note.as_str()),
        })).collect::<Vec<_>>(),
        "first_total": group_digits(table.first_total),
        "second_total": group_digits(table.second_total),
    })
}

/// Every section is written; the schedule has at least one entry, each with all three cells.
fn check_text(plan: &BusinessPlan, key: &KeyPath) -> Vec<Finding> {
    let mut findings = rules::required(
        key,
        &[
            ("theme", &plan.theme),
            ("purpose", &plan.purpose),
            ("goals", &plan.goals),
            ("comparison", &plan.comparison),
            ("progress", &plan.progress),
            ("structure", &plan.structure),
        ],
    );
    if plan.theme.trim().contains('\n') {
        findings.push(Finding::error(
            key.key("theme"),
            "テーマ名は一行で書いてください（改行は使えません）",
        ));
    }
    if plan.schedule.is_empty() {
        findings.push(
            Finding::error(
                key.key("schedule"),
                "事業の内容・スケジュールが一件もありません",
            )
            .with_help(
                "[[business_plan.schedule]] に period（実施時期）・content（実施内容）・place（実施場所）を書いてください",
            ),
        );
    }
    for (i, entry) in plan.schedule.iter().enumerate() {
        findings.extend(rules::required(
            &key.key("schedule").index(i),
            &[
                ("period", &entry.period),
                ("content", &entry.content),
                ("place", &entry.place),
            ],
        ));
    }
    findings
}

/// The 年度別事業予算 in the program's category order, with each year's 計.
fn compute_yearly(
    yearly: &YearlyBudget,
    program: &ShizuokaCall,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> YearlyTable {
    if yearly.rows.is_empty() {
        findings.push(
            Finding::error(key.key("rows"), "年度別事業予算の行が一つもありません")
                .with_help("[[business_plan.yearly_budget.rows]] に区分と各年度の金額を書いてください（2か年度にわたる継続申請でなければ yearly_budget を削除してください）"),
        );
    }
    let mut slots = Categories::new(program, "年度別事業予算", None);
    for (i, row) in yearly.rows.iter().enumerate() {
        let row_key = key.key("rows").index(i);
        findings.extend(rules::one_line(&row_key, &[("note", row.note.as_deref())]));
        slots.fill(
            row_key.key("category"),
            &row.category,
            || {
                Some(YearRow {
                    index: i,
                    first: row.first.get().into(),
                    second: row.second.get().into(),
                    note: row.note.as_deref().unwrap_or("").trim().to_owned(),
                })
            },
            findings,
        );
    }
    let first_total = slots
        .slots
        .iter()
        .filter_map(|(_, r)| r.as_ref())
        .map(|r| r.first)
        .sum();
    let second_total = slots
        .slots
        .iter()
        .filter_map(|(_, r)| r.as_ref())
        .map(|r| r.second)
        .sum();
    YearlyTable {
        first_year: yearly.first_year.unwrap_or(program.fiscal_year),
        rows: slots.slots,
        first_total,
        second_total,
    }
}

/// 1年目 of a two-year plan is this year's 収支予算書: every 区分 must agree (a 区分 one of them
/// leaves out is 0 there). Each mismatch names both keys and both amounts.
fn against_budget(table: &YearlyTable, budget: &Budget, program: &ShizuokaCall) -> Vec<Finding> {
    let rows_key = KeyPath::root()
        .key("business_plan")
        .key("yearly_budget")
        .key("rows");
    let expenses = budget::expense_amounts(budget, program);
    let mut findings = Vec::new();
    for ((category, row), (_, expense)) in table.rows.iter().zip(&expenses) {
        let first = row.as_ref().map_or(0, |r| r.first);
        let (spent, budget_key) = expense
            .as_ref()
            .map_or((0, None), |(amount, key)| (*amount, Some(key)));
        if first == spent {
            continue;
        }
        let first_key = row
            .as_ref()
            .map_or(rows_key.clone(), |r| rows_key.index(r.index).key("first"));
        let budget_place = budget_key.map_or("記載なし".to_owned(), |k| k.to_string());
        findings.push(
            Finding::error(
                first_key.clone(),
                format!(
                    "年度別事業予算 1年目の{category} {}（{first_key}）と収支予算書の{category} {}（{budget_place}）が一致しません（差 {}）",
                    yen(first),
                    yen(spent),
                    yen(first.abs_diff(spent))
                ),
            )
            .with_help("1年目の額は収支予算書（今年度の申請）の額と同じにしてください"),
        );
    }
    findings
}
