//! ハンズオン計画書/事業支援計画書 (NEDO 追加資料7), end to end.

use super::common::*;

const SEED: &str = "001_34c4718ac16d6e19.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "support-plan")
}

fn rendered(file: &std::path::Path) -> (String, usize) {
    let (result, out) = render(file);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(
        files,
        [
            "株式会社グリーンセル_ハンズオン計画書・事業支援計画書_01_みらい創造キャピタル株式会社.pdf"
        ]
    );
    let path = out.path().join(&files[0]);
    let pages = lopdf::Document::load(&path).unwrap().get_pages().len();
    (pdf_text_compact(&path), pages)
}

#[test]
fn hands_on_plan_prints_both_titles_the_header_and_three_sections() {
    let (text, pages) = rendered(&fixture("nedo-supporting.toml"));
    assert_eq!(pages, 1);
    // Both titles, as the form prints them (the one that applies is circled: see below), with a
    // full-width slash between the Japanese words.
    assert_in_seed(SEED, "ハンズオン計画書/事業支援計画書");
    assert!(!text.contains('■') && !text.contains('□'), "{text}");
    for fixed in [
        "【追加資料7】",
        "パートナーVC候補または事業支援者名・住所",
        "代表者又は業務執行責任者氏名",
        "対象の提案者及び事業名：",
        "1. 技術評価",
        "2. 事業性評価",
        "3. ハンズオン計画または事業支援計画",
    ] {
        assert_in_seed(SEED, fixed);
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
    }
    for printed in [
        "ハンズオン計画書／事業支援計画書",
        "パートナーVC候補または事業支援者名・住所みらい創造キャピタル株式会社東京都港区虎ノ門一丁目2番3号",
        "代表者又は業務執行責任者氏名中村誠",
        "対象の提案者及び事業名：株式会社グリーンセルペロブスカイト太陽電池モジュールの量産化実証",
        "1.技術評価提案者の封止技術は、屋外暴露試験で3,000時間後も初期効率の95%を保っており",
        "製膜工程の特許4件が成立しており、参入障壁は高い。2.事業性評価建材メーカーとの共同開発",
        "3.ハンズオン計画または事業支援計画経営面では社外取締役1名を派遣し",
        "量産拡大に向けた事業会社との提携を支援する。",
    ] {
        assert!(
            text.contains(&compact(printed)),
            "{printed:?} missing:\n{text}"
        );
    }
    // The guide's prompts under each heading are for the writer, not printed.
    for guidance in [
        "説明して下さい",
        "口をつけてください",
        "押印は不要です",
        "2枚以内",
    ] {
        assert!(!text.contains(guidance), "{guidance:?} printed");
    }
}

#[test]
fn business_support_circles_the_other_title_and_long_text_grows_pages() {
    let paragraphs: Vec<String> = (1..=30)
        .map(|n| format!("第{n}項: 弊社は提案者の量産ラインの立ち上げに技術者を派遣し、品質管理の仕組みづくりと調達先の開拓を支援します。"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "business.toml",
        "nedo-supporting.toml",
        &[
            ("kind = \"hands-on\"", "kind = \"business-support\""),
            (
                "plan = \"\"\"\n",
                &format!("plan = \"\"\"\n{}\n\n", paragraphs.join("\n\n")),
            ),
        ],
    );
    let (text, pages) = rendered(&file);
    assert!(text.contains("ハンズオン計画書／事業支援計画書"), "{text}");
    assert_circled(
        &laid_out_file(&file, "support-plan")[0],
        "事業支援計画書",
        "ハンズオン計画書",
    );
    assert!(pages >= 2, "a long plan runs onto more pages");
    for p in &paragraphs {
        assert!(text.contains(&compact(p)), "{p:?} clipped");
    }
    assert!(text.contains("量産拡大に向けた事業会社との提携を支援する。"));
}

#[test]
fn empty_sections_are_errors_and_write_nothing() {
    let (result, out) = render(&fixture("invalid/support-plan-empty.toml"));
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty());
    let err = stderr(&result);
    assert!(
        err.contains("support_plans[0].plan: 空欄です。この欄は必須です"),
        "{err}"
    );
    assert!(
        err.contains("support_plans[0].representative_name: 空欄です。この欄は必須です"),
        "{err}"
    );
}

/// Both titles are printed; an ellipse is drawn around the one that applies, not the other.
#[test]
fn the_title_that_applies_is_circled() {
    for name in ["nedo-supporting.toml", "at-limits.toml"] {
        assert_circled(
            &laid_out(name, "support-plan")[0],
            "ハンズオン計画書",
            "事業支援計画書",
        );
    }
}

fn assert_circled(layout: &Layout, circled: &str, plain: &str) {
    assert_eq!(layout.curves.len(), 1, "{:?}", layout.curves);
    let (page, [left, top, right, bottom]) = layout.curves[0];
    assert_eq!(page, 1);
    let title = line_starting(layout, circled);
    let other = line_starting(layout, plain);
    assert_eq!((title.page, title.y), (other.page, other.y));
    // The ellipse surrounds the chosen title, its height around the baseline, and stays clear
    // of the other.
    assert!(
        top < title.y - 10.0 && bottom > title.y,
        "{title:?} {top} {bottom}"
    );
    assert!(
        left < title.x && right > title.right,
        "{title:?} {left} {right}"
    );
    assert!(
        right < other.x || left > other.right,
        "{other:?} {left} {right}"
    );
}
