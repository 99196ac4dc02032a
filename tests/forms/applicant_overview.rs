//! 申込者の概要 (静岡県 様式第1－2号), end to end.

use super::common::*;

const SEED: &str = "004_6bd12a966db221e1.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "applicant-overview",
    ]);
    (result, out)
}

#[test]
fn overview_prints_the_seed_table_with_the_applicant_data() {
    let (result, out) = render(&fixture("shizuoka-package.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        ["株式会社テックシード_申込者の概要.pdf"]
    );
    let path = out.path().join("株式会社テックシード_申込者の概要.pdf");
    let text = pdf_text_compact(&path);

    // The spec lists the form loosely as 様式第1-2号; the guide writes its label with a
    // full-width dash, and the form prints it so.
    assert_in_spec("様式第1-2号 申込者の概要");
    assert_in_seed("004_6bd12a966db221e1.txt", "申込者の概要（様式第1－2号）");
    // Every label of the seed's table, in its order, each followed by the fixture's value.
    let rows = [
        (
            "(フリガナ) 会社名等",
            "カブシキガイシャテックシード株式会社テックシード",
        ),
        ("所在地", "〒420-0853静岡県静岡市葵区追手町9番6号"),
        ("代表者", ""),
        ("役職名", "代表取締役"),
        ("氏名", "山田太郎"),
        ("責任者", ""),
        ("部署・役職名", "取締役CTO"),
        ("氏名", "鈴木一郎"),
        ("担当者", ""),
        ("部署・役職名", "経営企画部主任"),
        ("氏名", "高橋美咲"),
        ("電話番号", "054-000-0001"),
        ("メールアドレス", "takahashi@example.jp"),
        ("資本金", "10,000,000円"),
        ("従業員数", "8人"),
        ("設立年月日", "令和3年10月1日"),
        (
            "解決したい課題",
            "工場の設備保全は熟練者の勘に頼っており、突発的な故障による生産停止が中小製造業の大きな損失になっている。",
        ),
        (
            "上記の解決策",
            "静岡大学で開発した振動解析技術を用いた小型センサーで、故障の兆候を数週間前に検知する。",
        ),
        // A label spanning several rows sits at their middle, so its text comes where it lands.
        (
            "",
            "回転機械の微小な振動パターンから軸受の劣化を推定する信号処理技術。",
        ),
        ("大学・学部", "静岡大学工学部機械工学科"),
        ("研究者名", "教授静岡太郎"),
        ("備考", "特許出願済み（特願2022-000000）"),
    ];
    assert!(
        text.starts_with("様式第1－2号申込者の概要(フリガナ)会社名等"),
        "{text}"
    );
    let mut rest = text.as_str();
    for (label, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        // Each label with its value, in the table's order (group labels are checked below).
        let cell = format!("{}{value}", compact(label));
        let at = rest
            .find(&cell)
            .unwrap_or_else(|| panic!("{cell:?} missing or out of order:\n{text}"));
        rest = &rest[at + cell.len()..];
    }
    for label in [
        "(フリガナ) 会社名等",
        "所在地",
        "代表者",
        "役職名",
        "氏名",
        "責任者",
        "部署・役職名",
        "担当者",
        "電話番号",
        "メールアドレス",
        "資本金",
        "従業員数",
        "人",
        "設立年月日",
        "解決したい課題",
        "上記の解決策",
        "大学の研究シーズ、技術シーズの概要",
        "大学・学部",
        "研究者名",
        "備考",
    ] {
        assert_in_seed(SEED, label);
        assert!(text.contains(&compact(label)), "{label:?} missing:\n{text}");
    }
    let pdf = lopdf::Document::load(&path).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn missing_cells_and_a_bad_email_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "missing.toml",
        "shizuoka-package.toml",
        &[
            ("name_kana = \"カブシキガイシャテックシード\"\n", ""),
            (
                "email = \"takahashi@example.jp\"",
                "email = \"054-000-0001\"",
            ),
            ("researcher = \"教授 静岡 太郎\"", "researcher = \"\""),
        ],
    );
    let (result, out) = render(&file);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    for expected in [
        "applicant.name_kana: 申込者の概要にはこの欄が必要です（空欄です）",
        "applicant_overview.contact.email: \"054-000-0001\" はメールアドレスの形ではありません",
        "applicant_overview.seeds.researcher: 空欄です",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn a_company_older_than_three_years_is_a_warning_and_still_prints() {
    let dir = tempfile::tempdir().unwrap();
    // 申込書 2023-07-25; 2020-07-24 + 3 years = 2023-07-24 < 2023-07-25: over by a day.
    let file = variant(
        dir.path(),
        "old.toml",
        "shizuoka-package.toml",
        &[("established = 2021-10-01", "established = 2020-07-24")],
    );
    let (result, out) = render(&file);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("警告: applicant_overview.established: 設立年月日 2020-07-24 から申込書の日付 2023-07-25 まで 3 年を超えています（補助対象者の要件「会社設立後3年以内」）"),
        "{}",
        stderr(&result)
    );
    assert_eq!(files_in(out.path()).len(), 1);

    // Exactly three years is within the rule.
    let file = variant(
        dir.path(),
        "three.toml",
        "shizuoka-package.toml",
        &[("established = 2021-10-01", "established = 2020-07-25")],
    );
    let (result, _out) = render(&file);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        !stderr(&result).contains("applicant_overview.established"),
        "{}",
        stderr(&result)
    );

    // Established after the application date is an error.
    let file = variant(
        dir.path(),
        "future.toml",
        "shizuoka-package.toml",
        &[("established = 2021-10-01", "established = 2023-08-01")],
    );
    let (result, out) = render(&file);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("設立年月日 2023-08-01 が申込書の日付 2023-07-25 より後です"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty());
}

/// Each row is as tall as its field at its length limit: the table has the same shape with the
/// example's short values as with every field at its limit, and it fills the page.
#[test]
fn rows_have_the_height_of_their_fields_at_the_limits() {
    let example = &laid_out("shizuoka-package.toml", "applicant-overview")[0];
    let full = &laid_out("at-limits.toml", "applicant-overview")[0];
    let y = |layout: &Layout, label: &str| {
        layout
            .lines
            .iter()
            .find(|l| l.text == label)
            .unwrap_or_else(|| panic!("no {label}"))
            .y
    };
    for label in [
        "所在地",
        "資本金",
        "設立年月日",
        "解決したい課題",
        "上記の解決策",
        "備考",
    ] {
        assert!(
            (y(example, label) - y(full, label)).abs() < 0.5,
            "{label}: {} / {}",
            y(example, label),
            y(full, label)
        );
    }
    // The table reaches the last sixth of the page (A4 is 842 pt tall).
    assert!(y(example, "備考") > 842.0 * 0.72, "{}", y(example, "備考"));
}
