//! The command line as a whole: `forms`, `--form`, one file rendering every form it has.

use super::common::*;

#[test]
fn forms_lists_every_form_with_its_source_and_section() {
    let result = yoshiki(&["forms"]);
    assert!(result.status.success());
    let out = stdout(&result);
    for (name, title, source, section) in [
        (
            "investment-report",
            "出資等に関する報告書",
            "NEDO 様式第22（追加資料6）",
            "[investment_report]",
        ),
        (
            "letter-of-intent",
            "関心表明書",
            "NEDO 追加資料8",
            "[letters_of_intent]",
        ),
        ("budget", "収支予算書", "静岡県 様式第3号", "[budget]"),
        ("pledge", "誓約書", "静岡県 様式第4号", "[pledge]"),
        (
            "investment-intent",
            "出資・融資意向確認書",
            "NEDO 追加資料5",
            "[investment_intents]",
        ),
        (
            "support-plan",
            "ハンズオン計画書・事業支援計画書",
            "NEDO 追加資料7",
            "[support_plans]",
        ),
        (
            "gx-declaration",
            "GXに係る取組申告書",
            "NEDO 追加資料11",
            "[gx_declaration]",
        ),
        (
            "commercialization-report",
            "事業化状況報告書",
            "NEDO 様式第20",
            "[commercialization_report]",
        ),
        ("application", "申込書", "静岡県 様式第1号", "[application]"),
        (
            "applicant-overview",
            "申込者の概要",
            "静岡県 様式第1－2号",
            "[applicant_overview]",
        ),
        (
            "business-plan",
            "事業計画書",
            "静岡県 様式第2号",
            "[business_plan]",
        ),
        ("question", "質問書", "静岡県 参考様式", "[question]"),
    ] {
        assert_eq!(out.lines().count(), yoshiki::forms::FORMS.len(), "{out}");
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{out}"));
        assert!(
            line.contains(title) && line.contains(source) && line.contains(section),
            "{line}"
        );
    }
}

/// The columns of `yoshiki forms` line up on a terminal, where a full-width character takes two
/// columns: each column starts at the same display width on every line.
#[test]
fn forms_columns_line_up_by_display_width() {
    use unicode_width::UnicodeWidthChar;
    // Where each column starts, in display columns: after two spaces or more (a source has one
    // space inside it).
    let starts = |line: &str| {
        let (mut starts, mut width, mut spaces) = (vec![0], 0, 0);
        for c in line.chars() {
            if c == ' ' {
                spaces += 1;
            } else {
                if spaces >= 2 {
                    starts.push(width);
                }
                spaces = 0;
            }
            width += c.width().unwrap_or(0);
        }
        starts
    };
    let out = stdout(&yoshiki(&["forms"]));
    let first = starts(out.lines().next().unwrap());
    assert_eq!(first.len(), 4, "{out}");
    for line in out.lines() {
        assert_eq!(starts(line), first, "{line:?} in\n{out}");
    }
}

#[test]
fn one_file_renders_every_form_whose_section_is_present() {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        fixture("complete.toml").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf",
            "株式会社テックシード_収支予算書.pdf",
            "株式会社テックシード_誓約書.pdf",
            "株式会社テックシード_関心表明書_01_株式会社パートナー工業.pdf",
        ]
    );
    // stdout lists exactly the files written, one a line, for scripts.
    assert_eq!(stdout(&result).lines().count(), 4);
}

#[test]
fn form_option_renders_only_the_named_forms() {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        fixture("complete.toml").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "pledge",
        "--form",
        "investment-report",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf",
            "株式会社テックシード_誓約書.pdf"
        ]
    );
}

#[test]
fn asking_for_a_form_the_file_does_not_have_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        fixture("sts-two-investors.toml").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "budget",
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains(
            "エラー: --form budget が指定されましたが、このファイルに [budget]（収支予算書）がありません（ヒント: [budget] を書くか、--form budget を外してください）"
        ),
        "{}",
        stderr(&result)
    );
}

#[test]
fn an_error_in_one_form_stops_every_pdf_of_the_applicant() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "bad.toml",
        "complete.toml",
        &[("amount = 4_000_000", "amount = 4_000_500")],
    );
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        files_in(out.path()).is_empty(),
        "{:?}",
        files_in(out.path())
    );
}

/// `yoshiki programs` lists the calls and rounds the forms print the values of, with their
/// periods; `--version` names them.
#[test]
fn programs_and_version_name_the_known_calls_and_rounds() {
    let result = yoshiki(&["programs"]);
    assert!(result.status.success());
    assert_eq!(
        stdout(&result),
        "静岡県 大学発ベンチャー事業化加速・推進事業費補助金 令和5年度 2次募集  id r5-2  提出期間 2023-07-03〜2023-08-02  宛先 静岡県知事 川勝 平太 様  補助金の上限 5,000,000 円\n\
         NEDO DTSU 第7回・GX 第4回  書類提出期間 2025-02-25〜2025-03-05  所定の期間 2024-09-05〜2025-07-31\n\
         yoshiki init --program で選べる事業・フェーズ:\n\
         \x20 shizuoka（静岡県 令和5年度 2次募集）\n\
         \x20 nedo-dtsu-sts（NEDO DTSU STS フェーズ）\n\
         \x20 nedo-dtsu-pca（NEDO DTSU PCA フェーズ）\n\
         \x20 nedo-dtsu-dmp（NEDO DTSU DMP フェーズ）\n\
         \x20 nedo-gx-sts（NEDO GX STS フェーズ）\n\
         \x20 nedo-gx-pca（NEDO GX PCA フェーズ）\n\
         \x20 nedo-gx-dmp（NEDO GX DMP フェーズ）\n"
    );
    let result = yoshiki(&["--version"]);
    assert_eq!(
        stdout(&result).trim(),
        format!(
            "yoshiki {}（様式定義: 静岡県 令和5年度 2次募集、NEDO DTSU 第7回・GX 第4回）",
            env!("CARGO_PKG_VERSION")
        )
    );
}
