//! Each template's sample data (templates/samples/NAME.json, for designing a template with the
//! plain Typst CLI) is exactly what yoshiki gives that template for the first fixture below that
//! has the form, so a sample can never drift from the real data. `YOSHIKI_BLESS=1 cargo test --test samples`
//! rewrites them after a deliberate change.

mod common;

use common::*;

/// The fixtures whose documents the samples come from: together they have every form. A form
/// in several fixtures takes its sample from the first.
const FIXTURES: &[&str] = &[
    "complete.toml",
    "nedo-supporting.toml",
    "shizuoka-package.toml",
];

#[test]
fn samples_are_the_data_templates_receive() {
    let bless = std::env::var_os("YOSHIKI_BLESS").is_some();
    let mut seen = Vec::new();
    for name in FIXTURES {
        check_samples(name, bless, &mut seen);
    }
    assert_eq!(
        seen.len(),
        yoshiki::forms::FORMS.len(),
        "the fixtures have every form between them"
    );
}

fn check_samples(name: &str, bless: bool, seen: &mut Vec<&'static str>) {
    let file = fixture(name);
    let bytes = std::fs::read(&file).unwrap();
    let context = yoshiki::Context::embedded();
    let prepared = yoshiki::prepare(&context, &file, &bytes, &[]).expect("fixture loads");
    assert!(!prepared.has_errors(), "{name}: {:?}", prepared.diagnostics);
    for document in &prepared.documents {
        if seen.contains(&document.form.name) {
            continue;
        }
        seen.push(document.form.name);
        let path = root()
            .join("templates/samples")
            .join(format!("{}.json", document.form.name));
        let text = serde_json::to_string_pretty(&document.data).unwrap() + "\n";
        if bless {
            std::fs::write(&path, &text).unwrap();
        }
        let sample = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            sample,
            text,
            "{} differs; rerun with YOSHIKI_BLESS=1 if intended",
            path.display()
        );
    }
}
