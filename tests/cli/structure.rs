//! Every structural problem of a file at once, in file order, each located and said in
//! Japanese first; the usual slips of Japanese typing corrected with the user's own value;
//! a starter's placeholder, whole or half edited, never loads as data.

use super::common::*;

/// The one-line diagnostics of `text` (the complete fixture with `edits`).
fn said(edits: &[(&str, &str)]) -> Vec<String> {
    let outcome = run_variant("a.toml", "complete.toml", edits);
    assert!(outcome.files.is_empty());
    outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn three_mistakes_are_three_errors_in_one_run() {
    let lines = said(&[
        (
            "representative_title = \"代表取締役\"",
            "representativ_title = \"代表取締役\"",
        ),
        ("eligible_cost = 300_000_000", "eligible_cost = \"3億円\""),
        ("amount = 100_000_000\n", ""),
    ]);
    assert_eq!(
        lines,
        [
            "a.toml:8:1: エラー: applicant.representativ_title: 不明なキー `representativ_title` です（ヒント: `representative_title` の書き間違いではありませんか？ 使えるキー: name, name_kana, postal_code, address, representative_title, representative_name, phone, email）",
            "a.toml:18:17: エラー: investment_report.eligible_cost: 型が違います: 文字列 \"3億円\" が書かれていますが、0 以上の整数の金額（円、例: 300_000_000） が必要です",
            "a.toml:20:1: エラー: investment_report.investments[0].amount: 必須のキー `amount` がありません（ヒント: `amount = …` を書いてください）",
        ]
    );
}

#[test]
fn the_usual_slips_are_said_in_japanese_with_the_fix() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "eligible_cost = 300_000_000",
            "eligible_cost = 300,000,000",
            "数の区切りにカンマ（300,000,000）は使えません。3 桁ごとの区切りは _ です（ヒント: eligible_cost = 300_000_000 と書いてください",
        ),
        (
            "eligible_cost = 300_000_000",
            "eligible_cost = ３００",
            "全角の数字や記号（３００）は使えません。半角で書いてください（ヒント: eligible_cost = 300 と書いてください",
        ),
        (
            "eligible_cost = 300_000_000",
            "eligible_cost ＝ 300000000",
            "全角の「＝」は使えません。半角の = で書いてください（ヒント: eligible_cost = 300000000 と書いてください",
        ),
        (
            "name = \"株式会社テックシード\"",
            "name = “株式会社テックシード”",
            "全角の引用符は使えません。文字列は半角の \" で囲んでください（ヒント: name = \"株式会社テックシード\" と書いてください",
        ),
        (
            "eligible_cost = 300_000_000",
            "eligible_cost = \"300,000,000\"",
            "investment_report.eligible_cost: 数が引用符で囲まれています（\"300,000,000\"）（ヒント: 引用符を外して 300_000_000 と書いてください）",
        ),
    ];
    for (from, to, expected) in cases {
        let lines = said(&[(from, to)]);
        assert!(
            lines.iter().any(|l| l.contains(expected)),
            "{to}: {lines:#?}"
        );
        // Japanese leads; the parser's own words may only follow.
        assert!(
            lines.iter().all(|l| !l.contains(": エラー: expected")),
            "{lines:#?}"
        );
    }
}

#[test]
fn past_fifty_problems_a_note_says_how_many_more() {
    let many: String = (0..60).map(|i| format!("typo_{i} = 1\n")).collect();
    let lines = said(&[("[pledge]\n", &format!("[pledge]\n{many}"))]);
    assert_eq!(lines.len(), 51, "{lines:#?}");
    assert!(lines[..50].iter().all(|l| l.contains("不明なキー `typo_")));
    assert_eq!(
        lines[50],
        "a.toml: 情報: ほかに 10 件の誤りがあります（最初の 50 件を表示しました）"
    );
}

#[test]
fn a_half_edited_placeholder_never_loads() {
    let cases: &[(&str, &str)] = &[
        (
            "name = '\"株式会社テックシード\"'",
            "書き換えが途中です（値が引用符ごと文字列になっています）（ヒント: 外側の ' … ' を消して \"株式会社テックシード\" と書いてください）",
        ),
        (
            "name = '例: \"株式会社テックシード\"'",
            "書き換えが途中です（雛形の「【記入】」「例:」が残っています）",
        ),
        (
            "name = '株式会社\\nテックシード'",
            "改行のつもりの \\n が文字のまま入っています",
        ),
    ];
    for (line, expected) in cases {
        let lines = said(&[("name = \"株式会社テックシード\"", line)]);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("applicant.name") && l.contains(expected)),
            "{line}: {lines:#?}"
        );
    }
}
