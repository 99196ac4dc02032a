//! fixtures/nedo-supporting.toml: every NEDO supporting document of one applicant renders clean.

use super::common::*;

#[test]
fn the_fixture_renders_every_nedo_document_without_warnings() {
    let (result, out) = render(&[fixture("nedo-supporting.toml").to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    // No warning of any form; the package's one: 追加資料21 goes with the 出資等に関する報告書.
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("警告")).collect();
    assert!(!err.contains("エラー"), "{err}");
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("提出書類が 1 件足りません（NEDO GX PCA フェーズ）: 「追加資料21"),
        "{err}"
    );
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社グリーンセル_GXに係る取組申告書.pdf",
            "株式会社グリーンセル_ハンズオン計画書・事業支援計画書_01_みらい創造キャピタル株式会社.pdf",
            "株式会社グリーンセル_事業化状況報告書_2027年度.pdf",
            "株式会社グリーンセル_出資・融資意向確認書_01_みらい創造キャピタル株式会社.pdf",
            "株式会社グリーンセル_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf",
        ]
    );
}

/// The key figures each form computes, as the batch report lists them.
#[test]
fn every_form_reports_its_key_figures() {
    let outcome = run_bytes(
        &fixture("complete.toml"),
        &std::fs::read(fixture("complete.toml")).unwrap(),
        &[],
    );
    let figures: Vec<String> = outcome
        .figures
        .iter()
        .map(|f| format!("{} {} = {}", f.form.name, f.name, f.value))
        .collect();
    assert_eq!(
        figures,
        [
            "investment-report (A) 助成対象費用 = 300000000",
            "investment-report (B)/(A) = 1/3",
            "investment-report 算入される出資等の合計 = 100000000",
            "budget 補助金 = 4000000",
            "budget 収入の計 = 4200000",
            "budget 支出の計 = 4200000",
        ]
    );
    let outcome = run_bytes(
        &fixture("sts-two-investors.toml"),
        &std::fs::read(fixture("sts-two-investors.toml")).unwrap(),
        &[],
    );
    assert_eq!(outcome.figures[1].value, "1/3 / 1/6");
}
