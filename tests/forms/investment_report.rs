//! 出資等に関する報告書 (NEDO 様式第22), end to end: applicant file → `yoshiki` → PDF → text.

use super::common::*;
use lopdf::Document as Pdf;

const STS: &str = "sts-two-investors.toml";
const PCA: &str = "pca-loan-and-investment.toml";

fn render(file: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn sts_fixture_renders_one_report_per_investor() {
    let out = tempfile::tempdir().unwrap();
    let result = render(&fixture(STS), out.path());
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf",
            "株式会社テックシード_出資等に関する報告書_02_XYZコーポレートベンチャーズ合同会社.pdf",
        ]
    );

    let first = out.path().join(&files_in(out.path())[0]);
    let text = pdf_text_compact(&first);
    for expected in [
        "(様式第22)",
        "2025年3月1日",
        "国立研究開発法人新エネルギー・産業技術総合開発機構",
        "理事長殿",
        "株式会社テックシード",
        "静岡県静岡市葵区追手町9番6号",
        "代表取締役山田太郎",
        "ディープテック・スタートアップ支援基金事業費助成金に係る",
        "出資等に関する報告書",
        "交付規程第9条第1項第三十四号の規定に基づき下記のとおり報告します。",
        "助成対象費用(A)300,000,000円",
        "ABCベンチャーキャピタル株式会社",
        "2024年10月15日※着金日",
        "100,000,000円※日本円による着金額",
        "(B)/(A)1/3",
        "追加資料21出資/融資に関する契約書及び出資/融資を証明する書類(通帳の写し等)",
        "※本資料は審査でのみ使用し社名や内容等が公表されることはありません。",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the PDF text:\n{text}"
        );
    }
    for fixed in [
        "(様式第22)",
        "国立研究開発法人新エネルギー・産業技術総合開発機構",
        "理事長 殿",
        "代表者等名",
        "ディープテック・スタートアップ支援基金事業費助成金に係る",
        "上記の件について、ディープテック・スタートアップ支援基金事業費助成金交付規程第9条第1項第三十四号の規定に基づき下記のとおり報告します。",
        "助成事業者の名称",
        "助成対象費用 (A)",
        "出資等の実施者の名称",
        "助成事業者に出資を実施した日付",
        "※着金日",
        "助成事業者に出資を実施した額 (B)",
        "※日本円による着金額",
        "助成事業者に出資を実施した額 (B) と助成対象費用 (A) の比率",
        "追加資料ファイルに「追加資料21 出資/融資に関する契約書及び出資/融資を証明する書類(通帳の写し等)」の添付が必須となります。",
        "※本資料は審査でのみ使用し社名や内容等が公表されることはありません。",
    ] {
        assert!(
            text.contains(&compact(fixed)),
            "{fixed:?} missing from the PDF text:\n{text}"
        );
        assert_in_spec(fixed);
    }
    // Guidance for the person filling in the form is never printed.
    for guidance in [
        "〇〇",
        "出資者でなく",
        "簡単な分数で表しにくい",
        "本ページは削除",
    ] {
        assert!(!text.contains(guidance), "guidance {guidance:?} printed");
    }

    let second = pdf_text_compact(&out.path().join(&files_in(out.path())[1]));
    assert!(second.contains("(B)/(A)1/6"), "{second}");
    assert!(second.contains("50,000,000円"));
}

#[test]
fn pdf_is_one_a4_page_with_subset_fonts_and_a_title() {
    let out = tempfile::tempdir().unwrap();
    assert!(render(&fixture(STS), out.path()).status.success());
    let path = out.path().join(&files_in(out.path())[0]);
    let pdf = Pdf::load(&path).unwrap();

    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 1);
    let page = pdf
        .get_object(*pages.values().next().unwrap())
        .unwrap()
        .as_dict()
        .unwrap();
    let media_box: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    assert!(
        (media_box[2] - 595.28).abs() < 0.5 && (media_box[3] - 841.89).abs() < 0.5,
        "{media_box:?}"
    );

    // Subset fonts carry a six-letter tag: `ABCDEF+BIZUDMincho-Regular`.
    let font_names: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"FontName").ok())
        .filter_map(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        font_names
            .iter()
            .any(|n| n.ends_with("+BIZUDMincho-Regular")),
        "{font_names:?}"
    );
    assert!(
        font_names
            .iter()
            .all(|n| n.as_bytes().get(6) == Some(&b'+')),
        "{font_names:?}"
    );

    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|r| pdf.get_object(r.as_reference()?))
        .unwrap();
    let title = info.as_dict().unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    assert_eq!(
        title,
        "出資等に関する報告書（株式会社テックシード・ABCベンチャーキャピタル株式会社）"
    );
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(render(&fixture(STS), a.path()).status.success());
    assert!(render(&fixture(STS), b.path()).status.success());
    for name in files_in(a.path()) {
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap()
        );
    }
}

#[test]
fn pca_fixture_prints_two_fifths_and_a_cut_decimal() {
    let out = tempfile::tempdir().unwrap();
    let result = render(&fixture(PCA), out.path());
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files.len(), 2);
    let loan = pdf_text_compact(&out.path().join(&files[0]));
    assert!(
        loan.contains("株式会社するが銀行") && loan.contains("(B)/(A)2/5"),
        "{loan}"
    );
    let investment = pdf_text_compact(&out.path().join(&files[1]));
    assert!(investment.contains("(B)/(A)0.36"), "{investment}");
}

#[test]
fn ratios_one_half_and_a_decimal_cut_not_rounded() {
    let dir = tempfile::tempdir().unwrap();
    let half = variant(
        dir.path(),
        "half.toml",
        STS,
        &[("amount = 100_000_000", "amount = 150_000_000")],
    );
    let cut = variant(
        dir.path(),
        "cut.toml",
        STS,
        &[("amount = 100_000_000", "amount = 100_000_001")],
    );
    for (file, ratio) in [(half, "1/2"), (cut, "0.33")] {
        let out = tempfile::tempdir().unwrap();
        let result = render(&file, out.path());
        assert!(result.status.success(), "{}", stderr(&result));
        let text = pdf_text_compact(&out.path().join(&files_in(out.path())[0]));
        assert!(text.contains(&format!("(B)/(A){ratio}")), "{ratio}: {text}");
    }
}

#[test]
fn sts_shortfall_is_an_error_with_the_missing_yen_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let file = fixture("invalid/sts-shortfall.toml");
    let result = render(&file, out.path());
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("合計 90,000,000 円は (A) 300,000,000 円の 1/3 に 10,000,000 円不足"),
        "{err}"
    );
    assert!(
        err.contains("sts-shortfall.toml:16:21"),
        "located at the investments: {err}"
    );
    assert!(err.contains("investment_report.investments"), "{err}");
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn loans_alone_are_refused_for_pca() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "loans.toml",
        PCA,
        &[("investor_kind = \"corporate\"", "investor_kind = \"bank\"")],
    );
    let out = tempfile::tempdir().unwrap();
    let result = render(&file, out.path());
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("DTSU PCA では融資のみでの応募はできません"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn sts_needs_a_vc_as_the_largest_investor() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "corp.toml",
        STS,
        &[("investor_kind = \"vc\"", "investor_kind = \"corporate\"")],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("最大出資者が VC等 または CVC である必要があります"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn dmp_reports_the_one_sixth_share_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "dmp.toml",
        STS,
        &[
            ("phase = \"STS\"", "phase = \"DMP\""),
            ("amount = 100_000_000", "amount = 1_000_000"),
            ("amount = 50_000_000", "amount = 40_000_000"),
        ],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let all = stdout(&result) + &stderr(&result);
    assert!(
        all.contains("(A) の 1/6（50,000,000 円）に届きません"),
        "{all}"
    );
    assert!(
        all.contains("41,000,000 円は (A) の 1/6（50,000,000 円）に 9,000,000 円届きません"),
        "{all}"
    );
    assert!(all.contains("NEDO負担率は 1/2 以内"), "{all}");
}

#[test]
fn unknown_key_names_the_place_and_the_nearest_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "typo.toml",
        STS,
        &[("investor_kind = \"cvc\"", "investr_kind = \"cvc\"")],
    );
    let out = tempfile::tempdir().unwrap();
    let result = render(&file, out.path());
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("typo.toml:28:1"), "{err}");
    assert!(err.contains("investment_report.investments[1]"), "{err}");
    assert!(err.contains("不明なキー `investr_kind` です"), "{err}");
    assert!(
        err.contains("`investor_kind` の書き間違いではありませんか"),
        "{err}"
    );
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn wrong_type_missing_key_and_syntax_error_are_located_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            ("amount = 50_000_000", "amount = \"5千万円\""),
            "typo.toml:30:10",
            "型が違います: 文字列 \"5千万円\"",
        ),
        (
            ("representative_name = \"山田 太郎\"\n", ""),
            "typo.toml:3:1",
            "必須のキー `representative_name` がありません",
        ),
        (
            (
                "eligible_cost = 300_000_000",
                "eligible_cost = 300_000_000 円",
            ),
            "typo.toml:18:",
            "TOML の書式が正しくありません",
        ),
        (
            ("date = 2024-12-02", "date = 2024-02-30"),
            "typo.toml:29:",
            "2024-02-30 は存在しない日付です",
        ),
        (
            ("amount = 50_000_000", "amount = -50_000_000"),
            "typo.toml:30:10",
            "金額が負の数",
        ),
    ];
    for ((from, to), place, message) in cases {
        let file = variant(dir.path(), "typo.toml", STS, &[(from, to)]);
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(1), "{to}");
        let err = stderr(&result);
        assert!(
            err.contains(place) && err.contains(message),
            "{to}: expected {place} {message} in\n{err}"
        );
    }
}

#[test]
fn markup_in_a_name_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = r##"#read("/etc/passwd") *x* $y$ ]"##;
    let file = variant(
        dir.path(),
        "hostile.toml",
        STS,
        &[(
            "name = \"株式会社テックシード\"",
            &format!("name = '{hostile}'"),
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let result = render(&file, out.path());
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files.len(), 2);
    assert!(
        files
            .iter()
            .all(|f| !f.contains('/') && f.starts_with("#read(")),
        "{files:?}"
    );
    let text = pdf_text(&out.path().join(&files[0]));
    assert!(
        text.contains(hostile),
        "the name must print as written:\n{text}"
    );
    assert!(!text.contains("root:"), "the file must never be read");
}

#[test]
fn check_prints_the_figures_and_the_rule_and_writes_nothing() {
    let result = yoshiki(&["check", fixture(STS).to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let out = stdout(&result);
    for expected in [
        "(A) 助成対象費用: 300,000,000 円",
        "(B)/(A) = 1/3",
        "(B)/(A) = 1/6",
        "算入される出資等の合計（VC等・CVC・事業会社、所定の期間内）: 150,000,000 円  (B)/(A) = 1/2",
        "規則: DTSU STS — 所定の期間内にVC等・CVC・事業会社から (A) の 1/3（100,000,000 円）以上 → 満たす",
        "DTSU 第7回（所定の期間 2024-09-05〜2025-07-31）",
        "書き出す PDF: 2 件",
    ] {
        assert!(out.contains(expected), "{expected:?} missing:\n{out}");
    }
    assert!(
        !fixture(
            "株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf"
        )
        .exists()
    );
}

/// Money that arrived outside the round's 所定の期間 does not count towards 1/3 (the guide:
/// 「所定の期間内に助成対象費用の1/3以上の出資」): the 100,000,000 円 of 2024-08-30 leaves
/// 50,000,000 円 counted, short of 100,000,000 円, and the summary shows both sums.
#[test]
fn money_outside_the_round_period_does_not_count() {
    let outcome = run_variant(
        "late.toml",
        STS,
        &[("date = 2024-10-15", "date = 2024-08-30")],
    );
    let said = messages(&outcome);
    assert!(outcome.files.is_empty(), "{said}");
    for expected in [
        "late.toml:23:8: 警告: investment_report.investments[0].date: 着金日 2024-08-30 は所定の期間（2024-09-05〜2025-07-31）の外です（ヒント: 所定の期間外の出資・融資は要件に算入されません）",
        "late.toml:20:21: エラー: investment_report.investments: DTSU STS の出資要件を満たしません: 合計 50,000,000 円は (A) 300,000,000 円の 1/3 に 50,000,000 円不足",
    ] {
        assert!(said.contains(expected), "{expected:?} missing:\n{said}");
    }
    let file = std::path::Path::new("late.toml");
    let text = std::fs::read_to_string(fixture(STS)).unwrap().replacen(
        "date = 2024-10-15",
        "date = 2024-08-30",
        1,
    );
    let prepared = yoshiki::prepare(context(), file, text.as_bytes(), &[]).unwrap();
    let summary = prepared.summary.join("\n");
    for expected in [
        "[1] ABCベンチャーキャピタル株式会社（VC等）着金日 2024-08-30  (B) 100,000,000 円  (B)/(A) = 1/3  ※所定の期間外のため要件に算入されない",
        "算入される出資等の合計（VC等・CVC・事業会社、所定の期間内）: 50,000,000 円  (B)/(A) = 1/6",
        "所定の期間外のため算入されない出資等: 100,000,000 円",
        "規則: DTSU STS — 所定の期間内にVC等・CVC・事業会社から (A) の 1/3（100,000,000 円）以上 → 満たさない",
    ] {
        assert!(
            summary.contains(expected),
            "{expected:?} missing:\n{summary}"
        );
    }
}

#[test]
fn usage_and_io_problems_exit_2() {
    assert_eq!(
        yoshiki(&["render", "no/such/file.toml"]).status.code(),
        Some(2)
    );
    assert_eq!(yoshiki(&["render"]).status.code(), Some(2));
    assert_eq!(
        yoshiki(&["render", fixture(STS).to_str().unwrap(), "--form", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn emoji_in_a_printed_value_is_an_error_naming_the_character() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "emoji.toml",
        STS,
        &[("ABCベンチャーキャピタル株式会社", "ABC🚀キャピタル")],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("「🚀」(U+1F680)")
            && err.contains("investment_report.investments[0].investor"),
        "{err}"
    );
}

/// A value no longer than its column holds is set as plain text (`fitted(…, line: N)` in the
/// template) and must then fit one line: 17 characters in the 申請者 block, 22 in the table.
/// Pins the template's figures to its column widths.
#[test]
fn values_as_long_as_their_column_holds_stay_on_one_line() {
    let name = format!("株式会社{}", characters(13));
    let address = characters(17);
    let representative_name = characters(11);
    let investor = format!("{}株式会社", characters(18));
    let dir = tempfile::tempdir().unwrap();
    let file = with_applicant(
        dir.path(),
        STS,
        [&name, &address, &representative_name],
        &[(
            "investor = \"ABCベンチャーキャピタル株式会社\"",
            &format!("investor = \"{investor}\""),
        )],
    );
    let layout = &laid_out_file(&file, "investment-report")[0];
    let representative = format!("代表取締役 {representative_name}");
    assert_eq!(lines_holding(layout, &name), 2, "{:#?}", layout.lines);
    for value in [&address, &representative, &investor] {
        assert_eq!(
            lines_holding(layout, value),
            1,
            "{value}: {:#?}",
            layout.lines
        );
    }
}
