//! The submission package's checklist, per program, phase and situation of the guides' tables:
//! 静岡県 募集要項 3 (1) ア (seed 004) and NEDO 公募要領「提出資料のまとめ」「事業・フェーズごと
//! の主な応募要件の違い及びそれに係る提出資料まとめ」 (seed 001). Each expected list is written by
//! hand from the seed, not from the program data. Rows, run in-process.

use std::path::Path;

use yoshiki::package::Status::{self, Attached, Conditional, Covered, Generated, Missing};

use super::common::*;

/// A checklist's title and its (document id, status) rows.
type Listed = (String, Vec<(String, Status)>);

/// What checking a file as a package came to: each checklist, and every diagnostic, one line
/// each.
fn checklists(file: &Path, text: &str, strict: bool) -> (Vec<Listed>, String) {
    let request = yoshiki::Request {
        strict,
        ..yoshiki::Request::pdfs(Vec::new())
    };
    let checked = yoshiki::check_applicant(context(), file, text.as_bytes(), &request)
        .expect("the file loads");
    let lists = checked
        .package
        .checklists
        .iter()
        .map(|c| {
            let rows = c
                .documents
                .iter()
                .map(|e| (e.id.clone(), e.status))
                .collect();
            (c.title.clone(), rows)
        })
        .collect();
    let messages = checked
        .prepared
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    (lists, messages)
}

fn edited(base: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixture(base)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture {base} has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A DTSU STS applicant that shows its investment by 出資/融資意向確認書 only (not yet made).
const STS_INTENT_ONLY: &str = r#"
[applicant]
name = "株式会社テックシード"
postal_code = "420-0853"
address = "静岡県静岡市葵区追手町9番6号"
representative_title = "代表取締役"
representative_name = "山田 太郎"
phone = "054-000-0000"
email = "info@example.jp"

[investment_intents]
program = "DTSU"
phase = "STS"
round = 7
date = 2025-02-10

[[investment_intents.investors]]
investor = "みらい創造キャピタル株式会社"
investor_address = "東京都港区虎ノ門一丁目2番3号"
investor_kind = "vc"
signer_title = "代表パートナー"
signer_name = "中村 誠"
contact_phone = "03-1234-5678"
contact_email = "nakamura@mirai-cap.example.jp"
contact_person = "投資部 小林 彩"
date = 2025-02-14
deadline = "2025-07"
amount = 150_000_000
conditions = "普通株式 3,000 株を引き受ける。"
"#;

type Expected = &'static [(&'static str, Status)];

/// A situation, its applicant text, and its expected checklists: title and rows.
type Situation = (&'static str, String, Vec<(&'static str, Expected)>);

fn situations() -> Vec<Situation> {
    let shizuoka: Expected = &[
        ("application", Generated),
        ("applicant-overview", Generated),
        ("business-plan", Generated),
        ("budget", Generated),
        // (オ) is submitted signed or sealed: the generated one is listed, with a warning.
        ("pledge", Generated),
        ("registry", Missing),
        ("financial-statements", Missing),
    ];
    vec![
        (
            "静岡県: the five forms, (カ) and (キ) not attached",
            edited("shizuoka-package.toml", &[]),
            vec![("静岡県 令和5年度 2次募集", shizuoka)],
        ),
        (
            "静岡県: signed 誓約書, 登記 and 決算書 attached",
            std::fs::read_to_string(fixture("packet/shizuoka.toml")).unwrap(),
            vec![(
                "静岡県 令和5年度 2次募集",
                &[
                    ("application", Generated),
                    ("applicant-overview", Generated),
                    ("business-plan", Generated),
                    ("budget", Generated),
                    ("pledge", Attached),
                    ("registry", Attached),
                    ("financial-statements", Attached),
                ],
            )],
        ),
        (
            // STS: partner VC 必須 (ハンズオン計画書 and VC等情報), 追加資料6 made so 追加資料21
            // 必須 and 追加資料5 not needed; 増額 documents conditional; no 追加資料11 (GX only),
            // no 覚書 (DMP only).
            "DTSU STS, investment made",
            edited("sts-two-investors.toml", &[]),
            vec![(
                "NEDO DTSU STS フェーズ",
                &[
                    ("support-plan", Missing),
                    ("vc-information", Missing),
                    ("letter-of-intent", Conditional),
                    ("overseas-plan", Conditional),
                    ("investment-report", Generated),
                    ("contracts", Missing),
                    ("investment-intent", Covered),
                ],
            )],
        ),
        (
            // Not yet made: 追加資料5 instead of 6, and 追加資料21 only once 6 is filed.
            "DTSU STS, investment intended only",
            STS_INTENT_ONLY.to_owned(),
            vec![(
                "NEDO DTSU STS フェーズ",
                &[
                    ("support-plan", Missing),
                    ("vc-information", Missing),
                    ("letter-of-intent", Conditional),
                    ("overseas-plan", Conditional),
                    ("investment-report", Covered),
                    ("contracts", Conditional),
                    ("investment-intent", Generated),
                ],
            )],
        ),
        (
            // PCA: a partner VC is optional, so its documents are conditional.
            "DTSU PCA, loan and investment made",
            edited("pca-loan-and-investment.toml", &[]),
            vec![(
                "NEDO DTSU PCA フェーズ",
                &[
                    ("support-plan", Conditional),
                    ("vc-information", Conditional),
                    ("letter-of-intent", Conditional),
                    ("overseas-plan", Conditional),
                    ("investment-report", Generated),
                    ("contracts", Missing),
                    ("investment-intent", Covered),
                ],
            )],
        ),
        (
            // DMP: 覚書 必須; the 増額 and 事業化 documents are "—"/"-" in the DMP column.
            "DTSU DMP",
            edited(
                "sts-two-investors.toml",
                &[("phase = \"STS\"", "phase = \"DMP\"")],
            ),
            vec![(
                "NEDO DTSU DMP フェーズ",
                &[
                    ("support-plan", Conditional),
                    ("vc-information", Conditional),
                    ("investment-report", Generated),
                    ("contracts", Missing),
                    ("investment-intent", Conditional),
                    ("memorandum", Missing),
                ],
            )],
        ),
        (
            // GX: 追加資料11 必須, here made; hands-on plan made; 追加資料5 made too.
            "GX PCA, every supporting form",
            edited("nedo-supporting.toml", &[]),
            vec![(
                "NEDO GX PCA フェーズ",
                &[
                    ("support-plan", Generated),
                    ("vc-information", Conditional),
                    ("letter-of-intent", Conditional),
                    ("overseas-plan", Conditional),
                    ("investment-report", Generated),
                    ("contracts", Missing),
                    ("investment-intent", Generated),
                    ("gx-declaration", Generated),
                ],
            )],
        ),
        (
            // GX STS: partner VC optional, 追加資料11 必須 and missing.
            "GX STS without its declaration",
            edited(
                "sts-two-investors.toml",
                &[("program = \"DTSU\"", "program = \"GX\"")],
            ),
            vec![(
                "NEDO GX STS フェーズ",
                &[
                    ("support-plan", Conditional),
                    ("vc-information", Conditional),
                    ("letter-of-intent", Conditional),
                    ("overseas-plan", Conditional),
                    ("investment-report", Generated),
                    ("contracts", Missing),
                    // GX: 「提案時点で充足していない場合は「出資意向確認書」の提出が必要」.
                    ("investment-intent", Conditional),
                    ("gx-declaration", Missing),
                ],
            )],
        ),
        (
            // GX DMP with its declaration only, [nedo] naming program and phase: 覚書 必須
            // (DMP), 追加資料11 made, the investment documents conditional.
            "GX DMP, from its starter",
            starter("nedo-gx-dmp"),
            vec![(
                "NEDO GX DMP フェーズ",
                &[
                    ("support-plan", Conditional),
                    ("vc-information", Conditional),
                    ("investment-report", Conditional),
                    ("contracts", Conditional),
                    ("investment-intent", Conditional),
                    ("gx-declaration", Generated),
                    ("memorandum", Missing),
                ],
            )],
        ),
    ]
}

/// `yoshiki init --program NAME` with every example filled in.
fn starter(name: &str) -> String {
    let profiles = yoshiki::package::profiles(&yoshiki::Programs::embedded());
    let profile = profiles.iter().find(|p| p.name == name).expect("a profile");
    yoshiki::starter::fill_examples(&yoshiki::starter::starter(&[], Some(profile), false))
}

#[test]
fn nedo_must_agree_with_the_form_that_names_the_program() {
    let text =
        edited("sts-two-investors.toml", &[]) + "\n[nedo]\nprogram = \"GX\"\nphase = \"STS\"\n";
    let (_, messages) = checklists(&fixture("sts.toml"), &text, false);
    assert!(
        messages.contains("エラー: nedo.program: [nedo] の事業・フェーズ（GX STS）が [investment_report] の（DTSU STS）と違います"),
        "{messages}"
    );
}

#[test]
fn each_situation_of_the_guides_tables_has_its_checklist() {
    for (situation, text, expected) in situations() {
        // Attachments are read next to the fixtures, as the packet fixture's are.
        let (lists, _) = checklists(&fixture("packet/applicant.toml"), &text, false);
        let lists: Vec<(&str, Vec<(&str, Status)>)> = lists
            .iter()
            .map(|(title, rows)| {
                (
                    title.as_str(),
                    rows.iter().map(|(id, s)| (id.as_str(), *s)).collect(),
                )
            })
            .collect();
        let expected: Vec<(&str, Vec<(&str, Status)>)> = expected
            .into_iter()
            .map(|(t, rows)| (t, rows.to_vec()))
            .collect();
        assert_eq!(lists, expected, "{situation}");
    }
}

#[test]
fn a_missing_required_document_is_a_warning_that_names_it_and_an_error_when_strict() {
    let text = edited("shizuoka-package.toml", &[]);
    let file = fixture("shizuoka-package.toml");
    let (_, lax) = checklists(&file, &text, false);
    assert!(
        lax.contains("警告: attachments: 提出書類が 2 件足りません（静岡県 令和5年度 2次募集）: 「(カ) 会社・法人登記に係る履歴事項全部証明書」「(キ) 直近の決算書の写し」"),
        "{lax}"
    );
    assert!(
        lax.contains("document = \"registry\" / \"financial-statements\""),
        "{lax}"
    );
    assert!(!lax.contains("エラー"), "{lax}");
    // The generated 誓約書 is not the signed one the guide asks for.
    assert!(
        lax.contains("誓約書（様式第4号）は代表者の自署または押印のうえスキャンして提出します"),
        "{lax}"
    );

    let (_, strict) = checklists(&file, &text, true);
    assert!(
        strict.contains("エラー: attachments: 提出書類が 2 件足りません"),
        "{strict}"
    );
}

#[test]
fn a_complete_package_has_no_package_warning_even_when_strict() {
    let file = fixture("packet/shizuoka.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let (_, messages) = checklists(&file, &text, true);
    assert!(!messages.contains("提出書類"), "{messages}");
    assert!(!messages.contains("自署"), "{messages}");
}

#[test]
fn an_attachment_of_an_unknown_document_is_an_error_listing_the_ids() {
    let file = fixture("packet/shizuoka.toml");
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "document = \"registry\"",
        "document = \"registy\"",
        1,
    );
    let (_, messages) = checklists(&file, &text, false);
    assert!(
        messages.contains("提出書類「registy」は様式定義にありません"),
        "{messages}"
    );
    assert!(messages.contains("使える id: application"), "{messages}");
}
