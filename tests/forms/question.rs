//! 質問書 (静岡県 参考様式), end to end.

use super::common::*;

const SEED: &str = "004_6bd12a966db221e1.txt";

fn render(file: &std::path::Path) -> (std::process::Output, tempfile::TempDir) {
    render_form(file, "question")
}

#[test]
fn question_prints_the_seed_table_and_the_question() {
    let (result, out) = render(&fixture("shizuoka-package.toml"));
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(files_in(out.path()), ["株式会社テックシード_質問書.pdf"]);
    let path = out.path().join("株式会社テックシード_質問書.pdf");
    let text = pdf_text_compact(&path);
    for fixed in [
        "(参考様式)",
        "質問書",
        "(令和5年度 大学発ベンチャー事業化加速・推進事業費補助金)",
        "質問者",
        "会社名等",
        "連絡先",
        "担当者名",
        "TEL",
        "FAX",
        "メール",
        "質問内容",
    ] {
        assert_in_seed(SEED, fixed);
        assert!(text.contains(&compact(fixed)), "{fixed:?} missing:\n{text}");
    }
    assert_in_spec("参考様式 質問書");
    for expected in [
        "(参考様式)質問書(令和5年度大学発ベンチャー事業化加速・推進事業費補助金)",
        "会社名等株式会社テックシード",
        "担当者名経営企画部高橋美咲",
        "TEL054-000-0001FAX054-000-0002",
        "メールtakahashi@example.jp",
        "補助対象経費について質問します。試作センサーの筐体を外注で精密加工する費用は、「外注加工費」と「委託費」のどちらに計上すべきでしょうか。また、2か年度にわたる継続申請の場合、",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let pdf = lopdf::Document::load(&path).unwrap();
    assert_eq!(pdf.get_pages().len(), 1);
}

#[test]
fn an_empty_question_and_a_bad_email_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("shizuoka-package.toml")).unwrap();
    let start = text.find("content = \"\"\"\n補助対象経費").unwrap();
    let text = format!(
        "{}content = \"  \"\n",
        &text[..start].replace(
            "email = \"takahashi@example.jp\"            # メール",
            "email = \"takahashi.example.jp\""
        )
    );
    let file = dir.path().join("empty.toml");
    std::fs::write(&file, text).unwrap();
    let (result, out) = render(&file);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    for expected in [
        "question.content: 空欄です",
        "question.email: \"takahashi.example.jp\" はメールアドレスの形ではありません",
    ] {
        assert!(err.contains(expected), "{expected:?} missing:\n{err}");
    }
    assert!(files_in(out.path()).is_empty());
}
