//! GXに係る取組申告書 (NEDO 追加資料11), end to end.

use super::common::*;

const SEED: &str = "001_34c4718ac16d6e19.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "gx-declaration")
}

fn rendered_text(file: &std::path::Path) -> String {
    let (result, out) = render(file);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files, ["株式会社グリーンセル_GXに係る取組申告書.pdf"]);
    let path = out.path().join(&files[0]);
    assert_eq!(
        lopdf::Document::load(&path).unwrap().get_pages().len(),
        2,
        "1枚目・2枚目"
    );
    pdf_text_compact(&path)
}

#[test]
fn declaration_prints_checkboxes_texts_and_the_co2_estimate() {
    let text = rendered_text(&fixture("nedo-supporting.toml"));
    // CO₂ is typeset as CO with a subscript 2 (the fonts have no ₂): the PDF text reads CO2.
    for fixed in [
        "「GX分野のディープテック・スタートアップに対する実用化研究開発・量産化実証支援事業」への提案にあたってのGXに係る取組申告書",
        "1. 本申告書に記載の情報の取扱い",
        "NEDOに対して、当社のGXに係る取組の実施状況に関する情報を提供します。",
        "の採択審査にあたって、本文書に記載の情報をNEDO及び本事業の審査を行う関係者が活用することについて許諾します。",
        "2. 本事業に提案する企業に求められるGXに係る取組の実施状況",
        "当社は、GXに係る取組として、次の「i. 自らの排出削減の取組」、「ii. サプライチェーンでの炭素中立に向けた取組」及び「iii. 製品・サービスを通じた市場での取組」",
        "i. 当社が国内で直接・間接の排出量を把握するとともに、それらに関する削減目標の設定と、その達成に向けた削減取組の実施を行います",
        "すでに実施しています。",
        "今後（又は交付決定以降に）、実施します",
        "ii. 自社の製品等に関するサプライヤーを巻き込んだ脱炭素化を進める活動・取組や、自社の製品等の販売・展開先となる需要家や生産者に対しても脱炭素に向けた活動実績を明示し、同時にそれらにおける意識醸成について、次のとおりに実施または計画しています。",
        "iii. 生活者や教育機関、NPO・NGO等との気候変動の取組に関する協業による製品等の脱炭素化に向けたイノベーション等の活動や市場投入・拡大等について、次のとおり実施又は計画しています",
        "4. その他確認事項",
        "本申告書に記載の内容に虚偽はありません。",
        "CO₂排出削減の取組",
        "1. 解決につながる課題とその根拠",
        "2. CO₂削減効果の試算",
        "(a) 製品・サービス1単位あたりの年間のCO₂削減量：",
        "の製品・サービスの販売見込：",
        "内、国内の製品・サービスの販売見込(b')：",
        "内、国内のCO₂削減量 ((a) × (b'))：",
        "(d) 算出根拠",
    ] {
        assert_in_seed(SEED, fixed);
        let printed = compact(fixed).replace('₂', "2").replace('\'', "’");
        assert!(text.contains(&printed), "{printed:?} missing:\n{text}");
    }
    // The total line is over (b), the whole year's sales: the seed's OCR shows (b') there,
    // spec/forms.md corrects it. (a) 0.35 × (b) 12,000 = 4,200; × (b') 8,500 = 2,975.
    assert_in_spec("(c) = (a) × (b)");
    for printed in [
        "(c)2030年の年間のCO2削減量((a)×(b))：4,200[t-CO2]",
        "内、国内のCO2削減量((a)×(b’))：2,975[t-CO2]",
        "事業者名株式会社グリーンセル",
        "■すでに実施しています。□今後（又は交付決定以降に）、実施します",
        "■本申告書に記載の内容に虚偽はありません。",
        "主要な部材サプライヤー5社と温室効果ガス排出量の算定方法を共有し",
        "地域の工業高校と共同で、建材一体型太陽電池の施工実習を年2回行う。",
        "建物の壁面は発電に使われていない。",
        "製品・サービス1単位あたりの年間のCO2削減量：0.35[t-CO2/年]",
        "(b)2030年の製品・サービスの販売見込：12,000[枚]",
        "内、国内の製品・サービスの販売見込(b’)：8,500[枚]",
        "(b)2030年度の量産能力12,000枚のうち",
    ] {
        assert!(
            text.contains(&compact(printed)),
            "{printed:?} missing:\n{text}"
        );
    }
    for guidance in [
        "自由に記載ください",
        "いずれかにチェック",
        "根拠欄",
        "1枚目",
        "総合指針",
        "満たす場合はチェック",
    ] {
        assert!(!text.contains(guidance), "{guidance:?} printed");
    }
}

#[test]
fn planned_reduction_and_decimal_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "planned.toml",
        "nedo-supporting.toml",
        &[
            (
                "own_reduction = \"implemented\"",
                "own_reduction = \"planned\"",
            ),
            (
                "reduction_per_unit = \"0.35\"",
                "reduction_per_unit = \"0.125\"",
            ),
            ("domestic_sales = 8_500", "domestic_sales = \"8500.5\""),
        ],
    );
    let text = rendered_text(&file);
    assert!(text.contains("□すでに実施しています。■今後"), "{text}");
    // (a) × (b) = 0.125 × 12,000 = 1,500; (a) × (b′) = 0.125 × 8,500.5 = 1,062.5625 (exact,
    // not rounded).
    assert!(
        text.contains("(c)2030年の年間のCO2削減量((a)×(b))：1,500[t-CO2]"),
        "{text}"
    );
    assert!(
        text.contains("内、国内のCO2削減量((a)×(b’))：1,062.5625[t-CO2]"),
        "{text}"
    );
}

#[test]
fn failing_checks_write_nothing() {
    let (result, out) = render(&fixture("invalid/gx-declaration-estimate.toml"));
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty());
    let err = stderr(&result);
    for expected in [
        "gx_declaration.reduction_per_unit: (a) 製品・サービス1単位あたりの年間のCO₂削減量が 0 です",
        "gx_declaration.domestic_sales: 国内の販売見込 (b′) 1,200.5 が販売見込 (b) 1,000 を超えています",
        "gx_declaration.basis: 空欄です。この欄は必須です",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
}

/// The title breaks between its phrases, never inside a word; the answers of ii. and iii. and
/// the checkboxes of i. start where their item's text does, clear of 「iii.」; the applicant's
/// 「CO2」 is set as the form's CO₂, with a subscript 2.
#[test]
fn the_sheet_keeps_its_title_its_columns_and_co2() {
    let layout = &laid_out("nedo-supporting.toml", "gx-declaration")[0];
    let first = line_starting(layout, "「GX分野のディープテック");
    assert!(
        compact(&first.text).ends_with("実用化研究開発・"),
        "{first:?}"
    );
    let second = line_starting(layout, "量産化実証支援事業」への提案にあたっての");
    assert!(
        compact(&second.text).ends_with("GXに係る取組申告書"),
        "{second:?}"
    );

    let text_of = |number: &str| {
        let number = line_starting(layout, number);
        let text = beside(layout, number)
            .into_iter()
            .find(|l| l.x > number.x)
            .unwrap_or_else(|| panic!("no text beside {number:?}"));
        (number.clone(), text.clone())
    };
    let (_, i_text) = text_of("i.");
    let (ii, ii_text) = text_of("ii.");
    let (iii, iii_text) = text_of("iii.");
    assert!((ii_text.x - i_text.x).abs() < 0.1 && (iii_text.x - i_text.x).abs() < 0.1);
    // A third of an em at least between 「iii.」 and its text.
    assert!(iii_text.x - iii.right >= 3.5, "{iii:?} {iii_text:?}");
    assert!(ii.x < ii_text.x);
    // The checkboxes of i. and the answers' second lines (not indented) start at that column;
    // an answer's text sits 3 mm inside its box.
    let checkbox = line_starting(layout, "■ すでに実施しています。");
    assert!((checkbox.x - i_text.x).abs() < 0.1, "{checkbox:?}");
    let answer = line_starting(layout, "までに部材あたりの排出量を開示してもらう。");
    assert!(
        (answer.x - (i_text.x + 3.0 * 72.0 / 25.4)).abs() < 0.6,
        "{answer:?} {i_text:?}"
    );

    // 1. 解決につながる課題 (the applicant's text): 「CO2」 has its 2 set below, as a run of
    // its own, and no line reads CO2 as plain text.
    for line in layout.lines.iter().filter(|l| l.page == 2) {
        assert!(!line.text.contains("CO2"), "{line:?}");
    }
    let issue = line_starting(layout, "き、系統電力を置き換えることで");
    assert!(compact(&issue.text).ends_with("事業所のCO"), "{issue:?}");
}
