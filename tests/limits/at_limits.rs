//! `fixtures/at-limits.toml`: one applicant with every form and every text field of the format
//! at its length limit (src/limits.rs), made from the example fixtures. The reference-image
//! test (tests/pages.rs) pins its pages, so that what the fixed-layout forms print at their
//! limits is looked at, not only counted. The file is generated here; after a change to a limit
//! or to an example fixture:
//!
//! ```sh
//! YOSHIKI_BLESS=1 cargo test --test limits at_limits
//! ```

use super::common::*;
use yoshiki::keypath::KeyPath;

const FILE: &str = "at-limits.toml";

/// Wide text with kanji, kana and a few Latin letters, as wide as real names and addresses get.
const FILL: &str = "静岡県浜松市中区元城町一〇三番地の二株式会社ヤマトテクノロジーズ研究開発本部";

/// Values that are codes (a 区分 of the budget, a 郵便番号 NNN-NNNN, a call's id): they keep the
/// fixture's.
const CODES: &[&str] = &["category", "postal_code", "call"];

/// Fields that name files, not text any form prints (an attachment's document and path).
const NOT_PRINTED: &str = "attachments.";

/// Free text of at least this many characters is written in paragraphs, as applicants write it.
const PROSE: usize = 400;

/// Exactly `length` characters: one run of `FILL`, or, for long free text, paragraphs of a few
/// sentences separated by blank lines (the blank lines count, as they do against the limit).
fn text_of(length: usize) -> String {
    let mut text: String = FILL.chars().cycle().take(length).collect();
    if length >= PROSE {
        let mut chars: Vec<char> = text.chars().collect();
        // A sentence every 60 characters, a paragraph every 180.
        for i in (59..length - 1).step_by(60) {
            chars[i] = '。';
            if (i + 1) % 180 == 0 && i + 2 < length - 1 {
                chars[i + 1] = '\n';
                chars[i + 2] = '\n';
            }
        }
        chars[length - 1] = '。';
        text = chars.into_iter().collect();
    }
    text
}

/// An address of exactly `length` characters that the e-mail check accepts.
fn email_of(length: usize) -> String {
    let domain = "@example.jp";
    format!("{}{domain}", "w".repeat(length - domain.len()))
}

/// Sets every text value that has a limit to exactly its limit.
fn fill(value: &mut toml::Value, key: &str, path: &str) {
    match value {
        toml::Value::String(s) => {
            if let Some(max) = yoshiki::limits::max_chars(&KeyPath::parse(path)) {
                *s = if key.ends_with("email") {
                    email_of(max)
                } else if CODES.contains(&key) {
                    s.clone()
                } else {
                    text_of(max)
                };
            }
        }
        toml::Value::Table(table) => {
            for (k, v) in table.iter_mut() {
                let path = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                fill(v, k, &path);
            }
        }
        toml::Value::Array(items) => items.iter_mut().for_each(|v| fill(v, key, path)),
        _ => {}
    }
}

fn read(name: &str) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

fn table(value: &mut toml::Value) -> &mut toml::Table {
    value.as_table_mut().unwrap()
}

/// Every section, from the example fixtures, with the optional text fields they leave out.
fn every_section() -> toml::Table {
    let shizuoka = read("shizuoka-package.toml");
    let nedo = read("nedo-supporting.toml");
    let complete = read("complete.toml");
    let mut data = toml::Table::new();
    // The 静岡県 applicant: the 申込者の概要 needs its フリガナ and 郵便番号.
    data.insert("applicant".into(), shizuoka["applicant"].clone());
    data.insert("shizuoka".into(), shizuoka["shizuoka"].clone());
    for (section, from) in [
        ("investment_report", &nedo),
        ("letters_of_intent", &complete),
        ("budget", &shizuoka),
        ("pledge", &shizuoka),
        ("commercialization_report", &nedo),
        ("investment_intents", &nedo),
        ("gx_declaration", &nedo),
        ("support_plans", &nedo),
        ("application", &shizuoka),
        ("applicant_overview", &shizuoka),
        ("business_plan", &shizuoka),
        ("question", &shizuoka),
    ] {
        data.insert(section.into(), from[section].clone());
    }
    let text = || toml::Value::from("");
    table(&mut data["pledge"]).insert("addressee".into(), text());
    table(&mut data["application"]).insert("addressee".into(), text());
    let income = table(&mut data["budget"]["income"]);
    for line in ["subsidy", "own_funds", "other"] {
        let line = table(&mut income[line]);
        line.insert("breakdown".into(), text());
        line.insert("note".into(), text());
    }
    // The 収支予算書 holds 25 printed lines (src/forms/budget.rs): with every income cell at its
    // limit (three lines a row), one row of one item (two lines) and 旅費 with its 積算内訳 and
    // 備考 (three) it is full. The one item costs what the fixture's four did, so that the
    // totals still agree with the 申込書.
    let expenses = data["budget"]["expenses"].as_array_mut().unwrap();
    let travel = expenses[3].clone();
    expenses.truncate(1);
    let items = expenses[0]["items"].as_array_mut().unwrap();
    items.truncate(1);
    let item = table(&mut items[0]);
    item.insert("unit_price".into(), 4_080_000.into());
    item.insert("quantity".into(), 1.into());
    expenses.push(travel);
    // The 年度別事業予算's 1年目 is this 収支予算書, 区分 by 区分: 原材料費 and 旅費 only.
    let rows = data["business_plan"]["yearly_budget"]["rows"]
        .as_array_mut()
        .unwrap();
    rows.retain(|row| ["原材料費", "旅費"].contains(&row["category"].as_str().unwrap_or_default()));
    table(&mut rows[0]).insert("first".into(), 4_080_000.into());
    for row in rows {
        table(row).insert("note".into(), text());
    }
    data
}

fn generated() -> String {
    let mut data = toml::Value::Table(every_section());
    fill(&mut data, "", "");
    format!(
        "#:schema ./yoshiki.schema.json\n\
         # Every form, every text field at its length limit (src/limits.rs). Generated by\n\
         # tests/limits/at_limits.rs from the example fixtures; do not edit. To regenerate:\n\
         #   YOSHIKI_BLESS=1 cargo test --test limits at_limits\n\n{}",
        toml::to_string_pretty(&data).unwrap()
    )
}

#[test]
fn the_at_limits_fixture_is_generated_from_the_limits() {
    let path = fixture(FILE);
    let text = generated();
    if std::env::var_os("YOSHIKI_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "fixtures/{FILE} is not what the limits give; YOSHIKI_BLESS=1 cargo test --test limits at_limits"
    );
}

/// Every text field of the format (every limit) is in the fixture, at its limit.
#[test]
fn the_at_limits_fixture_has_every_text_field_at_its_limit() {
    fn walk(value: &toml::Value, path: &str, seen: &mut Vec<(String, usize)>) {
        match value {
            toml::Value::String(s) => seen.push((path.to_owned(), s.chars().count())),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| {
                let path = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(v, &path, seen);
            }),
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, path, seen)),
            _ => {}
        }
    }
    let data: toml::Value =
        toml::from_str(&std::fs::read_to_string(fixture(FILE)).unwrap()).unwrap();
    let mut seen = Vec::new();
    walk(&data, "", &mut seen);
    for (field, max) in yoshiki::limits::all() {
        if field.starts_with(NOT_PRINTED) {
            continue;
        }
        let lengths: Vec<usize> = seen
            .iter()
            .filter(|(path, _)| *path == field)
            .map(|(_, n)| *n)
            .collect();
        assert!(!lengths.is_empty(), "{field} is not in fixtures/{FILE}");
        // A code keeps its value; every other value is exactly at its limit.
        if !CODES.iter().any(|code| field.ends_with(code)) {
            assert!(
                lengths.iter().all(|n| *n == max),
                "{field}: {lengths:?}, limit {max}"
            );
        }
    }
}

/// At its limits the applicant checks clean (no error, no warning), every form is made, and
/// the whole render path succeeds: a fixed-layout form spilled onto a second page is an error.
#[test]
fn the_at_limits_fixture_checks_clean_and_makes_every_form() {
    let path = fixture(FILE);
    let bytes = std::fs::read(&path).unwrap();
    let prepared = yoshiki::prepare(context(), &path, &bytes, &[]).expect("it loads");
    let problems: Vec<String> = prepared
        .diagnostics
        .iter()
        .filter(|d| d.severity != yoshiki::diag::Severity::Note)
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for form in yoshiki::forms::FORMS {
        assert!(
            prepared.documents.iter().any(|d| d.form.name == form.name),
            "{} is not made",
            form.name
        );
    }
    let outcome = run_bytes(&path, &bytes, &[]);
    assert!(!outcome.has_errors(), "{}", messages(&outcome));
    assert_eq!(outcome.files.len(), prepared.documents.len());
}
