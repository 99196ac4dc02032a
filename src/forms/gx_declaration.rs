//! GXに係る取組申告書 — NEDO 追加資料11 (GX事業のみ). Source: 001_34c4718ac16d6e19.txt,
//! 「【追加資料 11】」 and 「違い④－2」.
//!
//! Page 1: the GX 取組 (i. a checkbox, ii. and iii. free text) and the 確認事項. Page 2: CO₂排出
//! 削減の取組 with the estimate, in t-CO₂, exact with rust_decimal (the form names no rounding,
//! so nothing is rounded): (c) = (a) × (b), the whole year's reduction over all sales, and
//! 内、国内 = (a) × (b′), each printed with its own formula. The seed's OCR shows (b′) on both
//! lines; spec/forms.md corrects the total line to (b).

use rust_decimal::Decimal;
use serde_json::json;

use super::{Assessment, Document, Form, FormInput, Layout, Program, paragraphs, rules};
use crate::diag::Finding;
use crate::figures::group_digits;
use crate::keypath::KeyPath;
use crate::model::{NedoProgram, OwnReduction};

pub(super) static FORM: Form = Form {
    name: "gx-declaration",
    title: "GXに係る取組申告書",
    source: "NEDO 追加資料11",
    program: Program::Nedo,
    section: "gx_declaration",
    template: template!("gx-declaration.typ"),
    parts: &[template!("parts/gx-declaration.typ")],
    // Two sheets (1枚目・2枚目) of free text: each may grow, never clip.
    layout: Layout::Grows,
    assess,
    figures: &["(c) CO₂削減量", "内、国内"],
    example: fixture!("nedo-supporting.toml"),
};

/// A decimal with its integer part grouped and no trailing zeros: `12345.50` → `12,345.5`.
fn group_decimal(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = whole
        .parse::<u128>()
        .map_or_else(|_| whole.to_owned(), group_digits);
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// (c) = (a) × (b) and 内、国内 = (a) × (b′), exact; `None` when a product overflows.
fn reductions(a: Decimal, b: Decimal, b_domestic: Decimal) -> Option<(Decimal, Decimal)> {
    Some((a.checked_mul(b)?, a.checked_mul(b_domestic)?))
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    let gx = file.gx_declaration.as_ref()?;
    let key = KeyPath::root().key("gx_declaration");
    let mut out = Assessment::headed(&FORM, "");
    out.findings.extend(rules::required(
        &key,
        &[
            ("supply_chain", &gx.supply_chain),
            ("market", &gx.market),
            ("issue", &gx.issue),
            ("sales_unit", &gx.sales_unit),
            ("basis", &gx.basis),
        ],
    ));
    if !gx.no_false_statement {
        out.findings.push(
            Finding::warning(
                key.key("no_false_statement"),
                "確認事項「本申告書に記載の内容に虚偽はありません。」にチェックがありません",
            )
            .with_help("満たす場合は no_false_statement = true と書いてください"),
        );
    }
    if let Some(report) = &file.investment_report
        && report.program == NedoProgram::Dtsu
    {
        out.findings.push(Finding::note(
            key.clone(),
            "GXに係る取組申告書は GX事業の提案にだけ必要です（出資等に関する報告書は DTSU 事業）",
        ));
    }

    let (a, b, b_domestic) = (gx.reduction_per_unit.0, gx.sales.0, gx.domestic_sales.0);
    if a.is_zero() {
        out.findings.push(
            Finding::error(
                key.key("reduction_per_unit"),
                "(a) 製品・サービス1単位あたりの年間のCO₂削減量が 0 です",
            )
            .with_help("固有のCO₂削減効果がない事業は対象外です"),
        );
    }
    if b_domestic > b {
        out.findings.push(Finding::error(
            key.key("domestic_sales"),
            format!(
                "国内の販売見込 (b′) {} が販売見込 (b) {} を超えています",
                group_decimal(b_domestic),
                group_decimal(b)
            ),
        ));
    }
    if b_domestic.is_zero() {
        out.findings.push(
            Finding::error(
                key.key("domestic_sales"),
                "国内の販売見込 (b′) が 0 のため、国内のCO₂削減量が 0 です",
            )
            .with_help("国内の排出削減に効果がない提案は対象外です"),
        );
    }
    let Some((c, c_domestic)) = reductions(a, b, b_domestic) else {
        out.findings.push(Finding::error(
            key.key("sales"),
            "数が大きすぎて CO₂削減量を計算できません",
        ));
        return Some(out);
    };
    out.figure("(c) CO₂削減量", c.normalize());
    out.figure("内、国内", c_domestic.normalize());
    let unit = gx.sales_unit.trim();
    out.line(format!(
        "  (c) = (a) × (b) = {} t-CO₂/年 × {} {unit} = {} t-CO₂",
        group_decimal(a),
        group_decimal(b),
        group_decimal(c)
    ));
    out.line(format!(
        "  内、国内 = (a) × (b′) = {} t-CO₂/年 × {} {unit} = {} t-CO₂",
        group_decimal(a),
        group_decimal(b_domestic),
        group_decimal(c_domestic)
    ));

    out.documents.push(Document::single(
        &FORM,
        input.file,
        gx.date.map(|d| d.get()),
        json!({
            "applicant": file.applicant.name.trim(),
            "implemented": gx.own_reduction == OwnReduction::Implemented,
            "supply_chain": paragraphs(&gx.supply_chain),
            "market": paragraphs(&gx.market),
            "no_false_statement": gx.no_false_statement,
            "issue": paragraphs(&gx.issue),
            "year": gx.target_year.to_string(),
            "a": group_decimal(a),
            "b": group_decimal(b),
            "b_domestic": group_decimal(b_domestic),
            "c": group_decimal(c),
            "c_domestic": group_decimal(c_domestic),
            "unit": unit,
            "basis": paragraphs(&gx.basis),
        }),
    ));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn reductions_are_exact_products() {
        // (a) 0.35 t-CO₂/年 × (b) 12,000 = 4,200; × (b′) 8,500 = 2,975.
        let (c, c_domestic) = reductions(dec("0.35"), dec("12000"), dec("8500")).unwrap();
        assert_eq!((c, c_domestic), (dec("4200"), dec("2975")));
        assert_eq!(group_decimal(dec("4200")), "4,200");
        // No rounding: 1.234 × 2.5 = 3.085 exactly.
        let (c, _) = reductions(dec("1.234"), dec("2.5"), dec("1")).unwrap();
        assert_eq!(group_decimal(c), "3.085");
        // Decimals that a float would get wrong: 0.1 × 3 = 0.3.
        let (c, _) = reductions(dec("0.1"), dec("3"), dec("1")).unwrap();
        assert_eq!(group_decimal(c), "0.3");
    }

    #[test]
    fn decimals_are_grouped_without_trailing_zeros() {
        assert_eq!(group_decimal(dec("1234567.500")), "1,234,567.5");
        assert_eq!(group_decimal(dec("0.0035")), "0.0035");
        assert_eq!(group_decimal(dec("1000")), "1,000");
        assert_eq!(group_decimal(dec("-1234.5")), "-1,234.5");
    }

    #[test]
    fn an_overflowing_product_is_none() {
        assert!(reductions(Decimal::MAX, dec("2"), dec("1")).is_none());
        assert!(reductions(Decimal::MAX, dec("1"), dec("2")).is_none());
    }
}
