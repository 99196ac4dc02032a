//! 誓約書 (静岡県 様式第4号), end to end.

use super::common::*;

fn render_pledge(file: &std::path::Path) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "pledge",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files, ["株式会社テックシード_誓約書.pdf"]);
    let text = pdf_text_compact(&out.path().join(&files[0]));
    (out, text)
}

/// The pledge's own text, verbatim from the call for applications (seed 004).
const PLEDGE_ITEMS: &[&str] = &[
    "会社法（平成17年法律第86号）第2条第1項に規定する者であること。",
    "中小企業基本法（昭和38年法律第154号）第2条第1項に規定する者であること。",
    "静岡県内に当該補助事業を遂行する事業所又は事務所を有すること。",
    "静岡県内に学部・学科や大学院等を有する、大学又は高等専門学校の研究シーズや技術シーズを活用した研究開発や製品開発を行っていること（大学発ベンチャーの称号認定は要しない。）。",
    "静岡県が課税するすべての県税に未納がないこと。",
    "次のアからキのいずれにも該当しないこと。",
    "暴力団員による不当な行為の防止等に関する法律（平成3年法律第77号。以下「法」という。）第2条第2号に該当する団体（以下「暴力団」という。）",
    "個人又は法人の代表者が暴力団員等（法第2条第6号に規定する暴力団員（以下「暴力団員」という。）又は暴力団員でなくなった日から5年を経過しない者をいう。以下同じ。）である者",
    "法人の役員等（法人の役員又はその支店若しくは営業所を代表する者で役員以外の者をいう。）が暴力団員等である者",
    "自己、自社若しくは第三者の不正な利益を図る目的又は第三者に損害を与える目的をもつて暴力団又は暴力団員等を利用している者",
    "暴力団若しくは暴力団員等に対して、資金等提供若しくは便宜供与する等直接的又は積極的に暴力団の維持運営に協力し又は関与している者",
    "暴力団又は暴力団員等と社会的に非難されるべき関係を有している者",
    "相手方が暴力団又は暴力団員等であることを知りながら、下請契約、資材又は原材料の購入契約その他の契約を締結している者",
];

#[test]
fn pledge_prints_the_program_values_and_every_item_verbatim() {
    let (_out, text) = render_pledge(&fixture("complete.toml"));
    let spec_fixed = [
        "様式第4号",
        "誓約書",
        "静岡県知事川勝平太様",
        "所在地",
        "代表者職・氏名",
        "印",
        "(代表者の氏名を自署する場合は、押印不要)",
        "において大学発ベンチャー事業化加速・推進事業費補助金の申込みに当たり、次に掲げる条件を全て満たしていることを誓約いたします。",
    ];
    for fixed in spec_fixed {
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
        assert_in_spec(fixed);
    }
    // The spec writes the fiscal year as a placeholder; the seed has the call's own sentence.
    let sentence =
        "令和5年度において大学発ベンチャー事業化加速・推進事業費補助金の申込みに当たり、";
    assert!(text.contains(sentence), "{text}");
    assert_in_seed("004_6bd12a966db221e1.txt", sentence);
    for item in PLEDGE_ITEMS {
        assert!(text.contains(&compact(item)), "{item:?} missing:\n{text}");
        assert_in_seed("004_6bd12a966db221e1.txt", item);
    }
    for data in [
        "令和5年7月20日",
        "静岡県静岡市葵区追手町9番6号",
        "株式会社テックシード",
        "代表取締役山田太郎",
    ] {
        assert!(text.contains(data), "{data:?} missing:\n{text}");
    }
}

#[test]
fn first_day_of_reiwa_prints_gannen_and_overrides_apply() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "reiwa.toml",
        "complete.toml",
        &[(
            "[pledge]\ndate = 2023-07-20",
            "[pledge]\ndate = 2019-05-01\naddressee = \"静岡県知事 鈴木 康友 様\"\nfiscal_year = 2024",
        )],
    );
    let (_out, text) = render_pledge(&file);
    assert!(text.contains("令和元年5月1日"), "{text}");
    assert!(
        text.contains("静岡県知事鈴木康友様") && !text.contains("川勝"),
        "{text}"
    );
    assert!(text.contains("令和6年度において"), "{text}");

    let before = variant(
        dir.path(),
        "heisei.toml",
        "complete.toml",
        &[(
            "[pledge]\ndate = 2023-07-20",
            "[pledge]\ndate = 2019-04-30\naddressee = \"静岡県知事 川勝 平太 様\"\nfiscal_year = 2019",
        )],
    );
    let (_out, text) = render_pledge(&before);
    assert!(text.contains("平成31年4月30日"), "{text}");
}

/// A document dated outside every known call is refused, not printed with another call's
/// addressee and fiscal year; where the file sets both itself, it prints with a warning.
#[test]
fn a_date_outside_every_call_is_an_error_unless_the_file_sets_the_values() {
    let outcome = run_variant(
        "late.toml",
        "complete.toml",
        &[("[pledge]\ndate = 2023-07-20", "[pledge]\ndate = 2025-07-10")],
    );
    assert!(outcome.files.is_empty());
    assert!(
        messages(&outcome).contains(
            "late.toml:73:8: エラー: pledge.date: 誓約書の日付 2025-07-10 は、既知のどの募集回の提出期間にも入りません（ヒント: 既知の募集回: 令和5年度 2次募集（r5-2）: 提出期間 2023-07-03〜2023-08-02。新しい募集回は yoshiki export programs フォルダ で様式定義を書き出し、フォルダ/shizuoka.toml に [[calls]] を足して --programs フォルダ を付けると使えます）"
        ),
        "{}",
        messages(&outcome)
    );
    let outcome = run_variant(
        "late.toml",
        "complete.toml",
        &[(
            "[pledge]\ndate = 2023-07-20",
            "[pledge]\ndate = 2025-07-10\naddressee = \"静岡県知事 鈴木 康友 様\"\nfiscal_year = 2025",
        )],
    );
    let said = messages(&outcome);
    assert!(!outcome.has_errors(), "{said}");
    assert!(
        said.contains("警告: pledge.date: 誓約書の日付 2025-07-10 は、既知のどの募集回の提出期間にも入りません（ヒント: 宛先と年度は申請者ファイルの値を印刷し、上限額などの規則は最新の令和5年度 2次募集のものを使います"),
        "{said}"
    );
}

/// A file names its call, or its documents' dates find it; two documents in two calls are
/// one package that disagrees.
#[test]
fn the_call_is_named_or_found_by_date() {
    let outcome = run_variant("named.toml", "shizuoka-package.toml", &[]);
    assert!(!outcome.has_errors(), "{}", messages(&outcome));
    let outcome = run_variant(
        "unknown.toml",
        "shizuoka-package.toml",
        &[("call = \"r5-2\"", "call = \"r6-1\"")],
    );
    assert!(
        messages(&outcome).contains("エラー: shizuoka.call: 募集回「r6-1」は様式定義にありません（ヒント: 既知の募集回: 令和5年度 2次募集（r5-2）"),
        "{}",
        messages(&outcome)
    );
    let outcome = run_variant(
        "late.toml",
        "shizuoka-package.toml",
        &[("[pledge]\ndate = 2023-07-25", "[pledge]\ndate = 2023-09-01")],
    );
    assert!(
        messages(&outcome).contains("警告: pledge.date: 誓約書の日付 2023-09-01 は令和5年度 2次募集の提出期間（2023-07-03〜2023-08-02）の外です"),
        "{}",
        messages(&outcome)
    );
}

#[test]
fn pledge_needs_the_applicant_block() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "blank.toml",
        "complete.toml",
        &[(
            "address = \"静岡県静岡市葵区追手町9番6号\"",
            "address = \"  \"",
        )],
    );
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "pledge",
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("applicant.address: 空欄です"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty());
}

/// 印 has a seal's room of its own: not at the margin, and the note under the name row stays
/// left of it, so a seal stamped on 印 covers no text.
#[test]
fn the_seal_has_room_the_note_does_not_run_under() {
    for name in ["complete.toml", "at-limits.toml"] {
        let layout = &laid_out(name, "pledge")[0];
        let seal = layout
            .lines
            .iter()
            .find(|l| l.text == "印")
            .unwrap_or_else(|| panic!("{name}: no 印"));
        let note = line_starting(layout, "(代表者の氏名を自署する場合は、押印不要)");
        // A seal is about 15 mm across: 7.5 mm around the middle of 印 is kept clear.
        let half = 7.5 * 72.0 / 25.4;
        let centre = (seal.x + seal.right) / 2.0;
        let right_margin = 595.28 - 22.0 * 72.0 / 25.4;
        assert!(centre + half <= right_margin, "{name}: {seal:?}");
        assert!(note.right <= centre - half, "{name}: {note:?} {seal:?}");
        assert!(note.y > seal.y, "{name}: the note is below the name row");
        for line in &layout.lines {
            let overlaps = line.right > centre - half
                && line.x < centre + half
                && (line.y - seal.y).abs() < half;
            assert!(
                !overlaps || line.text == "印",
                "{name}: {line:?} is where the seal lands"
            );
        }
    }
}

/// `sign_by_hand = true` leaves the name blank for a handwritten 自署; the title stays.
#[test]
fn sign_by_hand_leaves_the_name_blank() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "hand.toml",
        "complete.toml",
        &[(
            "[pledge]\ndate = 2023-07-20",
            "[pledge]\ndate = 2023-07-20\nsign_by_hand = true",
        )],
    );
    let (_out, text) = render_pledge(&file);
    assert!(text.contains("代表者職・氏名代表取締役印"), "{text}");
    assert!(!text.contains("山田"), "{text}");
    assert!(
        text.contains("(代表者の氏名を自署する場合は、押印不要)"),
        "{text}"
    );
}

/// A value no longer than its column holds is set as plain text (`fitted(…, line: N)` in the
/// template) and must then fit one line: 24 characters beside a label, 20 beside the seal.
/// Pins the template's figures to its column widths.
#[test]
fn values_as_long_as_their_column_holds_stay_on_one_line() {
    let name = format!("株式会社{}", characters(20));
    let address = characters(24);
    let representative_name = characters(14);
    let dir = tempfile::tempdir().unwrap();
    let file = with_applicant(
        dir.path(),
        "shizuoka-package.toml",
        [&name, &address, &representative_name],
        &[],
    );
    let layout = &laid_out_file(&file, "pledge")[0];
    let representative = format!("代表取締役 {representative_name}");
    for value in [&name, &address, &representative] {
        assert!(
            lines_holding(layout, value) > 0,
            "{value}: {:#?}",
            layout.lines
        );
    }
}
