//! `init --sheet`: the starter workbook, filled in, is the fixtures' applicant.

use std::path::Path;

use super::common::*;
use super::*;

/// `init --sheet` for `forms`, its example rows given the id `example`, and batched.
fn starter_batch(dir: &Path, forms: &[&str]) -> std::path::PathBuf {
    let starter = dir.join("starter.xlsx");
    let mut args = vec!["init", "--sheet", starter.to_str().unwrap()];
    for form in forms {
        args.extend(["--form", form]);
    }
    assert!(run(&args).status.success());
    let filled = dir.join("filled.xlsx");
    refill(
        &starter,
        &filled,
        &[(yoshiki::sheets::EXAMPLE_ID, "example")],
    );
    let out = dir.join("out");
    let result = run(&[
        "batch",
        filled.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    out.join("example")
}

#[test]
fn the_starter_workbook_filled_in_gives_the_fixtures_pdfs_byte_for_byte() {
    let groups: [(&str, &[&str]); 2] = [
        (
            "complete.toml",
            &["investment-report", "letter-of-intent", "budget", "pledge"],
        ),
        (
            "shizuoka-package.toml",
            &[
                "application",
                "applicant-overview",
                "business-plan",
                "question",
            ],
        ),
    ];
    for (fixture_name, forms) in groups {
        let dir = tempfile::tempdir().unwrap();
        let folder = starter_batch(dir.path(), forms);
        let bytes = std::fs::read(fixture(fixture_name)).unwrap();
        let expected = run_bytes(&fixture(fixture_name), &bytes, forms);
        assert!(!expected.has_errors(), "{}", messages(&expected));
        let written: Vec<String> = files_in(&folder)
            .into_iter()
            .filter(|f| f.ends_with(".pdf"))
            .collect();
        let names: Vec<String> = expected.files.iter().map(|f| f.name.clone()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(written, sorted, "{fixture_name}");
        for file in &expected.files {
            let got = std::fs::read(folder.join(&file.name)).unwrap();
            assert!(got == file.bytes, "{fixture_name}: {} differs", file.name);
        }
    }
}

#[test]
fn every_forms_starter_workbook_holds_the_toml_starters_example() {
    let dir = tempfile::tempdir().unwrap();
    for form in yoshiki::forms::FORMS {
        let starter = dir.path().join(format!("{}.xlsx", form.name));
        std::fs::write(&starter, yoshiki::sheets::starter(&[form]).unwrap()).unwrap();
        let filled = dir.path().join(format!("{}-filled.xlsx", form.name));
        refill(
            &starter,
            &filled,
            &[(yoshiki::sheets::EXAMPLE_ID, "example")],
        );
        let applicants = yoshiki::sheets::read(&filled).unwrap();
        assert_eq!(applicants.len(), 1, "{}", form.name);
        let applicant = &applicants[0];
        assert!(
            applicant.problems.is_empty(),
            "{}: {:?}",
            form.name,
            applicant.problems
        );
        let from_sheet: toml::Table = toml::from_str(&applicant.toml).unwrap();
        let toml =
            yoshiki::starter::fill_examples(&yoshiki::starter::starter(&[form], None, false));
        let from_toml: toml::Table = toml::from_str(&toml).unwrap();
        assert_eq!(from_sheet, from_toml, "{}:\n{}", form.name, applicant.toml);
    }
}

#[test]
fn the_same_forms_give_the_same_starter_workbook() {
    let form = yoshiki::forms::find("budget").unwrap();
    let first = yoshiki::sheets::starter(&[form]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(
        first == yoshiki::sheets::starter(&[form]).unwrap(),
        "no timestamp"
    );
}
