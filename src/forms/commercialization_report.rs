//! 事業化状況報告書 — NEDO 様式第20, with the 収益納付額. Source: 001_34c4718ac16d6e19.txt,
//! 「収益納付の考え方について」 and 「根拠資料①」.
//!
//! 収益納付額 = (A − B) × (C / D) − E, where
//! - A: 助成事業に係る収益額, the sum over the years of 総収入額 − 製造原価 − 販売管理費等;
//! - B: 助成対象費用（控除額）; C: 助成金確定額; D: 助成事業に係る支出額;
//! - E: 前年度までの累積納付額.
//!
//! 円未満は切り捨て; a negative result is no payment; the payments' total never exceeds C
//! (「納付額の合計は、「助成金確定額（C）」を上限とする」). A 中小企業 whose 営業利益, 経常利益 or
//! 純利益 is negative in the year may ask for exemption: 「本年度納付額」 stays empty and the
//! amount goes to 「免除希望額」 (様式第21 is submitted too).

use serde_json::{Value, json};

use super::{Assessment, Document, Form, FormInput, Layout, Program, applicant, paragraphs, rules};
use crate::diag::Finding;
use crate::figures::{group_digits, seireki, signed, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, CommercializationReport};

pub(super) static FORM: Form = Form {
    name: "commercialization-report",
    title: "事業化状況報告書",
    source: "NEDO 様式第20",
    program: Program::Nedo,
    section: "commercialization_report",
    template: template!("commercialization-report.typ"),
    parts: &[template!("parts/commercialization-report.typ")],
    // The table and the nine (注) fill a page; a long 事業化の状況 or many years carry the
    // notes onto a second page rather than clip them.
    layout: Layout::Grows,
    assess,
    figures: &["(A) 収益額", "収益納付額", "本年度納付額", "免除希望額"],
    example: fixture!("nedo-supporting.toml"),
};

/// The 収益納付額 of one year, computed exactly in integers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Payment {
    /// floor((A − B) × C / D) − E before it is held at zero and at the cap; negative allowed.
    formula: i128,
    /// What is due this year: `formula` at least 0, and at most C − E.
    amount: i128,
    /// The cap C − E cut the amount.
    capped: bool,
}

/// (A − B) × (C / D) − E, 円未満切り捨て, zero when negative, the total capped at C.
/// `None` when D is zero or a product does not fit in 128 bits.
pub(crate) fn revenue_payment(a: i128, b: i128, c: i128, d: i128, e: i128) -> Option<Payment> {
    if d <= 0 {
        return None;
    }
    let surplus = a.checked_sub(b)?;
    // floor division, so that a negative surplus also rounds towards −∞ (it is 0 anyway).
    let share = surplus.checked_mul(c)?.div_euclid(d);
    let formula = share.checked_sub(e)?;
    let remaining = c.checked_sub(e)?.max(0);
    let due = formula.max(0);
    Some(Payment {
        formula,
        amount: due.min(remaining),
        capped: due > remaining,
    })
}

/// How this year's amount is entered: as 本年度納付額, or as 免除希望額 (赤字 of a 中小企業).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settlement {
    Pay(i128),
    Exempt(i128),
}

impl Settlement {
    fn of(amount: i128, exemption: bool) -> Self {
        if exemption {
            Settlement::Exempt(amount)
        } else {
            Settlement::Pay(amount)
        }
    }

    /// (本年度納付額, 免除希望額) as printed: the other cell stays empty.
    fn cells(self) -> (String, String) {
        match self {
            Settlement::Pay(v) => (signed(v), String::new()),
            Settlement::Exempt(v) => (String::new(), signed(v)),
        }
    }
}

/// The five figures of the formula, as the report gives them.
#[derive(Debug, Clone, Copy)]
struct Figures {
    a: i128,
    b: i128,
    c: i128,
    d: i128,
    e: i128,
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let report = input.file.commercialization_report.as_ref()?;
    let key = KeyPath::root().key("commercialization_report");
    let mut out = Assessment::headed(&FORM, "");
    out.findings.extend(rules::required_text(
        &key.key("project_name"),
        &report.project_name,
    ));
    let period = input.programs.nedo.revenue_payment_years;
    let years_after = check_report_year(report, period, &key, &mut out.findings);
    let (a, rows) = revenue_rows(report, &key, &mut out.findings);
    let figures = Figures {
        a: a.unwrap_or_default(),
        b: i128::from(report.eligible_cost.get()),
        c: i128::from(report.final_grant.get()),
        d: i128::from(report.expenditure.get()),
        e: i128::from(report.paid_before.get()),
    };
    check_figures(&figures, &key, &mut out.findings);
    check_exemption(report, &key, &mut out.findings);
    let payment = match (figures.d > 0, a) {
        (true, Some(a)) => revenue_payment(a, figures.b, figures.c, figures.d, figures.e),
        _ => None,
    };
    let Some(payment) = payment else {
        if figures.d > 0 {
            out.findings.push(Finding::error(
                key.clone(),
                "金額が大きすぎて収益納付額を計算できません",
            ));
        }
        return Some(out);
    };
    let exempt = report.exemption_requested && report.small_business && !report.deficits.is_empty();
    let settlement = Settlement::of(payment.amount, exempt);
    summarize(report, &figures, &payment, settlement, &key, &mut out);
    out.documents.push(document(
        input.file,
        report,
        &figures,
        &payment,
        settlement,
        years_after,
        rows,
    ));
    Some(out)
}

/// 報告対象年度: one of the years after the completion year (交付規程第25条第3項). Returns how
/// many years after it the report year is (`None` when the years are too far apart to say).
fn check_report_year(
    report: &CommercializationReport,
    period: i32,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> Option<i32> {
    let completion = report.completion_fiscal_year;
    let years_after = report.fiscal_year.checked_sub(completion);
    if years_after.is_none_or(|n| !(1..=period).contains(&n)) {
        let range = match (completion.checked_add(1), completion.checked_add(period)) {
            (Some(first), Some(last)) => format!("{first}〜{last}年度"),
            _ => "なし".to_owned(),
        };
        findings.push(
            Finding::error(
                key.key("fiscal_year"),
                format!(
                    "報告対象年度 {}年度は収益納付の期間外です（完了年度 {completion}年度の翌年度以降{period}年間: {range}）",
                    report.fiscal_year
                ),
            )
            .with_help("fiscal_year と completion_fiscal_year を確かめてください"),
        );
    }
    years_after
}

/// (A): the yearly 収益額 added up (`None` if the sum leaves 128 bits), and the table's rows.
fn revenue_rows(
    report: &CommercializationReport,
    key: &KeyPath,
    findings: &mut Vec<Finding>,
) -> (Option<i128>, Vec<Value>) {
    let mut a = Some(0i128);
    let mut rows = Vec::new();
    let mut seen = Vec::new();
    if report.years.is_empty() {
        findings.push(
            Finding::error(key.key("years"), "収益額の年度が一つもありません")
                .with_help("[[commercialization_report.years]] を年度ごとに書いてください"),
        );
    }
    for (i, year) in report.years.iter().enumerate() {
        let item = key.key("years").index(i);
        if seen.contains(&year.fiscal_year) {
            findings.push(Finding::error(
                item.key("fiscal_year"),
                format!("{}年度が二度書かれています", year.fiscal_year),
            ));
        }
        seen.push(year.fiscal_year);
        if year.fiscal_year > report.fiscal_year {
            findings.push(
                Finding::error(
                    item.key("fiscal_year"),
                    format!(
                        "{}年度は報告対象年度 {}年度より後です",
                        year.fiscal_year, report.fiscal_year
                    ),
                )
                .with_help("(A) は報告対象年度までの累計です"),
            );
        }
        // Each term is a u64: the difference fits in i128 whatever the values.
        let profit = i128::from(year.revenue.get())
            - i128::from(year.cost_of_sales.get())
            - i128::from(year.sga.get());
        a = a.and_then(|sum| sum.checked_add(profit));
        rows.push(json!({
            "year": format!("{}年度", year.fiscal_year),
            "revenue": group_digits(year.revenue.get().into()),
            "cost_of_sales": group_digits(year.cost_of_sales.get().into()),
            "sga": group_digits(year.sga.get().into()),
            "profit": signed(profit),
        }));
    }
    (a, rows)
}

/// (C) and (D) positive, (E) at most (C).
fn check_figures(figures: &Figures, key: &KeyPath, findings: &mut Vec<Finding>) {
    if figures.c == 0 {
        findings.push(
            Finding::error(key.key("final_grant"), "(C) 助成金確定額が 0 円です")
                .with_help("確定通知書の助成金確定額を書いてください"),
        );
    }
    if figures.d == 0 {
        findings.push(
            Finding::error(
                key.key("expenditure"),
                "(D) 助成事業に係る支出額が 0 円です",
            )
            .with_help(
                "助成事業に要した経費と助成事業終了後に追加的に要した経費の合計を書いてください",
            ),
        );
    }
    if figures.e > figures.c {
        findings.push(
            Finding::error(
                key.key("paid_before"),
                format!(
                    "(E) 前年度までの累積納付額 {}が (C) 助成金確定額 {}を超えています",
                    yen(figures.e.unsigned_abs()),
                    yen(figures.c.unsigned_abs())
                ),
            )
            .with_help("納付額の合計は助成金確定額 (C) が上限です"),
        );
    }
}

/// 赤字による免除 (交付規程第25条第4項): only a 中小企業 with a negative profit may ask for it.
fn check_exemption(report: &CommercializationReport, key: &KeyPath, findings: &mut Vec<Finding>) {
    if !report.exemption_requested {
        return;
    }
    if !report.small_business {
        findings.push(
            Finding::error(
                key.key("exemption_requested"),
                "納付の免除は中小企業に限られますが、small_business が true ではありません",
            )
            .with_help("中小企業に該当するなら small_business = true と書いてください"),
        );
    }
    if report.deficits.is_empty() {
        findings.push(
            Finding::error(
                key.key("exemption_requested"),
                "納付の免除には、報告対象年度の単体決算で営業利益・経常利益・純利益のいずれかが赤字であることが必要ですが、deficits が空です",
            )
            .with_help("赤字の利益を deficits = [\"operating\"] のように書いてください（operating・ordinary・net）"),
        );
    }
}

/// The figures, the formula and how this year's amount is settled, for `yoshiki check`.
fn summarize(
    report: &CommercializationReport,
    f: &Figures,
    payment: &Payment,
    settlement: Settlement,
    key: &KeyPath,
    out: &mut Assessment,
) {
    out.figure("(A) 収益額", f.a);
    out.figure("収益納付額", payment.amount);
    match settlement {
        Settlement::Pay(v) => out.figure("本年度納付額", v),
        Settlement::Exempt(v) => out.figure("免除希望額", v),
    }
    out.line(format!(
        "  (A) {}  (B) {}  (C) {}  (D) {}  (E) {}",
        signed(f.a),
        signed(f.b),
        signed(f.c),
        signed(f.d),
        signed(f.e)
    ));
    out.line(format!(
        "  (A − B) × (C / D) − E = {} 円（円未満切り捨て）→ 収益納付額 {} 円{}",
        signed(payment.formula),
        signed(payment.amount),
        if payment.capped {
            format!(
                "（納付額の合計は (C) {}が上限: 残り {}）",
                yen(f.c.unsigned_abs()),
                yen((f.c - f.e).max(0).unsigned_abs())
            )
        } else {
            String::new()
        }
    ));
    match settlement {
        Settlement::Exempt(v) => {
            out.line(format!(
                "  免除希望額 {} 円（本年度納付額は空欄）",
                signed(v)
            ));
            let deficits: Vec<&str> = report.deficits.iter().map(|d| d.label()).collect();
            out.findings.push(
                Finding::note(
                    key.key("exemption_requested"),
                    format!(
                        "赤字（{}）を理由に {} 円の免除を希望します。本年度納付額は空欄になります",
                        deficits.join("・"),
                        signed(v)
                    ),
                )
                .with_help("様式第21（納付免除申請書）を提出し、機構の承認を得てください"),
            );
        }
        Settlement::Pay(v) => {
            out.line(format!("  本年度納付額 {} 円", signed(v)));
            if v > 0 && report.small_business && !report.deficits.is_empty() {
                out.findings.push(
                    Finding::note(
                        key.key("deficits"),
                        "中小企業で赤字の利益があるため、本年度納付額の免除を希望できます",
                    )
                    .with_help("免除を希望するなら exemption_requested = true と書き、様式第21を提出してください"),
                );
            }
        }
    }
}

fn document(
    file: &ApplicantFile,
    report: &CommercializationReport,
    f: &Figures,
    payment: &Payment,
    settlement: Settlement,
    years_after: Option<i32>,
    rows: Vec<Value>,
) -> Document {
    let (this_year, exemption) = settlement.cells();
    let applicant_name = file.applicant.name.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{}年度", report.fiscal_year)),
        title: format!(
            "{}（{applicant_name}・{}年度）",
            FORM.title, report.fiscal_year
        ),
        author: applicant_name,
        date: Some(report.date.get()),
        data: json!({
            "date": seireki(report.date.get()),
            "applicant": applicant::values(&file.applicant),
            "project_name": report.project_name.trim(),
            "fiscal_year": format!("{}年度", report.fiscal_year),
            "year_index": years_after,
            "status": report.status.as_deref().map(paragraphs).unwrap_or_default(),
            "years": rows,
            "a": signed(f.a),
            "b": signed(f.b),
            "c": signed(f.c),
            "d": signed(f.d),
            "e": signed(f.e),
            // The formula's figure; when the cap cut it, the capped amount is `payment`.
            "formula": signed(if payment.capped { payment.formula } else { payment.amount }),
            "capped": payment.capped,
            "payment": signed(payment.amount),
            "this_year": this_year,
            "exemption": exemption,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: i128 = 1_000_000;

    #[test]
    fn ordinary_case() {
        // (300M − 200M) × (100M / 250M) − 0 = 100M × 0.4 = 40,000,000.
        let p = revenue_payment(300 * M, 200 * M, 100 * M, 250 * M, 0).unwrap();
        assert_eq!(p.amount, 40_000_000);
        assert_eq!(p.formula, 40_000_000);
        assert!(!p.capped);
        // Second year, 40M already paid: (400M − 200M) × 0.4 − 40M = 80M − 40M = 40,000,000.
        let p = revenue_payment(400 * M, 200 * M, 100 * M, 250 * M, 40 * M).unwrap();
        assert_eq!(p.amount, 40_000_000);
    }

    #[test]
    fn yen_fractions_are_cut() {
        // 10,000,001 × 100M / 300M = 3,333,333.67 → 3,333,333.
        let p = revenue_payment(210 * M + 1, 200 * M, 100 * M, 300 * M, 0).unwrap();
        assert_eq!(p.amount, 3_333_333);
        // 1 × 2 / 3 = 0.67 → 0.
        assert_eq!(revenue_payment(11, 10, 2, 3, 0).unwrap().amount, 0);
        // 3 × 7 / 4 = 5.25 → 5, minus E 1 = 4 (the cap C − E = 6 does not bind).
        assert_eq!(revenue_payment(13, 10, 7, 4, 1).unwrap().amount, 4);
    }

    #[test]
    fn a_negative_result_is_no_payment() {
        // A below B: (150M − 200M) × 0.4 = −20M → 0.
        let p = revenue_payment(150 * M, 200 * M, 100 * M, 250 * M, 0).unwrap();
        assert_eq!(p.formula, -20_000_000);
        assert_eq!(p.amount, 0);
        // A above B but below what was paid: 50M × 0.4 − 30M = −10M → 0.
        let p = revenue_payment(250 * M, 200 * M, 100 * M, 250 * M, 30 * M).unwrap();
        assert_eq!(p.formula, -10_000_000);
        assert_eq!(p.amount, 0);
    }

    #[test]
    fn the_total_never_exceeds_c() {
        // 800M × 0.4 − 70M = 250M, but only C − E = 100M − 70M = 30M is left.
        let p = revenue_payment(1_000 * M, 200 * M, 100 * M, 250 * M, 70 * M).unwrap();
        assert_eq!(p.formula, 250_000_000);
        assert_eq!(p.amount, 30_000_000);
        assert!(p.capped);
        // First year, no earlier payment: 800M × 0.4 = 320M, capped at C = 100M.
        let p = revenue_payment(1_000 * M, 200 * M, 100 * M, 250 * M, 0).unwrap();
        assert_eq!(p.amount, 100_000_000);
        // Everything already paid: nothing more.
        let p = revenue_payment(1_000 * M, 200 * M, 100 * M, 250 * M, 100 * M).unwrap();
        assert_eq!(p.amount, 0);
        assert!(p.capped);
    }

    #[test]
    fn a_deficit_moves_the_amount_to_the_exemption_cell() {
        assert_eq!(
            Settlement::of(40_000_000, true).cells(),
            (String::new(), "40,000,000".to_owned())
        );
        assert_eq!(
            Settlement::of(40_000_000, false).cells(),
            ("40,000,000".to_owned(), String::new())
        );
    }

    #[test]
    fn no_division_by_zero_and_no_overflow() {
        assert!(revenue_payment(1, 0, 1, 0, 0).is_none());
        assert!(revenue_payment(i128::MAX, -1, 2, 1, 0).is_none());
        // u64 amounts whose product leaves 128 bits: an error, never a wrong figure or a panic.
        let big = i128::from(u64::MAX);
        assert!(revenue_payment(big, 0, big, big, 0).is_none());
        // Ten trillion yen still computes exactly: (10^13 − 0) × 10^12 / 10^13 = 10^12 = C.
        let t = 1_000_000_000_000;
        let p = revenue_payment(10 * t, 0, t, 10 * t, 0).unwrap();
        assert_eq!((p.amount, p.capped), (t, false));
    }

    #[test]
    fn signed_figures() {
        assert_eq!(signed(-1_234_567), "△1,234,567");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(1_000), "1,000");
    }
}
