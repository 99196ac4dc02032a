//! 事業計画書 — 静岡県 様式第2号. Spec: forms.md "More forms in the seeds"; layout from the guide
//! (seed 004, 「様式第2号」).
//!
//! Seven numbered sections: free text that keeps the data's paragraphs (the form may run onto
//! more pages, never clips), the schedule table of section 5, and the 年度別事業予算 of section 7
//! (two fiscal years, only for a 継続申請 over two years): its rows are the program's expense
//! categories, as on the 収支予算書, and its 計 row is computed for each year.

use serde_json::{Value, json};

use super::{Assessment, Document, FormInfo, applicant, letter_of_intent::paragraphs};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, BusinessPlan, YearlyBudget};
use crate::program::{Programs, Shizuoka};
use crate::wareki;

pub const FORM: FormInfo = FormInfo {
    name: "business-plan",
    title: "事業計画書",
    source: "静岡県 様式第2号",
    section: "business_plan",
    template: "business-plan.typ",
    one_page: false,
};

/// One row of the 年度別事業予算: 区分 | 1年目 | 2年目 | 備考; amounts `None` when left empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    pub label: String,
    pub first: Option<u128>,
    pub second: Option<u128>,
    pub note: String,
}

/// The computed 年度別事業予算.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearlyTable {
    /// 西暦 of 1年目.
    pub first_year: i32,
    pub rows: Vec<YearRow>,
    pub first_total: u128,
    pub second_total: u128,
}

pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let plan = file.business_plan.as_ref()?;
    let program = &programs.shizuoka;
    let key = KeyPath::root().key("business_plan");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };
    out.findings.extend(check_text(plan, &key));
    let yearly = plan
        .yearly_budget
        .as_ref()
        .map(|y| compute_yearly(y, program, &key.key("yearly_budget"), &mut out.findings));

    out.summary
        .push(format!("{}（{}）", FORM.title, FORM.source));
    out.summary
        .push(format!("  テーマ名: {}", plan.theme.trim()));
    out.summary
        .push(format!("  スケジュール: {} 件", plan.schedule.len()));
    let mut yearly_values = Value::Null;
    if let Some(table) = &yearly {
        let (first, second) = (
            wareki::fiscal_year(table.first_year),
            wareki::fiscal_year(table.first_year.saturating_add(1)),
        );
        if first.is_none() || second.is_none() {
            out.findings.push(
                Finding::error(
                    key.key("yearly_budget").key("first_year"),
                    format!("{} 年度は和暦で表せません", table.first_year),
                )
                .with_help("西暦の年で書いてください（例: 2023 → 令和5年度）"),
            );
        }
        out.summary.push(format!(
            "  年度別事業予算: {} {}、{} {}、合計 {}",
            first.clone().unwrap_or_default(),
            yen(table.first_total),
            second.clone().unwrap_or_default(),
            yen(table.second_total),
            yen(table.first_total + table.second_total)
        ));
        yearly_values = json!({
            "first_year": first,
            "second_year": second,
            "rows": table.rows.iter().map(|r| json!({
                "label": r.label,
                "first": r.first.map(group_digits).unwrap_or_default(),
                "second": r.second.map(group_digits).unwrap_or_default(),
                "note": r.note,
            })).collect::<Vec<_>>(),
            "first_total": group_digits(table.first_total),
            "second_total": group_digits(table.second_total),
        });
    }

    let name = file.applicant.name.trim().to_owned();
    out.documents.push(Document {
        form: &FORM,
        distinguisher: None,
        title: format!("{}（{name}）", FORM.title),
        author: name,
        date: None,
        data: json!({
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
            "yearly_budget": yearly_values,
        }),
    });
    Some(out)
}

/// Every section is written; the schedule has at least one entry, each with all three cells.
fn check_text(plan: &BusinessPlan, key: &KeyPath) -> Vec<Finding> {
    let mut findings: Vec<Finding> = [
        ("theme", &plan.theme),
        ("purpose", &plan.purpose),
        ("goals", &plan.goals),
        ("comparison", &plan.comparison),
        ("progress", &plan.progress),
        ("structure", &plan.structure),
    ]
    .iter()
    .filter_map(|(name, value)| applicant::required_text(&key.key(name), value))
    .collect();
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
        let entry_key = key.key("schedule").index(i);
        for (name, value) in [
            ("period", &entry.period),
            ("content", &entry.content),
            ("place", &entry.place),
        ] {
            if let Some(f) = applicant::required_text(&entry_key.key(name), value) {
                findings.push(f);
            }
        }
    }
    findings
}

/// The 年度別事業予算 in the program's category order, with each year's 計.
pub fn compute_yearly(
    yearly: &YearlyBudget,
    program: &Shizuoka,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> YearlyTable {
    let mut rows: Vec<YearRow> = program
        .expense_categories
        .iter()
        .map(|c| YearRow {
            label: c.clone(),
            first: None,
            second: None,
            note: String::new(),
        })
        .collect();
    if yearly.rows.is_empty() {
        findings.push(
            Finding::error(key.key("rows"), "年度別事業予算の行が一つもありません")
                .with_help("[[business_plan.yearly_budget.rows]] に区分と各年度の金額を書いてください（2か年度にわたる継続申請でなければ yearly_budget を削除してください）"),
        );
    }
    for (i, row) in yearly.rows.iter().enumerate() {
        let row_key = key.key("rows").index(i);
        let category = row.category.trim();
        let Some(slot) = rows.iter_mut().find(|r| r.label == category) else {
            findings.push(
                Finding::error(
                    row_key.key("category"),
                    format!("区分「{category}」は年度別事業予算にありません"),
                )
                .with_help(format!(
                    "使える区分: {}",
                    program.expense_categories.join("、")
                )),
            );
            continue;
        };
        if slot.first.is_some() {
            findings.push(Finding::error(
                row_key.key("category"),
                format!("区分「{category}」が二度書かれています"),
            ));
            continue;
        }
        if let Some(note) = &row.note
            && note.contains('\n')
        {
            findings.push(Finding::error(
                row_key.key("note"),
                "この欄は一行で書いてください（改行は使えません）",
            ));
        }
        slot.first = Some(row.first.get().into());
        slot.second = Some(row.second.get().into());
        slot.note = row.note.as_deref().unwrap_or("").trim().to_owned();
    }
    let first_total = rows.iter().filter_map(|r| r.first).sum();
    let second_total = rows.iter().filter_map(|r| r.second).sum();
    YearlyTable {
        first_year: yearly.first_year.unwrap_or(program.fiscal_year),
        rows,
        first_total,
        second_total,
    }
}
