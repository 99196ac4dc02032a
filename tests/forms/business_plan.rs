//! 事業計画書 (静岡県 様式第2号), end to end. Expected totals are computed by hand here.

use super::common::*;

const SEED: &str = "004_6bd12a966db221e1.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "business-plan")
}

#[test]
fn plan_prints_the_numbered_sections_schedule_and_yearly_budget() {
    let (result, out) = render(&fixture("shizuoka-package.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        files_in(out.path()),
        ["株式会社テックシード_事業計画書.pdf"]
    );
    let path = out.path().join("株式会社テックシード_事業計画書.pdf");
    let text = pdf_text_compact(&path);

    // The form's own headings, in order, each followed by the applicant's text.
    let expected = [
        "様式第2号",
        "事業計画書",
        "1 研究開発のテーマ・目的",
        "テーマ名",
        "振動解析による設備故障予兆検知センサーの試作と市場テスト",
        "目的",
        "中小製造業の設備保全は熟練者の経験に依存しており、突発故障による生産停止が大きな損失となっている。静岡大学で開発した",
        "2 目標とする成果",
        "令和6年3月までに試作センサー10台を",
        "3 製品・技術の比較（新規性・優位性・市場性・他との比較）",
        "既存の振動監視装置は",
        "4 進捗状況と問題点",
        "大学での実験により",
        "5 大学発ベンチャー事業化加速・推進事業の内容・スケジュール",
        "実施（予定）時期",
        "実施内容",
        "実施場所",
        "令和5年10月～12月",
        "令和6年1月～3月",
        "6 事業推進体制",
        "代表取締役が事業全体を統括し",
        "7 年度別事業予算",
        "(単位：円)",
        "区分",
        "令和5年度（1年目）",
        "令和6年度（2年目）",
        "備考",
        // Every category row in the program's order; the 計 row is the hand sum:
        // 900,000 + 255,000 + 2,925,000 + 120,000 = 4,200,000 (the 収支予算書's 計);
        // 600,000 + 170,000 + 1,350,000 + 80,000 = 2,200,000.
        "原材料費900,000600,000借上料外注加工費255,000170,000技術コンサルタント料委託費販路開拓費資料購入費通信運搬費調査研究費消耗品費直接人件費2,925,0001,350,000研究員旅費120,00080,000その他計4,200,0002,200,000",
    ];
    // The 年度別事業予算 breaks across pages with its header repeated: read it without.
    let header = compact("区分令和5年度（1年目）令和6年度（2年目）備考");
    let first = text.find(&header).expect("the header") + header.len();
    let text = format!("{}{}", &text[..first], text[first..].replace(&header, ""));
    let mut rest = text.as_str();
    for piece in expected {
        let piece = compact(piece);
        let at = rest
            .find(&piece)
            .unwrap_or_else(|| panic!("{piece:?} missing or out of order:\n{text}"));
        rest = &rest[at + piece.len()..];
    }
    for fixed in [
        "様式第2号",
        "事業計画書",
        "1 研究開発のテーマ・目的",
        "テーマ名",
        "2 目標とする成果",
        "3 製品・技術の比較（新規性・優位性・市場性・他との比較）",
        "4 進捗状況と問題点",
        "5 大学発ベンチャー事業化加速・推進事業の内容・スケジュール",
        "実施（予定）時期 実施内容 実施場所",
        "6 事業推進体制",
        "7 年度別事業予算",
        "区分 年度（1年目） 年度（2年目） 備考",
    ] {
        assert_in_seed(SEED, fixed);
    }
    assert_in_spec("様式第2号 事業計画書 (free text, schedule table, 年度別事業予算)");
    // The guidance (※…記載, (注)…) is for the person filling in the form, not printed.
    for guidance in ["具体的かつ簡潔に記載", "(注)", "※"] {
        assert!(!text.contains(guidance), "{guidance:?} printed:\n{text}");
    }
}

#[test]
fn long_text_runs_onto_more_pages_and_keeps_every_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "試作と評価の手順を具体的に記載する。".repeat(12);
    let long = (1..=12)
        .map(|i| format!("第{i}段落。{paragraph}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let file = variant(
        dir.path(),
        "long.toml",
        "shizuoka-package.toml",
        &[(
            "goals = \"\"\"\n令和6年3月までに",
            &format!("goals = \"\"\"\n{long}\n令和6年3月までに"),
        )],
    );
    let (result, out) = render(&file);
    assert!(result.status.success(), "{}", stderr(&result));
    let path = out.path().join("株式会社テックシード_事業計画書.pdf");
    let pdf = lopdf::Document::load(&path).unwrap();
    assert!(pdf.get_pages().len() >= 3, "{}", pdf.get_pages().len());
    let text = pdf_text_compact(&path);
    for i in 1..=12 {
        assert!(
            text.contains(&format!("第{i}段落。")),
            "paragraph {i} missing"
        );
    }
    // Nothing after the long section is lost either.
    assert!(text.contains("計4,200,0002,200,000"), "{text}");
}

#[test]
fn without_a_yearly_budget_the_table_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("shizuoka-package.toml")).unwrap();
    let cut = text.find("[business_plan.yearly_budget]").unwrap();
    let file = dir.path().join("single-year.toml");
    std::fs::write(&file, &text[..cut]).unwrap();
    let (result, out) = render(&file);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = pdf_text_compact(&out.path().join("株式会社テックシード_事業計画書.pdf"));
    let header = "区分年度（1年目）年度（2年目）備考";
    let first = text.find(header).expect("the header") + header.len();
    let text = format!("{}{}", &text[..first], text[first..].replace(header, ""));
    assert!(text.contains(&format!("{header}原材料費借上料")), "{text}");
    assert!(text.ends_with("その他計"), "{text}");
}

/// Section 7 starts where section 6 ends, its heading with its first rows, and breaks across
/// the page rather than moving whole to the next page and leaving this one part empty.
#[test]
fn the_yearly_budget_starts_on_the_page_section_6_ends_on() {
    let (result, out) = render(&fixture("shizuoka-package.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    let pages =
        pdf_extract::extract_text_by_pages(out.path().join("株式会社テックシード_事業計画書.pdf"))
            .unwrap();
    let pages: Vec<String> = pages.iter().map(|p| compact(p)).collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(
        pages[0].contains("6事業推進体制") && pages[0].ends_with("原材料費900,000600,000"),
        "{}",
        pages[0]
    );
    // Page 2 repeats the table's header above the rest of its rows.
    assert!(
        pages[1].starts_with("区分令和5年度（1年目）令和6年度（2年目）備考借上料"),
        "{}",
        pages[1]
    );
    assert!(pages[1].ends_with("計4,200,0002,200,000"), "{}", pages[1]);
}

#[test]
fn unknown_or_repeated_categories_and_an_empty_schedule_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("shizuoka-package.toml")).unwrap();
    let text = text
        .replacen(
            "category = \"直接人件費\"\nfirst",
            "category = \"人件費\"\nfirst",
            1,
        )
        .replacen(
            "category = \"旅費\"\nfirst",
            "category = \"原材料費\"\nfirst",
            1,
        );
    let start = text.find("[[business_plan.schedule]]").unwrap();
    let end = text.find("[business_plan.yearly_budget]").unwrap();
    let text = format!("{}{}", &text[..start], &text[end..]);
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, text).unwrap();
    let (result, out) = render(&file);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    for expected in [
        "business_plan.yearly_budget.rows[2].category: 区分「人件費」は年度別事業予算にありません（ヒント: 使える区分: 原材料費、借上料、",
        "business_plan.yearly_budget.rows[3].category: 区分「原材料費」が二度書かれています",
        "business_plan.schedule: 事業の内容・スケジュールが一件もありません",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(files_in(out.path()).is_empty());
}
