//! 申込書 (静岡県 様式第1号), end to end, and its agreement with the 収支予算書. Expected figures
//! are computed by hand here, never by the code under test.

use super::common::*;

const SEED: &str = "004_6bd12a966db221e1.txt";

fn render(file: &std::path::Path, form: &str) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        form,
    ]);
    (result, out)
}

#[test]
fn application_prints_the_form_text_the_program_values_and_the_amounts() {
    let (result, out) = render(&fixture("shizuoka-package.toml"), "application");
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(files_in(out.path()), ["株式会社テックシード_申込書.pdf"]);
    let path = out.path().join("株式会社テックシード_申込書.pdf");
    let text = pdf_text_compact(&path);

    // The form's own text, from the guide.
    for fixed in [
        "様式第1号",
        "申込書",
        "静岡県知事 川勝 平太 様",
        "所在地",
        "代表者職・氏名",
        "大学発ベンチャー事業化加速・推進事業費補助金に申し込みたいので、関係書類を添えて提出します。",
        "1 総事業費",
        "2 交付申請見込額",
        "金額 (補助金所要額)",
        "金額 (補助金に係る消費税仕入控除税額)",
        "金額 (補助金額)",
        "3 事業完了予定年月日",
        "責任者 職・氏名",
        "作成者 職・氏名",
    ] {
        assert_in_seed(SEED, fixed);
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
    }
    assert_in_spec("静岡県 様式第1号 申込書");
    // The subtitle names the fiscal year and the program (program definition, 令和5年度).
    let subtitle = "(令和5年度 大学発ベンチャー事業化加速・推進事業費補助金)";
    assert_in_seed(SEED, subtitle);
    assert!(text.contains(&compact(subtitle)), "{text}");
    assert!(text.starts_with("様式第1号申込書(令和5年度"), "{text}");

    // 4,180,000 − 180,000 = 4,000,000, in the form's order with the signs between the boxes.
    for expected in [
        "令和5年7月25日静岡県知事川勝平太様",
        "所在地静岡県静岡市葵区追手町9番6号名称株式会社テックシード代表者職・氏名代表取締役山田太郎",
        "1総事業費4,200,000円",
        "4,180,000円−180,000円=4,000,000円",
        "3事業完了予定年月日令和6年3月15日",
        "責任者職・氏名取締役CTO鈴木一郎",
        "作成者職・氏名経営企画部主任高橋美咲",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Guidance for the person filling in the form is not printed.
    assert!(!text.contains("以下の項目についても記載すること"), "{text}");
    let pdf = lopdf::Document::load(&path).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn overrides_of_the_program_values_apply() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "override.toml",
        "shizuoka-package.toml",
        &[(
            "[application]\ndate = 2023-07-25",
            "[application]\ndate = 2024-01-10\naddressee = \"静岡県知事 鈴木 康友 様\"\nfiscal_year = 2024",
        )],
    );
    let (result, out) = render(&file, "application");
    assert!(result.status.success(), "{}", stderr(&result));
    let text = pdf_text_compact(&out.path().join("株式会社テックシード_申込書.pdf"));
    assert!(text.contains("(令和6年度大学発ベンチャー"), "{text}");
    assert!(
        text.contains("令和6年1月10日静岡県知事鈴木康友様"),
        "{text}"
    );
    assert!(!text.contains("川勝"), "{text}");
}

#[test]
fn a_mismatch_with_the_budget_names_both_places_and_both_amounts() {
    let (result, out) = render(
        &fixture("invalid/application-budget-mismatch.toml"),
        "application",
    );
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    for expected in [
        // 申込書 950,000 vs 収支予算書 900,000: 差 50,000.
        "application-budget-mismatch.toml:15:11: エラー: application.subsidy: 申込書の補助金額 950,000 円（application.subsidy）と収支予算書の補助金 900,000 円（budget.income.subsidy.amount）が一致しません（差 50,000 円）",
        // 総事業費 1,000,000 vs 計 12,000 × 50 + 30,000 × 10 = 900,000: 差 100,000.
        "application-budget-mismatch.toml:12:14: エラー: application.total_cost: 申込書の総事業費 1,000,000 円（application.total_cost）と収支予算書の支出の計 900,000 円（budget.expenses）が一致しません（差 100,000 円）",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(
        files_in(out.path()).is_empty(),
        "no PDF for a failing application"
    );

    // The whole package is held back too: not even the (correct) 収支予算書 is written.
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        fixture("invalid/application-budget-mismatch.toml")
            .to_str()
            .unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn a_wrong_subtraction_is_an_error_with_the_right_amount() {
    let (result, out) = render(
        &fixture("invalid/application-subtraction.toml"),
        "application",
    );
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    // 1,100,000 − 100,000 = 1,000,000.
    let expected = "application-subtraction.toml:15:11: エラー: application.subsidy: 補助金額 1,100,000 円が補助金所要額 1,100,000 円 − 消費税仕入控除税額 100,000 円 = 1,000,000 円と一致しません（ヒント: 補助金額は 1,000,000 円です";
    assert!(err.contains(expected), "{err}");
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn a_deduction_larger_than_the_requirement_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "deduction.toml",
        "shizuoka-package.toml",
        &[(
            "consumption_tax_deduction = 180_000",
            "consumption_tax_deduction = 5_000_000",
        )],
    );
    let (result, out) = render(&file, "application");
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains(
            "application.consumption_tax_deduction: 消費税仕入控除税額 5,000,000 円が補助金所要額 4,180,000 円を超えています"
        ),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn subsidy_rules_without_a_budget() {
    let dir = tempfile::tempdir().unwrap();
    // 5,200,500 − 0: over the cap, over 総事業費 5,100,000 and not a multiple of 1,000.
    let file = variant(
        dir.path(),
        "cap.toml",
        "invalid/application-subtraction.toml",
        &[
            ("total_cost = 1_200_000", "total_cost = 5_100_000"),
            (
                "subsidy_required = 1_100_000",
                "subsidy_required = 5_200_500",
            ),
            (
                "consumption_tax_deduction = 100_000",
                "consumption_tax_deduction = 0",
            ),
            ("subsidy = 1_100_000", "subsidy = 5_200_500"),
        ],
    );
    let (result, out) = render(&file, "application");
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    for expected in [
        "補助金額 5,200,500 円が上限 5,000,000 円を超えています（ヒント: 補助金額として書ける最大の額は 5,000,000 円です）",
        "補助金額 5,200,500 円が総事業費 5,100,000 円を超えています（補助率 10/10 以内）",
        "補助金額 5,200,500 円に 1,000 円未満の端数があります（端数は切り捨て）（ヒント: 切り捨てると 5,200,000 円です。",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(!err.contains("一致しません"), "{err}");
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn completion_before_the_application_date_and_missing_people_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "dates.toml",
        "shizuoka-package.toml",
        &[
            (
                "completion_date = 2024-03-15",
                "completion_date = 2023-07-24",
            ),
            ("name = \"高橋 美咲\"", "name = \" \""),
        ],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("application.completion_date: 事業完了予定年月日 2023-07-24 が申込書の日付 2023-07-25 より前です"),
        "{err}"
    );
    assert!(err.contains("application.preparer.name: 空欄です"), "{err}");
}

/// 責任者・作成者 follow item 3 as on the form, not a quarter page further down.
#[test]
fn the_persons_in_charge_follow_item_3() {
    let layout = &laid_out("shizuoka-package.toml", "application")[0];
    let item = line_starting(layout, "事業完了予定年月日");
    let responsible = line_starting(layout, "責");
    assert!(
        responsible.y > item.y && responsible.y - item.y < 50.0,
        "{item:?} {responsible:?}"
    );
}
