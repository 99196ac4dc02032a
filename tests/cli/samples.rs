//! Each template's sample data (templates/samples/NAME.json, for designing a template with the
//! plain Typst CLI) is exactly what yoshiki gives that template for its form's example fixture
//! (the form's descriptor names it), so a sample can never drift from the real data.
//! `YOSHIKI_BLESS=1 cargo test --test cli samples` rewrites them after a deliberate change.

use super::common::*;

#[test]
fn samples_are_the_data_templates_receive() {
    let bless = std::env::var_os("YOSHIKI_BLESS").is_some();
    for form in yoshiki::forms::FORMS {
        let file = fixture(form.example.path);
        let bytes = std::fs::read(&file).unwrap();
        let prepared = yoshiki::prepare(context(), &file, &bytes, &[]).expect("fixture loads");
        assert!(
            !prepared.has_errors(),
            "{}: {:?}",
            form.example.path,
            prepared.diagnostics
        );
        let document = prepared
            .documents
            .iter()
            .find(|d| d.form == *form)
            .unwrap_or_else(|| panic!("{} prints no {}", form.example.path, form.name));
        let path = root()
            .join("templates/samples")
            .join(format!("{}.json", form.name));
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
