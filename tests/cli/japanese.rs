//! The command line speaks Japanese: every help page, every mistake on the command line, the
//! shell completions; and the schema editors read.

use super::common::*;

/// Every command path, from the top-level help's list (and `report merge`).
fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec![],
        vec!["init"],
        vec!["check"],
        vec!["render"],
        vec!["watch"],
        vec!["batch"],
        vec!["import"],
        vec!["report"],
        vec!["report", "merge"],
        vec!["forms"],
        vec!["programs"],
        vec!["schema"],
        vec!["completions"],
        vec!["export"],
    ]
}

/// The words a help page may hold in Latin letters besides option names, commands and values:
/// names of formats, standards, programs and tools.
const PROPER: &[&str] = &[
    "PDF", "PNG", "TOML", "JSON", "Schema", "Unicode", "UA-1", "A-2b", "A-2u", "A-3b", "CPU",
    "Ctrl-C", "xlsx", "ods", "csv", "typ", "id", "ppi", "yoshiki", "source", "bash", "I", "N",
];

#[test]
fn every_help_page_is_japanese_but_for_option_names_and_values() {
    let top = stdout(&yoshiki(&["--help"]));
    for words in commands() {
        let mut args = words.clone();
        args.push("--help");
        let result = yoshiki(&args);
        assert!(result.status.success(), "{words:?}");
        let help = stdout(&result);
        assert!(help.contains("使い方: yoshiki"), "{words:?}\n{help}");
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Arguments",
            "Print",
            "default",
            "possible",
        ] {
            assert!(!help.contains(english), "{words:?}: {english}\n{help}");
        }
        for word in latin_words(&help) {
            let command = format!("  {word} ");
            let known = PROPER.contains(&word.as_str())
                || top.contains(&command)
                || help.contains(&command);
            assert!(known, "{words:?}: English word {word:?} in\n{help}");
        }
    }
}

/// The Latin-letter words of a help page that are not an option name (`--out`, `-o`), a file
/// name (`nedo.toml`), a TOML table (`[[attachments]]`), a command in backquotes or a value in a list of values
/// (`選べる値: pdf（PDF）、png`).
fn latin_words(help: &str) -> Vec<String> {
    let separators = |c: char| c.is_whitespace() || "（）()、。:：<>[]「」`,".contains(c);
    let mut words = Vec::new();
    // The usage line holds the command's own path and placeholders.
    for line in help.lines().filter(|l| !l.starts_with("使い方:")) {
        let prose = line.split("選べる値: ").next().unwrap_or_default();
        // A TOML table named in the prose (`[[attachments]]`) is a key, and a command in
        // backquotes (`yoshiki export templates`) is code, not words.
        let prose: String = prose
            .split("[[")
            .map(|part| part.split_once("]]").map_or(part, |(_, after)| after))
            .collect();
        let prose: String = prose.split('`').step_by(2).collect();
        // A default (`（省略時: pdf）`) is a value.
        let prose: String = prose
            .split("省略時: ")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once('）').map_or("", |(_, after)| after)
                }
            })
            .collect();
        for token in prose.split(separators) {
            let is_option = token.starts_with('-');
            let is_file = [".toml", ".json", ".csv", ".typ", ".xlsx", "*."]
                .iter()
                .any(|ext| token.contains(ext));
            let latin: String = token
                .chars()
                .skip_while(|c| !c.is_ascii_alphabetic())
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !is_option && !is_file && !latin.is_empty() {
                words.push(latin);
            }
        }
    }
    words
}

#[test]
fn command_line_mistakes_are_said_in_japanese_with_the_usage() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["rendr"],
            "コマンド rendr はありません（もしかして: report、render）",
        ),
        (
            &["render", "--packt", "a.toml"],
            "オプション --packt はありません（もしかして: --packet）",
        ),
        (&["render"], "<申請者ファイル> を指定してください"),
        // No "did you mean ua-1": that is another standard.
        (
            &["render", "a.toml", "--pdf-standard", "a-1b"],
            "--pdf-standard <規格> に \"a-1b\" は使えません。選べる値: a-2b、a-2u、a-3b、ua-1",
        ),
        (
            &["render", "a.toml", "--ppi", "3"],
            "18 から 1200 までの数を指定してください",
        ),
        (
            &["init", "--sheet", "a.xlsx", "b.toml"],
            "は一緒に使えません",
        ),
    ];
    for (args, expected) in cases {
        let result = yoshiki(args);
        assert_eq!(result.status.code(), Some(2), "{args:?}");
        let err = stderr(&result);
        assert!(err.contains(expected), "{args:?}\n{err}");
        assert!(err.contains("--help"), "{args:?}\n{err}");
        for english in ["error:", "tip:", "Usage", "For more information", "found"] {
            assert!(!err.contains(english), "{args:?}: {english}\n{err}");
        }
    }
    // A file that is not there is said in Japanese too.
    let result = yoshiki(&["check", "no-such-file.toml"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("見つかりません"),
        "{}",
        stderr(&result)
    );
    assert!(!stderr(&result).contains("os error"), "{}", stderr(&result));
}

#[test]
fn output_into_a_pipe_closed_early_is_no_crash() {
    // `yoshiki completions bash | head -1`, `yoshiki --help | head`: the reader is gone before
    // yoshiki writes (its end is closed right after the start); that used to panic (exit 101).
    for args in [
        &["completions", "bash"][..],
        &["--help"],
        &["render", "--help"],
        &["schema"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn bash_completions_load_in_bash_and_complete_commands_and_options() {
    let script = stdout(&yoshiki(&["completions", "bash"]));
    assert!(script.contains("_yoshiki"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yoshiki.bash");
    std::fs::write(&file, &script).unwrap();
    // Load the script, then ask it to complete `yoshiki ren` and `yoshiki render --pa`.
    let probe = format!(
        "source '{}'\n\
         COMP_WORDS=(yoshiki ren); COMP_CWORD=1; COMP_LINE='yoshiki ren'; COMP_POINT=11\n\
         _yoshiki yoshiki ren yoshiki; echo \"1:${{COMPREPLY[*]}}\"\n\
         COMP_WORDS=(yoshiki render --pa); COMP_CWORD=2; COMP_LINE='yoshiki render --pa'; COMP_POINT=19\n\
         _yoshiki yoshiki --pa render; echo \"2:${{COMPREPLY[*]}}\"\n",
        file.display()
    );
    let result = std::process::Command::new("bash")
        .args(["--norc", "-c", &probe])
        .output()
        .expect("bash runs");
    let out = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(out.contains("1:render"), "{out}");
    assert!(out.contains("2:--packet"), "{out}");
    for shell in ["zsh", "fish", "powershell"] {
        let result = yoshiki(&["completions", shell]);
        assert!(
            result.status.success() && !result.stdout.is_empty(),
            "{shell}"
        );
    }
}

/// Every place in a JSON value, with the path to it.
fn walk<'a>(
    value: &'a serde_json::Value,
    path: String,
    found: &mut Vec<(String, &'a serde_json::Value)>,
) {
    found.push((path.clone(), value));
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                walk(v, format!("{path}/{k}"), found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_has_no_null_branch_and_carries_the_field_limits() {
    let schema = yoshiki::schema();
    let mut places = Vec::new();
    walk(&schema, String::new(), &mut places);
    for (path, value) in &places {
        assert_ne!(
            value.get("type").and_then(|t| t.as_str()),
            Some("null"),
            "{path}"
        );
        if let Some(types) = value.get("type").and_then(|t| t.as_array()) {
            assert!(!types.iter().any(|t| t == "null"), "{path}");
        }
    }
    // Sections are plain $refs, so an editor reports a typo on its key.
    assert!(schema["properties"]["budget"].get("anyOf").is_none());
    assert!(schema["properties"]["budget"].get("$ref").is_some());
    let limited = places
        .iter()
        .filter(|(_, v)| v.get("maxLength").is_some())
        .count();
    assert!(limited > 50, "{limited} fields with maxLength");
    let name = &schema["$defs"]["Applicant"]["properties"]["name"];
    assert_eq!(name["maxLength"], 50);
    // Each choice's value carries its meaning.
    let kind = places
        .iter()
        .find(|(p, _)| p.ends_with("/InvestorKind"))
        .map(|(_, v)| *v)
        .expect("InvestorKind");
    let first = &kind["oneOf"][0];
    assert!(first.get("description").is_some(), "{kind}");
}

#[test]
fn each_fixture_points_at_the_schema_and_write_puts_it_there() {
    let committed = std::fs::read_to_string(fixture("yoshiki.schema.json")).unwrap();
    let now = serde_json::to_string_pretty(&yoshiki::schema()).unwrap() + "\n";
    assert!(
        committed == now,
        "fixtures/yoshiki.schema.json is stale: yoshiki schema --write fixtures"
    );
    for dir in ["", "invalid", "packet"] {
        for name in files_in(&fixture(dir)) {
            if !name.ends_with(".toml") {
                continue;
            }
            let text = std::fs::read_to_string(fixture(dir).join(&name)).unwrap();
            let expected = if dir.is_empty() { "./" } else { "../" };
            assert!(
                text.starts_with(&format!("#:schema {expected}yoshiki.schema.json\n")),
                "{dir}/{name}"
            );
        }
    }
    // --write: to where the directives point, once per target.
    let dir = tempfile::tempdir().unwrap();
    let company = dir.path().join("会社A");
    std::fs::create_dir(&company).unwrap();
    std::fs::copy(fixture("complete.toml"), company.join("a.toml")).unwrap();
    std::fs::copy(fixture("sts-two-investors.toml"), company.join("b.toml")).unwrap();
    let result = yoshiki(&["schema", "--write", dir.path().to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(stdout(&result).lines().count(), 1, "{}", stdout(&result));
    assert_eq!(
        std::fs::read_to_string(company.join("yoshiki.schema.json")).unwrap(),
        now
    );
}
