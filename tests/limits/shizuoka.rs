//! The fixed-layout 静岡県 forms added with the application package still fit one page when
//! every text field is at its length limit (src/limits.rs): a value within its limit must never
//! spill the form onto a second page.

use super::common::*;

/// Fields whose values are codes or machine-checked formats.
const FORMATTED: &[&str] = &["postal_code", "email", "category"];

/// Every free text of `sections` at its limit, in the widest characters the forms print.
fn fill(table: &mut toml::Table, path: &str, sections: &[&str]) {
    for (key, value) in table.iter_mut() {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if !sections
            .iter()
            .any(|s| path == *s || path.starts_with(&format!("{s}.")))
        {
            continue;
        }
        fill_value(value, key, &path, sections);
    }
}

fn fill_value(value: &mut toml::Value, key: &str, path: &str, sections: &[&str]) {
    match value {
        toml::Value::String(s) if !FORMATTED.contains(&key) => {
            let max = yoshiki::limits::max_chars(&yoshiki::keypath::KeyPath::parse(path))
                .unwrap_or_else(|| panic!("{path} has no limit"));
            *s = "漢".repeat(max);
        }
        toml::Value::String(s) if key == "email" => {
            let max = yoshiki::limits::max_chars(&yoshiki::keypath::KeyPath::parse(path))
                .unwrap_or_else(|| panic!("{path} has no limit"));
            *s = format!("{}@example.jp", "w".repeat(max - 11));
        }
        toml::Value::Table(t) => fill(t, path, sections),
        toml::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| fill_value(v, key, path, sections)),
        _ => {}
    }
}

fn renders_on_one_page_at_the_limits(form: &str, sections: &[&str], pdf: &str) {
    let text = std::fs::read_to_string(fixture("shizuoka-package.toml")).unwrap();
    let mut data: toml::Table = toml::from_str(&text).unwrap();
    fill(&mut data, "", sections);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("limits.toml");
    std::fs::write(&file, toml::to_string(&data).unwrap()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        form,
    ]);
    assert!(result.status.success(), "{form}: {}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with(pdf), "{files:?}");
    let pdf = lopdf::Document::load(out.path().join(&files[0])).unwrap();
    assert_eq!(pdf.get_pages().len(), 1, "{form}");
}

#[test]
fn application_fits_at_the_limits() {
    renders_on_one_page_at_the_limits("application", &["applicant", "application"], "_申込書.pdf");
}

#[test]
fn applicant_overview_fits_at_the_limits() {
    renders_on_one_page_at_the_limits(
        "applicant-overview",
        &["applicant", "applicant_overview"],
        "_申込者の概要.pdf",
    );
}

#[test]
fn question_fits_at_the_limits() {
    renders_on_one_page_at_the_limits("question", &["applicant", "question"], "_質問書.pdf");
}
