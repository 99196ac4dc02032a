//! 事業化状況報告書 (NEDO 様式第20) and its 収益納付額, end to end.

use super::common::*;

const SEED: &str = "001_34c4718ac16d6e19.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "commercialization-report")
}

fn rendered_text(file: &std::path::Path) -> String {
    let (result, out) = render(file);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(
        files,
        ["株式会社グリーンセル_事業化状況報告書_2027年度.pdf"]
    );
    pdf_text_compact(&out.path().join(&files[0]))
}

/// A and D as the form defines them (the guide's 「根拠資料①」).
const A: &str = "助成事業に係る収益額（助成事業に係る営業損益等（総収入額－製造原価－販売管理費等）の各年度の累計）";
const D: &str =
    "助成事業に係る支出額（助成事業に要した経費と助成事業終了後に追加的に要した経費の合計）";

#[test]
fn report_prints_the_table_the_payment_and_the_notes() {
    let text = rendered_text(&fixture("nedo-supporting.toml"));
    assert_in_seed(SEED, &format!("A：{A}"));
    assert_in_seed(SEED, &format!("D：{D}"));
    assert!(!text.contains("上限適用後"), "{text}");
    // Fixed texts of the form, as the guide writes them.
    for fixed in [
        "ディープテック・スタートアップ支援事業費助成金に係る事業化状況報告書",
        "助成事業に係る収益額",
        "助成対象費用（控除額）",
        "助成金確定額",
        "助成事業に係る支出額",
        "前年度までの助成事業に係る機構への累積納付額",
        "本年度納付額",
        "免除希望額",
        "1)納付額の合計は、「助成金確定額（C）」を上限とする。",
        "5)助成事業が複数年度に渡る場合は、「助成対象費用（B）」、「助成金確定額（C）」、「助成事業に要した経費」は各年度の累計とする。",
        "6)「助成対象費用（B）」、「助成金確定額（C）」は確定通知書に基づく額をいう。",
        "7)助成事業における中小企業の定義に該当する場合であって、事業化状況報告書の対象年度に営業利益、経常利益、純利益のいずれかが、単体決算で赤字となることを理由に本年度納付額の免除を希望する場合は、「本年度納付額」は空欄として、「免除希望額」を記入すること。",
        "8)その他、助成事業に係る収益額等の算定に必要な資料を添付すること。追加で資料を請求する場合がある。",
        "9)円未満は切り捨てとする。",
    ] {
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
        assert_in_seed(SEED, fixed);
    }
    for printed in [
        "(様式第20)2028年6月30日",
        "国立研究開発法人新エネルギー・産業技術総合開発機構理事長殿",
        "名称株式会社グリーンセル",
        "助成事業の名称ペロブスカイト太陽電池モジュールの量産化実証",
        "2027年度（助成事業の完了年度の翌年度以降2年目）",
        "量産ラインの歩留まりは目標の92%に達した。",
        // The yearly rows: 収益額 = 総収入額 − 製造原価 − 販売管理費等.
        "2026年度400,000,000150,000,00050,000,000200,000,000",
        "2027年度500,000,000200,000,00099,999,999200,000,001",
        "累計助成事業に係る収益額（A）400,000,001",
        // A, B, C, D, E and the payment: 250,000,001 × 1/3 = 83,333,333.67 → 83,333,333 − 20,000,000.
        // A and D with the definitions the form gives them.
        &format!("A{A}400,000,001"),
        "B助成対象費用（控除額）150,000,000",
        "C助成金確定額100,000,000",
        &format!("D{D}300,000,000"),
        "E前年度までの助成事業に係る機構への累積納付額20,000,000",
        // No cap applies: the formula's figure is the payment, on one line.
        "収益納付額＝(A−B)×(C/D)−E63,333,333本年度納付額63,333,333免除希望額",
    ] {
        assert!(
            text.contains(&compact(printed)),
            "{printed:?} missing:\n{text}"
        );
    }
}

/// The nine notes are kept together: all on one page, never 1)–2) here and the rest alone on
/// the next.
#[test]
fn the_notes_stay_together_on_one_page() {
    let (result, out) = render(&fixture("nedo-supporting.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    let pages = pdf_extract::extract_text_by_pages(
        out.path()
            .join("株式会社グリーンセル_事業化状況報告書_2027年度.pdf"),
    )
    .unwrap();
    let pages: Vec<String> = pages.iter().map(|p| compact(p)).collect();
    let notes = pages
        .iter()
        .filter(|p| p.contains("(注)1)納付額の合計は"))
        .collect::<Vec<_>>();
    assert_eq!(notes.len(), 1, "{pages:?}");
    assert!(
        notes[0].contains("9)円未満は切り捨てとする。"),
        "{}",
        notes[0]
    );
}

/// A long 事業化の状況 pushes the tables down the page: a table then breaks across the pages
/// with its first rows under its heading, as the other forms' tables do, rather than moving
/// whole to the next page and leaving its heading alone at the foot of the first.
#[test]
fn a_table_starts_on_the_page_of_its_heading() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "2026年度に建材一体型モジュールの出荷を開始し、2027年度は国内三社へ量産品を納入した。量産ラインの歩留まりは目標の92%に達した。";
    // 6 and 10 paragraphs: the page ends inside the 収益納付額 table, then inside the 収益額 table.
    for paragraphs in [6, 10] {
        let status = vec![paragraph; paragraphs].join("\n\n");
        let file = variant(
            dir.path(),
            &format!("long-{paragraphs}.toml"),
            "nedo-supporting.toml",
            &[(
                "2026年度に建材一体型モジュールの出荷を開始し、2027年度は国内三社へ量産品を納入した。\n\n量産ラインの歩留まりは目標の92%に達した。",
                &status,
            )],
        );
        let layout = &laid_out_file(&file, "commercialization-report")[0];
        let page_of = |text: &str| {
            layout
                .lines
                .iter()
                .find(|l| compact(&l.text).contains(text))
                .unwrap_or_else(|| panic!("no line holds {text}"))
                .page
        };
        assert_eq!(page_of("事業化の状況"), 1);
        assert_eq!(page_of("免除希望額"), 2, "{paragraphs} paragraphs");
        for (heading, first_row) in [
            ("助成事業に係る収益額", "総収入額"),
            (
                "収益納付額の計算",
                "助成事業に係る収益額（助成事業に係る営業損益等",
            ),
        ] {
            assert_eq!(
                page_of(heading),
                page_of(first_row),
                "{paragraphs} paragraphs: {heading}"
            );
        }
    }
}

#[test]
fn payments_are_held_at_zero_and_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    // E = 90,000,000: 83,333,333 − 90,000,000 < 0 → nothing is due.
    let negative = variant(
        dir.path(),
        "negative.toml",
        "nedo-supporting.toml",
        &[("paid_before = 20_000_000", "paid_before = 90_000_000")],
    );
    let text = rendered_text(&negative);
    assert!(
        text.contains("＝(A−B)×(C/D)−E0本年度納付額0免除希望額"),
        "{text}"
    );

    // (A) = 200,000,000 + 4,700,000,001: (4,750,000,001 × 1/3 = 1,583,333,333) − 20,000,000 is
    // far above what is left of (C): 100,000,000 − 20,000,000 = 80,000,000.
    let capped = variant(
        dir.path(),
        "capped.toml",
        "nedo-supporting.toml",
        &[("revenue = 500_000_000", "revenue = 5_000_000_000")],
    );
    let text = rendered_text(&capped);
    assert!(
        text.contains("累計助成事業に係る収益額（A）4,900,000,001"),
        "{text}"
    );
    // Two lines: the formula's figure, 4,750,000,001 × 1/3 − 20,000,000 = 1,563,333,333, and
    // the payment the cap leaves, C − E = 80,000,000.
    assert!(
        text.contains("収益納付額＝(A−B)×(C/D)−E1,563,333,333上限適用後（納付額の合計は助成金確定額（C）が上限）＝C−E80,000,000本年度納付額80,000,000"),
        "{text}"
    );
    let result = yoshiki(&[
        "check",
        capped.to_str().unwrap(),
        "--form",
        "commercialization-report",
    ]);
    assert!(
        stdout(&result).contains("（納付額の合計は (C) 100,000,000 円が上限: 残り 80,000,000 円）"),
        "{}",
        stdout(&result)
    );
}

#[test]
fn a_deficit_of_a_small_business_moves_the_amount_to_the_exemption() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "exempt.toml",
        "nedo-supporting.toml",
        &[(
            "paid_before = 20_000_000",
            "paid_before = 20_000_000\nsmall_business = true\ndeficits = [\"ordinary\", \"net\"]\nexemption_requested = true",
        )],
    );
    let text = rendered_text(&file);
    // 本年度納付額 is left empty; the amount is the 免除希望額.
    assert!(
        text.contains("63,333,333本年度納付額免除希望額63,333,333"),
        "{text}"
    );
    let result = yoshiki(&[
        "check",
        file.to_str().unwrap(),
        "--form",
        "commercialization-report",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(
        err.contains("赤字（経常利益・純利益）を理由に 63,333,333 円の免除を希望します"),
        "{err}"
    );
    assert!(err.contains("様式第21（納付免除申請書）を提出"), "{err}");
}

#[test]
fn failing_checks_name_the_rule_and_write_nothing() {
    let (result, out) = render(&fixture("invalid/commercialization-exemption.toml"));
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty(), "no PDF on errors");
    let err = stderr(&result);
    assert!(err.contains("commercialization_report.fiscal_year: 報告対象年度 2031年度は収益納付の期間外です（完了年度 2025年度の翌年度以降5年間: 2026〜2030年度）"), "{err}");
    assert!(
        err.contains(
            "commercialization_report.exemption_requested: 納付の免除は中小企業に限られますが"
        ),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "zero.toml",
        "nedo-supporting.toml",
        &[
            ("expenditure = 300_000_000", "expenditure = 0"),
            ("paid_before = 20_000_000", "paid_before = 120_000_000"),
            ("fiscal_year = 2026\n", "fiscal_year = 2028\n"),
        ],
    );
    let (result, out) = render(&file);
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty());
    let err = stderr(&result);
    assert!(
        err.contains("commercialization_report.expenditure: (D) 助成事業に係る支出額が 0 円です"),
        "{err}"
    );
    assert!(err.contains("commercialization_report.paid_before: (E) 前年度までの累積納付額 120,000,000 円が (C) 助成金確定額 100,000,000 円を超えています"), "{err}");
    assert!(err.contains("commercialization_report.years[0].fiscal_year: 2028年度は報告対象年度 2027年度より後です"), "{err}");
}

/// Every amount column of table 4 is right-aligned, 製造原価 and 収益額 too: figures of
/// different widths end at one place.
#[test]
fn every_amount_column_is_right_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "widths.toml",
        "nedo-supporting.toml",
        &[("cost_of_sales = 150_000_000", "cost_of_sales = 150_000")],
    );
    let layout = &laid_out_file(&file, "commercialization-report")[0];
    let row = |year: &str| {
        let label = layout.lines.iter().find(|l| l.text == year).unwrap();
        beside(layout, label)
            .into_iter()
            .filter(|l| l.x > label.right)
            .map(|l| l.right)
            .collect::<Vec<f64>>()
    };
    // 総収入額, 製造原価, 販売管理費等, 収益額: 400,000,000 150,000 50,000,000 249,850,000 and
    // 500,000,000 200,000,000 99,999,999 200,000,001.
    let (first, second) = (row("2026年度"), row("2027年度"));
    assert_eq!(first.len(), 4, "{first:?}");
    for (a, b) in first.iter().zip(&second) {
        assert!((a - b).abs() < 0.1, "{first:?} {second:?}");
    }
    // The 累計 (A) ends where the 収益額 column does.
    let total = beside(
        layout,
        layout.lines.iter().find(|l| l.text == "累計").unwrap(),
    )
    .into_iter()
    .map(|l| l.right)
    .fold(0.0, f64::max);
    assert!((total - first[3]).abs() < 0.1, "{total} {first:?}");
}
