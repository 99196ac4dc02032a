//! 出資/融資意向確認願・確認書 (NEDO 追加資料5), end to end.

use super::common::*;

const SEED: &str = "001_34c4718ac16d6e19.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "investment-intent")
}

#[test]
fn one_pdf_per_investor_with_request_confirmation_and_conditions() {
    let (result, out) = render(&fixture("nedo-supporting.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(
        files,
        ["株式会社グリーンセル_出資・融資意向確認書_01_みらい創造キャピタル株式会社.pdf"]
    );
    let text = pdf_text_compact(&out.path().join(&files[0]));
    for fixed in [
        "【追加資料5】",
        "出資/融資意向確認願",
        "申請者住所・氏名",
        "代表者役職・氏名",
        "今般、弊社が国立研究開発法人新エネルギー・産業技術総合開発機構が実施する",
        "GX 分野のディープテック・スタートアップに対する実用化研究開発・量産化実証支援事業",
        "出資決定機関による正式な決定を条件として、",
        "の意向があることを確認しています。",
        "出資/融資意向確認書",
        "弊社出資決定機関による正式な決定を条件として、採択決定日以降の NEDO が指定する日までに金",
        "実行の意向があることを確認します。",
        "出資/融資の条件",
        "この意向確認書により、採択者への出資/融資を保証するものではありません。また、「ハンズオン計画/事業支援計画書」については別添を参照してください。",
        "出資者名・住所",
        "代表者又は業務執行責任者役職・氏名",
        "※本資料は審査でのみ使用し社名や内容等が公表されることはありません。",
    ] {
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
        assert_in_seed(SEED, fixed);
    }
    // The guide's text has half-width parentheses (its OCR); Japanese text on the form takes
    // full-width ones, as 「貴社（…）」 in the same sentence does.
    for seed_text in [
        "PCA フェーズ(実用化研究開発(後期))",
        "連絡先(電話番号、E-mail、担当者)",
    ] {
        assert_in_seed(SEED, seed_text);
        let printed = seed_text.replace('(', "（").replace(')', "）");
        assert!(
            text.contains(&compact(&printed)),
            "{printed:?} missing:\n{text}"
        );
    }
    for printed in [
        "2025年2月10日",
        "みらい創造キャピタル株式会社殿",
        "静岡県静岡市葵区追手町9番6号株式会社グリーンセル代表者役職・氏名代表取締役高橋健",
        "により PCAフェーズ（実用化研究開発（後期））として採択されたときは、貴社（みらい創造キャピタル株式会社）出資決定機関",
        "2025年7月末までに金150,000,000円の出資の意向があることを確認しています。",
        "量産化実証支援事業PCAフェーズに採択されたときは",
        "金150,000,000円の出資実行の意向があることを確認します。",
        "普通株式3,000株を1株50,000円で引き受ける。",
        "NEDOの採択を出資の条件とする。",
        "2025年2月14日",
        "みらい創造キャピタル株式会社東京都港区虎ノ門一丁目2番3号",
        "代表パートナー中村誠",
        "03-1234-5678nakamura@mirai-cap.example.jp投資部小林彩",
    ] {
        assert!(
            text.contains(&compact(printed)),
            "{printed:?} missing:\n{text}"
        );
    }
    // The guide's instructions to the person filling in are not printed.
    for guidance in [
        "押印は不要です",
        "所定の期間に合うよう",
        "出資の株数、普通株/優先株",
        "黒字箇所",
    ] {
        assert!(!text.contains(&compact(guidance)), "{guidance:?} printed");
    }
}

#[test]
fn a_loan_prints_融資_and_is_not_counted_in_sts() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "loan.toml",
        "nedo-supporting.toml",
        &[
            (
                "investor_kind = \"vc\"\nsigner_title",
                "investor_kind = \"bank\"\nsigner_title",
            ),
            (
                "program = \"GX\"\nphase = \"PCA\"\nround = 4\ndate = 2025-02-10",
                "program = \"DTSU\"\nphase = \"STS\"\nround = 7\ndate = 2025-02-10",
            ),
            ("deadline = \"2025-07\"", "deadline = \"2025-08\""),
        ],
    );
    let (result, out) = render(&file);
    assert!(
        result.status.success(),
        "warnings only: {}",
        stderr(&result)
    );
    let err = stderr(&result);
    assert!(err.contains("investment_intents.investors[0].investor_kind: DTSU STS では金融機関（融資）からの融資は出資要件に算入されません"), "{err}");
    assert!(err.contains("investment_intents.investors[0].deadline: 2025年8月末はDTSU 第7回・GX 第4回の所定の期間（2024-09-05〜2025-07-31）の後です"), "{err}");
    let files = files_in(out.path());
    let text = pdf_text_compact(&out.path().join(&files[0]));
    assert!(
        text.contains(&compact(
            "ディープテック・スタートアップ支援事業により STSフェーズ（実用化研究開発（前期））として"
        )),
        "{text}"
    );
    assert!(
        text.contains("2025年8月末までに金150,000,000円の融資の意向があることを確認しています。"),
        "{text}"
    );
    assert!(text.contains("金150,000,000円の融資実行の意向"), "{text}");
}

#[test]
fn failing_checks_write_nothing() {
    let (result, out) = render(&fixture("invalid/investment-intent-incomplete.toml"));
    assert_eq!(result.status.code(), Some(1));
    assert!(files_in(out.path()).is_empty());
    let err = stderr(&result);
    for expected in [
        "investment_intents.investors[0].amount: 出資/融資の金額が 0 円です",
        "investment_intents.investors[0].conditions: 空欄です。この欄は必須です",
        "investment_intents.investors[0].contact_email: \"03-1234-5678\" はメールアドレスの形ではありません",
        "investment_intents.investors[0].deadline: 期限 2024年12月末が確認願の日付 2025-02-10 より前です",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
}

/// The signer block keeps each value on its label's line, the contact's first line too; the
/// 条件 box keeps the investor's lines, each indented, and a blank line between paragraphs.
#[test]
fn the_signer_block_and_the_conditions_keep_their_lines() {
    let layout = &laid_out("nedo-supporting.toml", "investment-intent")[0];
    let label = line_starting(layout, "連絡先（電話番号、E-mail、担当者）");
    let row = beside(layout, label);
    assert!(
        row.iter().any(|l| l.text.starts_with("03-1234-5678")),
        "{row:?}"
    );

    let first = line_starting(layout, "普通株式");
    let second = line_starting(layout, "社外取締役");
    let third = line_starting(layout, "NEDO");
    // Each written line starts indented, at the same place.
    assert!((second.x - first.x).abs() < 0.1 && (third.x - second.x).abs() < 0.1);
    // A line apart within a paragraph; a blank line (twice that) between paragraphs.
    let pitch = third.y - second.y;
    assert!(
        second.y - first.y > 1.8 * pitch,
        "{first:?} {second:?} {third:?}"
    );
}
