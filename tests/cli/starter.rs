//! `yoshiki schema` and `yoshiki init`: the schema accepts every valid fixture and refuses an
//! unknown key; a starter file lists every placeholder left, and with its examples filled in it
//! checks clean, for every form.

use super::common::*;

/// TOML as an editor's language server presents it to a JSON Schema: dates become strings.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect(),
    }
}

fn schema() -> serde_json::Value {
    let result = yoshiki(&["schema"]);
    assert!(result.status.success());
    serde_json::from_str(&stdout(&result)).expect("the schema is JSON")
}

fn as_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    toml_to_json(toml::Value::Table(toml::from_str(&text).unwrap()))
}

#[test]
fn the_schema_accepts_every_valid_fixture_and_refuses_an_unknown_key() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let errors: Vec<String> = validator
                .iter_errors(&as_json(&path))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} fixtures");

    let mut typo = as_json(&fixture("complete.toml"));
    typo["applicant"]["representativ_title"] = "代表取締役".into();
    assert!(!validator.is_valid(&typo), "an unknown key must be refused");
    let mut wrong = as_json(&fixture("complete.toml"));
    wrong["investment_report"]["eligible_cost"] = "3億円".into();
    assert!(
        !validator.is_valid(&wrong),
        "an amount as text must be refused"
    );
    let mut kind = as_json(&fixture("complete.toml"));
    kind["investment_report"]["investments"][0]["investor_kind"] = "angel".into();
    assert!(
        !validator.is_valid(&kind),
        "an unknown investor kind must be refused"
    );
}

fn init(forms: &[&str]) -> String {
    let mut args = vec!["init"];
    for form in forms {
        args.extend(["--form", form]);
    }
    let result = yoshiki(&args);
    assert!(result.status.success(), "{}", stderr(&result));
    stdout(&result)
}

#[test]
fn a_starter_lists_every_placeholder_left_then_checks_clean_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let forms: Vec<&str> = yoshiki::forms::FORMS.iter().map(|f| f.name).collect();
    for form in forms.iter().map(|f| vec![*f]).chain([vec![]]) {
        let starter = init(&form);
        assert!(starter.starts_with("#:schema ./yoshiki.schema.json\n"));
        let file = dir.path().join("starter.toml");
        std::fs::write(&file, &starter).unwrap();

        // Unfilled: one error per placeholder, on its line.
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(1), "{form:?}");
        let message = stderr(&result);
        let placeholders: Vec<usize> = starter
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && l.contains("【記入】"))
            .map(|(i, _)| i + 1)
            .collect();
        assert!(!placeholders.is_empty());
        assert_eq!(
            message.matches("まだ記入されていません").count(),
            placeholders.len(),
            "{form:?}\n{message}"
        );
        for line in &placeholders {
            assert!(
                message.contains(&format!("starter.toml:{line}:")),
                "{form:?}: line {line}\n{message}"
            );
        }

        // Filled with the examples: loads and checks clean.
        std::fs::write(&file, yoshiki::starter::fill_examples(&starter)).unwrap();
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        assert!(
            result.status.success(),
            "{form:?}\n{}\n{}",
            stderr(&result),
            yoshiki::starter::fill_examples(&starter)
        );
    }
}

#[test]
fn init_never_overwrites_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("applicant.toml");
    std::fs::write(&file, "# mine").unwrap();
    let result = yoshiki(&["init", file.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# mine");
    assert!(
        yoshiki(&[
            "init",
            "--force",
            "--form",
            "pledge",
            file.to_str().unwrap()
        ])
        .status
        .success()
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("[pledge]"));
}

#[test]
fn init_by_program_writes_its_required_forms_and_attachments_then_checks_clean_once_filled() {
    // (profile, the sections it must write, the documents it must list to attach)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "shizuoka",
            &[
                "[application]",
                "[applicant_overview]",
                "[business_plan]",
                "[budget]",
                "[pledge]",
            ],
            &["pledge", "registry", "financial-statements"],
        ),
        (
            "nedo-dtsu-sts",
            &[
                "[[support_plans]]",
                "[investment_report]",
                "[investment_intents]",
            ],
            &["vc-information", "contracts"],
        ),
        // GX: the declaration; program and phase in [nedo], as no other section names them.
        ("nedo-gx-pca", &["[nedo]", "[gx_declaration]"], &[]),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (profile, sections, documents) in cases {
        let result = yoshiki(&["init", "--program", profile]);
        assert!(result.status.success(), "{}", stderr(&result));
        let starter = stdout(&result);
        for section in *sections {
            assert!(
                starter.lines().any(|l| l == *section),
                "{profile}: no {section}\n{starter}"
            );
        }
        for document in *documents {
            assert!(
                starter.contains(&format!("[[attachments]]\ndocument = \"{document}\"\n")),
                "{profile}: no attachment {document}\n{starter}"
            );
        }
        // The program and phase are written, not left to fill in.
        if profile.starts_with("nedo-") {
            let code = profile.split('-').nth(1).unwrap().to_uppercase();
            assert!(
                starter.contains(&format!("program = \"{code}\"\n")),
                "{starter}"
            );
        }
        let file = dir.path().join(format!("{profile}.toml"));
        std::fs::write(&file, &starter).unwrap();
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(1), "{profile}");
        assert!(stderr(&result).contains("まだ記入されていません"));

        // Filled in, with the files it names beside it: checks clean, nothing missing.
        let filled = yoshiki::starter::fill_examples(&starter);
        for document in *documents {
            std::fs::copy(
                fixture("packet/決算書.png"),
                dir.path().join(format!("{document}.pdf")),
            )
            .unwrap();
        }
        std::fs::write(&file, &filled).unwrap();
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        let out = stdout(&result);
        assert!(
            result.status.success(),
            "{profile}\n{}\n{filled}",
            stderr(&result)
        );
        assert!(!out.contains("［不足］"), "{profile}\n{out}");
    }
    let unknown = yoshiki(&["init", "--program", "nedo"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("選べる値: shizuoka、nedo-dtsu-sts"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_minimal_starter_has_fewer_keys_and_checks_clean_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let forms: Vec<&str> = yoshiki::forms::FORMS.iter().map(|f| f.name).collect();
    for form in forms.iter().map(|f| vec![*f]).chain([vec![]]) {
        let mut args = vec!["init", "--minimal"];
        for name in &form {
            args.extend(["--form", name]);
        }
        let result = yoshiki(&args);
        assert!(result.status.success(), "{}", stderr(&result));
        let minimal = stdout(&result);
        let full = init(&form);
        let keys = |text: &str| text.lines().filter(|l| l.contains(" = ")).count();
        assert!(keys(&minimal) <= keys(&full), "{form:?}");
        assert!(
            !minimal.contains("（省略可）\n# "),
            "{form:?}: commented keys"
        );
        let file = dir.path().join("minimal.toml");
        std::fs::write(&file, yoshiki::starter::fill_examples(&minimal)).unwrap();
        let result = yoshiki(&["check", file.to_str().unwrap()]);
        assert!(result.status.success(), "{form:?}\n{}", stderr(&result));
    }
    // All forms: a fifth shorter at least.
    let all_minimal = stdout(&yoshiki(&["init", "--minimal"])).lines().count();
    let all = init(&[]).lines().count();
    assert!(all_minimal * 5 <= all * 4, "{all_minimal} of {all} lines");
}
