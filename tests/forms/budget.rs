//! 収支予算書 (静岡県 様式第3号), end to end. Expected figures are computed by hand here, never by
//! the code under test.

use super::common::*;

fn render_budget(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "budget",
    ]);
    (result, out)
}

#[test]
fn every_row_is_printed_with_its_computed_amount_and_item_lines() {
    let (result, out) = render_budget(&fixture("complete.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        ["株式会社テックシード_収支予算書.pdf"]
    );
    let text = pdf_text_compact(&out.path().join("株式会社テックシード_収支予算書.pdf"));

    // Rows in the form's order, each with its amount and 積算内訳 (12,000 × 50 + 30,000 × 10 =
    // 900,000; 85,000 × 3 = 255,000; 450,000 × 6.5 = 2,925,000); empty categories stay printed.
    let expected = concat!(
        "1収入の部(単位：円)区分予算額積算内訳備考",
        "補助金4,000,000補助対象経費の10/10以内",
        "自己資金200,000自己資金",
        // その他 of amount 0 with nothing written is an unused row: blank, as the empty 支出
        // rows are.
        "その他",
        "計4,200,000",
        "2支出の部(単位：円)区分予算額積算内訳備考",
        "原材料費900,000センサー部品12,000円×50個筐体材料30,000円×10式",
        "借上料",
        "外注加工費255,000試作筐体の精密加工85,000円×3式",
        "技術コンサルタント料委託費販路開拓費資料購入費通信運搬費調査研究費消耗品費",
        "直接人件費2,925,000研究員450,000円×6.5人月",
        "旅費120,000展示会出張2名×2回東京",
        "その他",
        "計4,200,000",
        "(注)詳細な積算の根拠がわかる資料等を添付すること",
    );
    assert!(text.contains(expected), "rows differ:\n{text}");
    assert!(text.starts_with("様式第3号収支予算書"), "{text}");
    for fixed in [
        "様式第3号",
        "収支予算書",
        "1 収入の部",
        "2 支出の部",
        "(単位：円)",
        "(注) 詳細な積算の根拠がわかる資料等を添付すること",
    ] {
        assert_in_spec(fixed);
    }
    let pdf =
        lopdf::Document::load(out.path().join("株式会社テックシード_収支予算書.pdf")).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn unbalanced_totals_are_an_error_with_both_totals_and_the_difference() {
    let (result, out) = render_budget(&fixture("invalid/budget-unbalanced.toml"));
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("budget-unbalanced.toml:10:9: エラー: budget.income: 収入の計 1,020,000 円と支出の計 900,000 円が一致しません（差 120,000 円）"),
        "{err}"
    );
    assert!(
        files_in(out.path()).is_empty(),
        "no PDF for a failing budget"
    );
}

#[test]
fn subsidy_rules_print_the_largest_allowed_amount() {
    let (result, out) = render_budget(&fixture("invalid/budget-subsidy-rules.toml"));
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    // 600,000 × 10.000833 = 6,000,499.8 → 6,000,499 (cut); the category 人件費 does not exist.
    for expected in [
        "budget.income.subsidy.amount: 補助金 6,000,500 円が上限 5,000,000 円を超えています（ヒント: 補助金として書ける最大の額は 5,000,000 円です）",
        "補助金 6,000,500 円が支出の計 6,000,499 円を超えています（補助率 10/10 以内）",
        "補助金 6,000,500 円に 1,000 円未満の端数があります（端数は切り捨て）（ヒント: 切り捨てると 6,000,000 円です。補助金として書ける最大の額は 5,000,000 円です）",
        "budget.expenses[1].category: 区分「人件費」は収支予算書にありません（ヒント: 使える区分: 原材料費、借上料、外注加工費、技術コンサルタント料、委託費、販路開拓費、資料購入費、通信運搬費、調査研究費、消耗品費、直接人件費、旅費、その他）",
        "収入の計 6,000,500 円と支出の計 6,000,499 円が一致しません（差 1 円）",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn a_duplicated_category_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "dup.toml",
        "complete.toml",
        &[("category = \"旅費\"", "category = \"原材料費\"")],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("budget.expenses[3].category: 区分「原材料費」が二度書かれています"),
        "{err}"
    );
}

#[test]
fn a_row_without_items_or_amount_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "empty.toml",
        "complete.toml",
        &[(
            "amount = 120_000                 # 品目の代わりに金額\n",
            "",
        )],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("budget.expenses[3]: 金額がありません"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn a_quantity_written_as_a_float_asks_for_a_string() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "float.toml",
        "complete.toml",
        &[("quantity = \"6.5\"", "quantity = 6.5")],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("小数の数量は文字列で書いてください（例: \"6.5\"）"),
        "{}",
        stderr(&result)
    );
}
