//! 収支予算書 — 静岡県 様式第3号. Spec: forms.md §3; rules from the guide's 「2 事業内容 (4)」 and
//! 「別表1」.
//!
//! Each expense row is the sum of its items (unit price × quantity, the product cut to whole yen)
//! or a plain amount. Checked: 収入の計 = 支出の計; 補助金 ≤ the program cap, ≤ 支出の計
//! (補助率 10/10 以内) and a multiple of the program's unit (千円未満切り捨て); categories are the
//! program's thirteen.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use super::rules::{self, Categories, SubsidyTerms};
use super::{Assessment, Document, Form, FormInput, Layout, Program};
use crate::diag::Finding;
use crate::figures::{group_digits, yen};
use crate::keypath::KeyPath;
use crate::model::{Budget, ExpenseItem, ExpenseRow, IncomeLine, RowText};
use crate::program::ShizuokaCall;
use crate::wareki;

pub(super) static FORM: Form = Form {
    name: "budget",
    title: "収支予算書",
    source: "静岡県 様式第3号",
    program: Program::Shizuoka,
    section: "budget",
    template: template!("budget.typ"),
    parts: &[template!("parts/budget.typ")],
    layout: Layout::OnePage,
    assess,
    figures: &["補助金", "収入の計", "支出の計"],
    example: fixture!("complete.toml"),
};

/// One printed row: 区分 | 予算額 | 積算内訳 | 備考. `amount` is `None` for a row left empty.
#[derive(Debug)]
struct Row {
    label: String,
    amount: Option<u128>,
    breakdown: Vec<String>,
    note: Option<String>,
}

impl Row {
    /// An unused row prints blank, as the form's empty rows do: a 0 with nothing written
    /// beside it (the その他 of a budget without other income) is not an amount to report. A 0
    /// with a 積算内訳 or 備考 is printed, so that the words have their figure.
    fn printed_amount(&self) -> String {
        match self.amount {
            Some(0) if self.breakdown.is_empty() && self.note.is_none() => String::new(),
            amount => amount.map(group_digits).unwrap_or_default(),
        }
    }

    fn values(&self) -> Value {
        json!({
            "label": self.label,
            "amount": self.printed_amount(),
            "breakdown": self.breakdown,
            "note": self.note.clone().unwrap_or_default(),
        })
    }
}

/// The computed budget.
#[derive(Debug)]
pub(super) struct Computed {
    income: Vec<Row>,
    income_total: u128,
    expenses: Vec<Row>,
    pub(super) expense_total: u128,
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let budget = input.file.budget.as_ref()?;
    let (program, call_findings) = input.shizuoka();
    let mut out = Assessment::for_call(&FORM, program, call_findings);
    let key = KeyPath::root().key("budget");
    let computed = compute(budget, program, &key, &mut out.findings);
    check_fits_the_page(&computed, &key, &mut out.findings);
    summarize(&computed, &mut out);
    hold_against_rules(budget, &computed, program, &key, &mut out);

    let date = budget.date.map(|d| d.get());
    out.documents.push(Document::single(
        &FORM,
        input.file,
        date,
        json!({
            "date": date.and_then(wareki::date),
            "income": computed.income.iter().map(Row::values).collect::<Vec<_>>(),
            "income_total": group_digits(computed.income_total),
            "expenses": computed.expenses.iter().map(Row::values).collect::<Vec<_>>(),
            "expense_total": group_digits(computed.expense_total),
        }),
    ));
    Some(out)
}

fn summarize(computed: &Computed, out: &mut Assessment) {
    for row in computed.income.iter().chain(&computed.expenses) {
        if let Some(amount) = row.amount {
            out.line(format!("  {}: {}", row.label, yen(amount)));
            for line in &row.breakdown {
                out.line(format!("      {line}"));
            }
        }
    }
    if let Some(subsidy) = computed.income.first().and_then(|r| r.amount) {
        out.figure("補助金", subsidy);
    }
    out.figure("収入の計", computed.income_total);
    out.figure("支出の計", computed.expense_total);
    out.line(format!("  収入の計: {}", yen(computed.income_total)));
    out.line(format!("  支出の計: {}", yen(computed.expense_total)));
}

/// Each 区分's amount in the program's order, with the key of the row that gives it (`None`:
/// the budget has no such row, or its amount could not be computed). What the other forms of
/// the package are held against; the budget's own problems are this form's to report.
pub(super) fn expense_amounts(
    budget: &Budget,
    program: &ShizuokaCall,
) -> Vec<(String, Option<(u128, KeyPath)>)> {
    let computed = compute(
        budget,
        program,
        &KeyPath::root().key("budget"),
        &mut Vec::new(),
    );
    let expenses_key = KeyPath::root().key("budget").key("expenses");
    computed
        .expenses
        .into_iter()
        .map(|row| {
            let index = budget
                .expenses
                .iter()
                .position(|e| e.category.trim() == row.label);
            let found = row
                .amount
                .zip(index)
                .map(|(amount, i)| (amount, expenses_key.index(i)));
            (row.label, found)
        })
        .collect()
}

/// How many printed lines the two tables may hold in all and still leave the form on one page
/// (every row counts at least one). Measured with tests/limits.rs: 5 item lines of the widest
/// kind (two lines each) fit, 6 do not; 10 ordinary one-line items fit.
const MAX_TABLE_LINES: usize = 25;

/// Characters of 9 pt text per line in the 積算内訳 and 備考 cells (full-width; ASCII counts half).
const BREAKDOWN_LINE_WIDTH: usize = 40; // in half-width units: 20 full-width characters
const NOTE_LINE_WIDTH: usize = 12; // 6 full-width characters

/// The printed lines of a cell text, in half-width units per line.
fn printed_lines(text: &str, width: usize) -> usize {
    let units: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    units.div_ceil(width).max(1)
}

/// The estimated lines of the two tables.
fn table_lines(computed: &Computed) -> usize {
    computed
        .income
        .iter()
        .chain(&computed.expenses)
        .map(|row| {
            let breakdown: usize = row
                .breakdown
                .iter()
                .map(|line| printed_lines(line, BREAKDOWN_LINE_WIDTH))
                .sum();
            let note = row
                .note
                .as_deref()
                .map_or(1, |n| printed_lines(n, NOTE_LINE_WIDTH));
            breakdown.max(note).max(1)
        })
        .sum()
}

/// Past the page's capacity the form would spill onto a second page: a clear error instead.
fn check_fits_the_page(computed: &Computed, key: &KeyPath, findings: &mut Vec<Finding>) {
    let lines = table_lines(computed);
    if lines > MAX_TABLE_LINES {
        findings.push(
            Finding::error(
                key.key("expenses"),
                format!(
                    "収支予算書の表が 1 ページに収まりません（推定 {lines} 行）。収入・支出の表は合わせて {MAX_TABLE_LINES} 行までです"
                ),
            )
            .with_help("品目をまとめるか積算内訳・備考を短くしてください（詳しい積算の根拠は添付資料に書けます）"),
        );
    }
}

/// Computes every row and both totals; reports rows it cannot place or compute.
pub(super) fn compute(
    budget: &Budget,
    program: &ShizuokaCall,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> Computed {
    let income = income_rows(budget, &key.key("income"), findings);
    let expenses_key = key.key("expenses");
    let mut slots = Categories::new(
        program,
        "収支予算書",
        Some("一つの区分の品目は一つの [[budget.expenses]] の items にまとめてください"),
    );
    for (i, row) in budget.expenses.iter().enumerate() {
        let row_key = expenses_key.index(i);
        let mut row_findings = Vec::new();
        slots.fill(
            row_key.key("category"),
            &row.category,
            || expense_row(row, &row_key, &mut row_findings),
            findings,
        );
        findings.append(&mut row_findings);
    }
    let expenses: Vec<Row> = slots
        .slots
        .into_iter()
        .map(|(label, row)| {
            row.unwrap_or(Row {
                label,
                amount: None,
                breakdown: Vec::new(),
                note: None,
            })
        })
        .collect();
    let income_total = income.iter().filter_map(|r| r.amount).sum();
    let expense_total = expenses.iter().filter_map(|r| r.amount).sum();
    Computed {
        income,
        income_total,
        expenses,
        expense_total,
    }
}

/// 補助金, 自己資金 and その他, each one line of 積算内訳 and 備考.
fn income_rows(budget: &Budget, key: &KeyPath, findings: &mut Vec<Finding>) -> Vec<Row> {
    let lines: [(&str, &str, Option<&IncomeLine>); 3] = [
        ("補助金", "subsidy", Some(&budget.income.subsidy)),
        ("自己資金", "own_funds", budget.income.own_funds.as_ref()),
        ("その他", "other", budget.income.other.as_ref()),
    ];
    lines
        .iter()
        .map(|(label, name, line)| {
            let (breakdown, note) = line.map_or_else(Default::default, |l| {
                row_text(&l.text, &key.key(name), findings)
            });
            Row {
                label: (*label).to_owned(),
                amount: line.map(|l| l.amount.get().into()),
                breakdown,
                note,
            }
        })
        .collect()
}

/// A row's 積算内訳 and 備考 as printed, each required to be one line.
fn row_text(
    text: &RowText,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> (Vec<String>, Option<String>) {
    findings.extend(rules::one_line(
        key,
        &[
            ("breakdown", text.breakdown.as_deref()),
            ("note", text.note.as_deref()),
        ],
    ));
    let breakdown = text
        .breakdown
        .iter()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    (breakdown, text.note.as_deref().map(|n| n.trim().to_owned()))
}

/// One expense row from its items or its plain amount.
fn expense_row(row: &ExpenseRow, key: &KeyPath, findings: &mut Vec<Finding>) -> Option<Row> {
    let mut breakdown = Vec::new();
    let mut sum: u128 = 0;
    for (j, item) in row.items.iter().enumerate() {
        let item_key = key.key("items").index(j);
        findings.extend(rules::required_text(&item_key.key("name"), &item.name));
        let Some(amount) = item_amount(item) else {
            findings.push(
                Finding::error(item_key, "単価 × 数量が大きすぎて計算できません")
                    .with_help("単価と数量を確かめてください"),
            );
            return None;
        };
        sum += amount;
        breakdown.push(item_line(item));
    }
    let amount =
        match (row.items.is_empty(), row.amount) {
            (true, None) => {
                findings.push(Finding::error(key.clone(), "金額がありません").with_help(
                    "items（品目の単価と数量）か amount（金額）のどちらかを書いてください",
                ));
                return None;
            }
            (true, Some(amount)) => amount.get().into(),
            (false, None) => sum,
            (false, Some(amount)) if u128::from(amount.get()) == sum => sum,
            (false, Some(amount)) => {
                findings.push(
                    Finding::error(
                        key.key("amount"),
                        format!(
                            "amount {} が品目の合計 {} と一致しません",
                            yen(amount.get().into()),
                            yen(sum)
                        ),
                    )
                    .with_help("amount を削除すると品目の合計が使われます"),
                );
                return None;
            }
        };
    let (text, note) = row_text(&row.text, key, findings);
    breakdown.extend(text);
    Some(Row {
        label: row.category.trim().to_owned(),
        amount: Some(amount),
        breakdown,
        note,
    })
}

/// unit price × quantity, cut to whole yen; `None` if it does not fit.
fn item_amount(item: &ExpenseItem) -> Option<u128> {
    Decimal::from(item.unit_price.get())
        .checked_mul(item.quantity.0)?
        .trunc()
        .to_u128()
}

/// `センサー部品 12,000円×50個` as the 積算内訳 cell lists an item.
fn item_line(item: &ExpenseItem) -> String {
    format!(
        "{} {}円×{}{}",
        item.name.trim(),
        group_digits(item.unit_price.get().into()),
        item.quantity.0.normalize(),
        item.unit.as_deref().unwrap_or("").trim()
    )
}

fn hold_against_rules(
    budget: &Budget,
    computed: &Computed,
    program: &ShizuokaCall,
    key: &KeyPath,
    out: &mut Assessment,
) {
    let (income, expense) = (computed.income_total, computed.expense_total);
    let unbalanced = (income != expense).then(|| {
        Finding::error(
            key.key("income"),
            format!(
                "収入の計 {}と支出の計 {}が一致しません（差 {}）",
                yen(income),
                yen(expense),
                yen(income.abs_diff(expense))
            ),
        )
        .with_help("収入（補助金・自己資金・その他）の合計と支出の合計を同じ額にしてください")
    });
    out.rule("収入の計 = 支出の計", unbalanced.into_iter().collect());
    out.rule(
        format!(
            "補助金 ≤ 上限 {}、≤ 支出の計（補助率 10/10 以内）、{} 円未満切り捨て（補助金として書ける最大の額 {}）",
            yen(program.subsidy_cap.get().into()),
            group_digits(program.subsidy_unit.get().into()),
            yen(rules::largest_subsidy(computed.expense_total, program))
        ),
        rules::subsidy(
            &key.key("income").key("subsidy").key("amount"),
            budget.income.subsidy.amount.get().into(),
            computed.expense_total,
            program,
            SubsidyTerms {
                amount: "補助金",
                total: "支出の計",
            },
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{Quantity, Yen};

    fn item(unit_price: u64, quantity: &str) -> ExpenseItem {
        ExpenseItem {
            name: "技術者".to_owned(),
            unit_price: Yen(unit_price),
            quantity: Quantity(quantity.parse().unwrap()),
            unit: Some("人月".to_owned()),
        }
    }

    #[test]
    fn items_are_exact_and_cut_to_whole_yen() {
        assert_eq!(item_amount(&item(450_000, "6.5")), Some(2_925_000));
        // 333 × 0.5 = 166.5 → 166 (cut, not rounded)
        assert_eq!(item_amount(&item(333, "0.5")), Some(166));
        assert_eq!(item_amount(&item(1, "0.333")), Some(0));
        assert_eq!(
            item_line(&item(450_000, "6.50")),
            "技術者 450,000円×6.5人月"
        );
    }

    #[test]
    fn an_unused_row_is_blank_and_a_zero_with_words_is_printed() {
        let row = |amount, breakdown: &[&str], note: Option<&str>| Row {
            label: "その他".to_owned(),
            amount,
            breakdown: breakdown.iter().map(|b| (*b).to_owned()).collect(),
            note: note.map(str::to_owned),
        };
        assert_eq!(row(Some(0), &[], None).printed_amount(), "");
        assert_eq!(row(None, &[], None).printed_amount(), "");
        assert_eq!(row(Some(0), &["なし"], None).printed_amount(), "0");
        assert_eq!(row(Some(0), &[], Some("予定なし")).printed_amount(), "0");
        assert_eq!(row(Some(12_000), &[], None).printed_amount(), "12,000");
    }
}
