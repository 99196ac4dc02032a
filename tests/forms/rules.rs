//! Every rule `check` prints is derived from the same evaluation as the findings: for each rule,
//! a passing and a failing file, and the summary line's verdict must agree with what was found
//! (an error or warning of that rule's key, or none). Rows, run in-process.

use super::common::*;

/// (what, fixture, edits, the rule line's start, its verdict, a message the findings must hold
/// when the rule fails).
type Row = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
    &'static str,
);

const STS: &str = "sts-two-investors.toml";
const PCA: &str = "pca-loan-and-investment.toml";
const PACKAGE: &str = "shizuoka-package.toml";

const ROWS: &[Row] = &[
    (
        "STS 1/3 passes",
        STS,
        &[],
        "DTSU STS — 所定の期間内にVC等・CVC・事業会社から",
        "満たす",
        "",
    ),
    (
        "STS 1/3 fails",
        STS,
        &[("amount = 100_000_000", "amount = 10_000_000")],
        "DTSU STS — 所定の期間内にVC等・CVC・事業会社から",
        "満たさない",
        "DTSU STS の出資要件を満たしません",
    ),
    (
        "STS needs a VC: passes",
        STS,
        &[],
        "DTSU STS — VC等またはCVCからの出資が必須",
        "満たす",
        "",
    ),
    (
        "STS needs a VC: fails",
        STS,
        &[
            ("investor_kind = \"vc\"", "investor_kind = \"corporate\""),
            ("investor_kind = \"cvc\"", "investor_kind = \"corporate\""),
        ],
        "DTSU STS — VC等またはCVCからの出資が必須",
        "満たさない",
        "VC等 または CVC からの出資が必須ですが、ありません",
    ),
    (
        "STS largest is a VC: passes",
        STS,
        &[],
        "DTSU STS — 最大出資者は VC等 または CVC",
        "満たす",
        "",
    ),
    (
        "STS largest is a VC: fails",
        STS,
        &[
            ("investor_kind = \"cvc\"", "investor_kind = \"corporate\""),
            ("amount = 50_000_000", "amount = 150_000_000"),
        ],
        "DTSU STS — 最大出資者は VC等 または CVC",
        "満たさない",
        "最大出資者が VC等 または CVC である必要があります",
    ),
    (
        "PCA 1/3 passes",
        PCA,
        &[],
        "DTSU PCA — 所定の期間内に",
        "満たす",
        "",
    ),
    (
        "PCA 1/3 fails",
        PCA,
        &[
            ("amount = 120_000_000", "amount = 1_000_000"),
            ("amount = 110_000_000", "amount = 1_000_000"),
        ],
        "DTSU PCA — 所定の期間内に",
        "満たさない",
        "DTSU PCA の出資要件を満たしません",
    ),
    (
        "PCA not loans alone: passes",
        PCA,
        &[],
        "DTSU PCA — 融資のみでの応募は不可",
        "満たす",
        "",
    ),
    (
        "PCA not loans alone: fails",
        PCA,
        &[("investor_kind = \"corporate\"", "investor_kind = \"bank\"")],
        "DTSU PCA — 融資のみでの応募は不可",
        "満たさない",
        "融資のみでの応募はできません",
    ),
    (
        "subtraction passes",
        PACKAGE,
        &[],
        "補助金額 = 補助金所要額 − 消費税仕入控除税額",
        "満たす",
        "",
    ),
    (
        "subtraction fails",
        PACKAGE,
        &[(
            "consumption_tax_deduction = 180_000",
            "consumption_tax_deduction = 170_000",
        )],
        "補助金額 = 補助金所要額 − 消費税仕入控除税額",
        "満たさない",
        "と一致しません",
    ),
    (
        "requirement within the total: passes",
        PACKAGE,
        &[],
        "補助金所要額 ≤ 総事業費",
        "満たす",
        "",
    ),
    (
        "requirement within the total: fails",
        PACKAGE,
        &[
            (
                "subsidy_required = 4_180_000",
                "subsidy_required = 4_380_000",
            ),
            (
                "consumption_tax_deduction = 180_000",
                "consumption_tax_deduction = 380_000",
            ),
        ],
        "補助金所要額 ≤ 総事業費",
        "満たさない",
        "補助金所要額 4,380,000 円（application.subsidy_required）が総事業費 4,200,000 円（application.total_cost）を超えています（差 180,000 円）",
    ),
    (
        "application subsidy rule passes",
        PACKAGE,
        &[],
        "補助金額 ≤ 上限",
        "満たす",
        "",
    ),
    (
        "application subsidy rule fails",
        PACKAGE,
        &[
            (
                "subsidy_required = 4_180_000",
                "subsidy_required = 4_180_500",
            ),
            ("subsidy = 4_000_000  ", "subsidy = 4_000_500  "),
        ],
        "補助金額 ≤ 上限",
        "満たさない",
        "1,000 円未満の端数があります",
    ),
    (
        "application and budget agree",
        PACKAGE,
        &[],
        "補助金額 = 収支予算書の補助金、総事業費 = 収支予算書の計",
        "満たす",
        "",
    ),
    (
        "application and budget disagree",
        PACKAGE,
        &[("total_cost = 4_200_000", "total_cost = 4_300_000")],
        "補助金額 = 収支予算書の補助金、総事業費 = 収支予算書の計",
        "満たさない",
        "と収支予算書の支出の計 4,200,000 円（budget.expenses）が一致しません",
    ),
    (
        "budget balances",
        PACKAGE,
        &[],
        "収入の計 = 支出の計",
        "満たす",
        "",
    ),
    (
        "budget does not balance",
        PACKAGE,
        &[(
            "amount = 200_000, breakdown = \"自己資金\"",
            "amount = 300_000, breakdown = \"自己資金\"",
        )],
        "収入の計 = 支出の計",
        "満たさない",
        "収入の計 4,300,000 円と支出の計 4,200,000 円が一致しません",
    ),
    (
        "budget subsidy rule passes",
        PACKAGE,
        &[],
        "補助金 ≤ 上限",
        "満たす",
        "",
    ),
    (
        "budget subsidy rule fails",
        PACKAGE,
        &[
            (
                "amount = 4_000_000, breakdown",
                "amount = 4_000_500, breakdown",
            ),
            (
                "amount = 200_000, breakdown = \"自己資金\"",
                "amount = 199_500, breakdown = \"自己資金\"",
            ),
        ],
        "補助金 ≤ 上限",
        "満たさない",
        "補助金 4,000,500 円に 1,000 円未満の端数があります",
    ),
    (
        "company age passes",
        PACKAGE,
        &[],
        "会社設立後 3 年以内",
        "満たす",
        "",
    ),
    (
        "company age warns",
        PACKAGE,
        &[("established = 2021-10-01", "established = 2019-10-01")],
        "会社設立後 3 年以内",
        "満たさない（警告）",
        "3 年を超えています",
    ),
    (
        "yearly budget agrees",
        PACKAGE,
        &[],
        "年度別事業予算 1年目 = 収支予算書（区分ごと）",
        "満たす",
        "",
    ),
    (
        "yearly budget disagrees",
        PACKAGE,
        &[("first = 900_000", "first = 800_000")],
        "年度別事業予算 1年目 = 収支予算書（区分ごと）",
        "満たさない",
        "年度別事業予算 1年目の原材料費 800,000 円（business_plan.yearly_budget.rows[0].first）と収支予算書の原材料費 900,000 円（budget.expenses[0]）が一致しません（差 100,000 円）",
    ),
];

#[test]
fn every_rule_line_agrees_with_what_was_found() {
    let mut failures = Vec::new();
    for (what, base, edits, rule, verdict, message) in ROWS {
        let mut text = std::fs::read_to_string(fixture(base)).unwrap();
        for (from, to) in *edits {
            assert!(text.contains(from), "{what}: {base} has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        let file = std::path::Path::new("rule.toml");
        let prepared = yoshiki::prepare(context(), file, text.as_bytes(), &[]).unwrap();
        let lines: Vec<&String> = prepared
            .summary
            .iter()
            .filter(|l| l.starts_with(&format!("  規則: {rule}")))
            .collect();
        let said: Vec<String> = prepared
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        let found = !message.is_empty() && said.iter().any(|d| d.contains(message));
        let verdict_ok = lines.len() == 1 && lines[0].ends_with(&format!("→ {verdict}"));
        let passing = *verdict == "満たす";
        let findings_ok = if passing {
            // A passing rule: nothing in the file is an error.
            !prepared.has_errors()
        } else {
            found
        };
        if !verdict_ok || !findings_ok {
            failures.push(format!("{what}: {lines:?}\n  {}", said.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
