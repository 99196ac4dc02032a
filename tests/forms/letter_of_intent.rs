//! 関心表明書 (NEDO 追加資料8), end to end.

use super::common::*;

fn render_letters(file: &std::path::Path) -> (tempfile::TempDir, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "letter-of-intent",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    (out, files)
}

#[test]
fn letter_prints_body_signer_block_and_fixed_texts() {
    let (out, files) = render_letters(&fixture("complete.toml"));
    assert_eq!(
        files,
        ["株式会社テックシード_関心表明書_01_株式会社パートナー工業.pdf"]
    );
    let text = pdf_text_compact(&out.path().join(&files[0]));
    let fixed = [
        "【追加資料8】",
        "関心表明書（Letter of Intent）",
        "（以下「提案者」といいます。）と、",
        "の事業連携を行うことに関心があるため、本書類を提出いたします。",
        "助成事業名：",
        "事業連携の内容について",
        "尚、本書類の提出により、助成事業において提案者と事業連携をする事を約束するものではありません。",
        "事業会社の名称",
        "連絡先（電話番号、E-mail、担当者）",
        "※本資料は審査でのみ使用し社名や内容等が公表されることはありません。尚、NEDOから連絡先に連絡をする場合があります。",
    ];
    for f in fixed {
        assert!(text.contains(&compact(f)), "{f:?} missing:\n{text}");
        assert_in_spec(f);
    }
    for data in [
        "弊社は、以下の助成事業において、株式会社テックシード（以下「提案者」といいます。）と、共同研究の事業連携を行うことに関心があるため",
        "助成事業名：全固体電池用固体電解質の量産前実証",
        "弊社は提案者の固体電解質を用いたセルの評価を担い",
        "材料組成と製造条件の改良に反映します。",
        "2025年2月20日",
        "事業会社の名称株式会社パートナー工業",
        "住所東京都千代田区丸の内一丁目1番1号",
        "役職取締役事業開発本部長",
        "氏名佐藤花子",
        "03-0000-0000sato@example.co.jp事業開発部鈴木一郎",
    ] {
        assert!(text.contains(&compact(data)), "{data:?} missing:\n{text}");
    }
}

#[test]
fn a_long_letter_runs_onto_a_second_page_with_all_its_text() {
    let paragraphs: Vec<String> = (1..=24)
        .map(|n| format!("第{n}段落: 弊社は提案者と共同で試作セルの評価を行い、その結果を量産工程の設計に反映します。評価の範囲は充放電特性、安全性、長期信頼性に及びます。"))
        .collect();
    let details = paragraphs.join("\n\n");
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "long.toml",
        "complete.toml",
        &[(
            "details = \"\"\"\n",
            &format!("details = \"\"\"\n{details}\n\n"),
        )],
    );
    let (out, files) = render_letters(&file);
    let path = out.path().join(&files[0]);
    let pdf = lopdf::Document::load(&path).unwrap();
    assert!(pdf.get_pages().len() >= 2, "a long letter grows pages");
    let text = pdf_text_compact(&path);
    for p in &paragraphs {
        assert!(text.contains(&compact(p)), "{p:?} missing");
    }
    assert!(
        text.contains("氏名佐藤花子"),
        "the signer block follows the text"
    );
    let footer = compact("※本資料は審査でのみ使用し社名や内容等が公表されることはありません。");
    assert_eq!(
        text.matches(&footer).count(),
        pdf.get_pages().len(),
        "the footer is on every page"
    );
}

#[test]
fn signer_fields_and_email_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "bad.toml",
        "complete.toml",
        &[
            ("signer_name = \"佐藤 花子\"", "signer_name = \"\""),
            ("sato@example.co.jp", "sato-at-example"),
        ],
    );
    let result = yoshiki(&["check", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("letters_of_intent[0].signer_name: 空欄です"),
        "{err}"
    );
    assert!(err.contains("letters_of_intent[0].contact_email: \"sato-at-example\" はメールアドレスの形ではありません"), "{err}");
}

#[test]
fn check_reports_the_cap_increase() {
    let result = yoshiki(&["check", fixture("complete.toml").to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stdout(&result).contains(
            "関心表明書の提出で助成上限額が増額されます（STS: 300,000,000 円 → 500,000,000 円）"
        ),
        "{}",
        stdout(&result)
    );
}
