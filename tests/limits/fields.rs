//! The length limits of src/limits.rs are the forms' real capacity: every text field filled to
//! its limit still prints each fixed-layout form on its one page, and one character more is an
//! error that names the field and its limit (never a spilled or clipped page).

use super::common::*;
use yoshiki::keypath::KeyPath;

/// Keys whose values are codes or checked formats: they keep the fixture's value.
const CODES: &[&str] = &[
    "program",
    "phase",
    "investor_kind",
    "category",
    "quantity",
    "email",
    "contact_email",
    "postal_code",
];

/// Wide text with kanji, kana and a few Latin letters: as wide as real names and addresses get.
const FILL: &str = "静岡県浜松市中区元城町一〇三番地の二株式会社ヤマトテクノロジーズ研究開発本部";

fn text_of(length: usize) -> String {
    FILL.chars().cycle().take(length).collect()
}

/// Sets every free-text value of the table to its field's limit (plus `extra` characters).
fn fill_to_limits(table: &mut toml::Table, path: &str, extra: usize) {
    for (key, value) in table.iter_mut() {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        fill_value(value, key, &path, extra);
    }
}

fn fill_value(value: &mut toml::Value, key: &str, path: &str, extra: usize) {
    match value {
        toml::Value::String(s) if !CODES.contains(&key) => {
            let max = yoshiki::limits::max_chars(&KeyPath::parse(path))
                .unwrap_or_else(|| panic!("{path} has no limit"));
            *s = text_of(max + extra);
        }
        toml::Value::Table(t) => fill_to_limits(t, path, extra),
        toml::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| fill_value(v, key, path, extra)),
        _ => {}
    }
}

/// The complete fixture, with the optional 誓約書 addressee present so that it is filled too.
fn complete_fixture() -> toml::Table {
    let mut data: toml::Table =
        toml::from_str(&std::fs::read_to_string(fixture("complete.toml")).unwrap()).unwrap();
    let pledge = data
        .get_mut("pledge")
        .and_then(toml::Value::as_table_mut)
        .unwrap();
    pledge.insert("addressee".to_owned(), "静岡県知事 様".into());
    data
}

fn render(dir: &std::path::Path, data: &toml::Table) -> (std::process::Output, tempfile::TempDir) {
    let file = dir.join("applicant.toml");
    std::fs::write(&file, toml::to_string(data).unwrap()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    (result, out)
}

#[test]
fn every_field_at_its_limit_still_fits_each_fixed_form_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = complete_fixture();
    fill_to_limits(&mut data, "", 0);
    let (result, out) = render(dir.path(), &data);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files.len(), 4, "{files:?}");
    for file in files {
        let pages = lopdf::Document::load(out.path().join(&file))
            .unwrap()
            .get_pages()
            .len();
        if file.contains("関心表明書") {
            // Free text grows pages: 8,000 characters of 事業連携の内容 take several.
            assert!(pages >= 3, "{file}: {pages} pages");
        } else {
            assert_eq!(pages, 1, "{file}");
        }
        // The longest values are printed whole, not cut: the applicant name at its limit.
        let text = pdf_text_compact(&out.path().join(&file));
        if !file.contains("収支予算書") {
            assert!(
                text.contains(&text_of(50)),
                "{file}: the 50-character name is not whole"
            );
        }
    }
}

#[test]
fn one_character_over_the_limit_is_an_error_naming_field_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = complete_fixture();
    let applicant = data
        .get_mut("applicant")
        .and_then(toml::Value::as_table_mut)
        .unwrap();
    applicant.insert("name".to_owned(), text_of(200).into());
    let (result, out) = render(dir.path(), &data);
    assert_eq!(result.status.code(), Some(1));
    let message = stderr(&result);
    assert!(
        message.contains("applicant.name: 長すぎます（200 文字）。この欄は 50 文字までです"),
        "{message}"
    );
    assert!(files_in(out.path()).is_empty());

    let mut data = complete_fixture();
    fill_to_limits(&mut data, "", 1);
    let (result, out) = render(dir.path(), &data);
    assert_eq!(result.status.code(), Some(1));
    let message = stderr(&result);
    for field in [
        "applicant.address: 長すぎます（61 文字）。この欄は 60 文字までです",
        "investment_report.investments[0].investor: 長すぎます（51 文字）。この欄は 50 文字までです",
        "budget.expenses[0].items[1].unit: 長すぎます（7 文字）。この欄は 6 文字までです",
        "pledge.addressee: 長すぎます（41 文字）。この欄は 40 文字までです",
    ] {
        assert!(message.contains(field), "missing {field:?} in\n{message}");
    }
    assert!(files_in(out.path()).is_empty());
}

/// The complete fixture with `count` items in 原材料費, the income balanced to match.
fn budget_with_items(
    count: usize,
    name: &str,
    unit_price: i64,
    quantity: &str,
    unit: &str,
) -> toml::Table {
    let mut data = complete_fixture();
    let budget = data
        .get_mut("budget")
        .and_then(toml::Value::as_table_mut)
        .unwrap();
    let expenses = budget
        .get_mut("expenses")
        .and_then(toml::Value::as_array_mut)
        .unwrap();
    let materials = expenses[0].as_table_mut().unwrap();
    let item: toml::Table = toml::from_str(&format!(
        "name = \"{name}\"\nunit_price = {unit_price}\nquantity = \"{quantity}\"\nunit = \"{unit}\""
    ))
    .unwrap();
    materials.insert(
        "items".to_owned(),
        vec![toml::Value::Table(item); count].into(),
    );
    // The fixture's other expenses come to 3,300,000; its subsidy of 4,000,000 is cut to
    // 3,000,000 so that own funds make up the rest.
    let item_amount: i64 = match quantity {
        "1234.5" => unit_price * 12345 / 10,
        q => unit_price * q.parse::<i64>().unwrap(),
    };
    let income = budget
        .get_mut("income")
        .and_then(toml::Value::as_table_mut)
        .unwrap();
    income["subsidy"]
        .as_table_mut()
        .unwrap()
        .insert("amount".to_owned(), 3_000_000.into());
    income["own_funds"].as_table_mut().unwrap().insert(
        "amount".to_owned(),
        (300_000 + item_amount * count as i64).into(),
    );
    data
}

#[test]
fn a_budget_within_its_line_limit_fits_one_page() {
    let dir = tempfile::tempdir().unwrap();
    // Five items of the widest kind (two lines each in 積算内訳), and ten ordinary ones.
    for data in [
        budget_with_items(5, &text_of(24), 999_999, "1234.5", "人月人月人月"),
        budget_with_items(10, "センサー部品と筐体材料", 12_000, "50", "個"),
    ] {
        let (result, out) = render(dir.path(), &data);
        assert!(result.status.success(), "{}", stderr(&result));
        let budget = files_in(out.path())
            .into_iter()
            .find(|f| f.contains("収支予算書"))
            .unwrap();
        let pages = lopdf::Document::load(out.path().join(&budget))
            .unwrap()
            .get_pages()
            .len();
        assert_eq!(pages, 1);
    }
}

#[test]
fn a_budget_with_40_item_lines_is_refused_with_its_line_limit() {
    let dir = tempfile::tempdir().unwrap();
    let data = budget_with_items(40, "センサー部品", 12_000, "50", "個");
    let (result, out) = render(dir.path(), &data);
    assert_eq!(result.status.code(), Some(1));
    let message = stderr(&result);
    assert!(
        message.contains("budget.expenses: 収支予算書の表が 1 ページに収まりません（推定 55 行）。収入・支出の表は合わせて 25 行までです"),
        "{message}"
    );
    assert!(files_in(out.path()).is_empty());
}
