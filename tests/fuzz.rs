//! Crash-freedom: whatever bytes an applicant file holds, loading and checking return located
//! errors or a clean result, never a panic; a file that checks clean also typesets without one.
//! Bounded here (PROPTEST_CASES, default below); a long run:
//!   PROPTEST_CASES=20000 cargo test --release --test fuzz
//! Inputs that once broke something live in tests/fuzz-seeds/ and run on every test.

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;

/// Loads, checks and (when clean) typesets; any panic fails the calling test.
fn exercise(bytes: &[u8]) {
    let file = Path::new("fuzz.toml");
    let context = yoshiki::Context::embedded();
    let request = yoshiki::Request::pdfs(Vec::new());
    if let Ok(checked) = yoshiki::check_applicant(&context, file, bytes, &request)
        && !checked.prepared.has_errors()
    {
        let _ = yoshiki::render(&context, &checked.prepared, &checked.package, &PDF);
    }
}

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok());
    ProptestConfig {
        cases: cases.unwrap_or(default_cases),
        // Shrinking re-runs typesetting many times; a failure prints its input anyway.
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    }
}

/// A TOML value of any type, biased to the edges: extreme integers, control characters, emoji,
/// markup, huge and empty strings, impossible-looking dates.
fn any_value() -> impl Strategy<Value = toml::Value> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(toml::Value::from),
        prop_oneof![
            Just(0i64),
            Just(-1),
            Just(i64::MAX),
            Just(i64::MIN),
            Just(999),
            Just(1_000)
        ]
        .prop_map(toml::Value::from),
        any::<f64>().prop_map(toml::Value::from),
        any::<bool>().prop_map(toml::Value::from),
        any::<String>().prop_map(toml::Value::from),
        "[ -~\u{3000}-\u{30ff}\u{4e00}-\u{4e80}\u{0}-\u{1f}\u{1f600}#\\[\\]*$]{0,80}"
            .prop_map(toml::Value::from),
        Just(toml::Value::from("a".repeat(5_000))),
        (1u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("a TOML date", |(y, m, d)| {
            format!("{y:04}-{m:02}-{d:02}")
                .parse::<toml::value::Datetime>()
                .ok()
                .map(toml::Value::from)
        }),
        "-?[0-9]{0,6}(\\.[0-9]{0,4})?".prop_map(toml::Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(toml::Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| toml::Value::Table(m.into_iter().collect())),
        ]
    })
}

/// Every place in a table where a value sits (keys and array elements), depth first.
fn places(value: &toml::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        toml::Value::Table(table) => {
            for (key, child) in table {
                path.push(key.clone());
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        toml::Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(index.to_string());
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn slot<'a>(value: &'a mut toml::Value, path: &[String]) -> Option<&'a mut toml::Value> {
    path.iter().try_fold(value, |value, step| match value {
        toml::Value::Table(table) => table.get_mut(step),
        toml::Value::Array(items) => items.get_mut(step.parse::<usize>().ok()?),
        _ => None,
    })
}

/// What a mutation does at its place.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(toml::Value),
    /// Keeps the value's type (text stays text, a number a number) so the file often still
    /// checks clean and the case reaches the templates.
    SameType(String, i64),
    Remove,
    AddKey(String, toml::Value),
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => any_value().prop_map(Mutation::Replace),
        6 => ("[ -~\u{3041}-\u{3093}\u{30a1}-\u{30f3}山田株式会社東京都一二三]{0,60}", 0i64..1_000_000_000_000)
            .prop_map(|(text, number)| Mutation::SameType(text, number)),
        1 => Just(Mutation::Remove),
        1 => ("[a-z_]{1,20}", any_value()).prop_map(|(k, v)| Mutation::AddKey(k, v)),
    ]
}

fn mutate(text: &str, mutations: &[(prop::sample::Index, Mutation)]) -> String {
    let mut root = toml::Value::Table(toml::from_str(text).unwrap());
    for (index, mutation) in mutations {
        let mut all = Vec::new();
        places(&root, &mut Vec::new(), &mut all);
        if all.is_empty() {
            break;
        }
        let path = all[index.index(all.len())].clone();
        let (parent_path, last) = path.split_at(path.len() - 1);
        match mutation {
            Mutation::Replace(value) => {
                if let Some(slot) = slot(&mut root, &path) {
                    *slot = value.clone();
                }
            }
            Mutation::SameType(text, number) => match slot(&mut root, &path) {
                Some(toml::Value::String(s)) => *s = text.clone(),
                Some(toml::Value::Integer(i)) => *i = *number,
                _ => {}
            },
            Mutation::Remove => match slot(&mut root, parent_path) {
                Some(toml::Value::Table(table)) => {
                    table.remove(&last[0]);
                }
                Some(toml::Value::Array(items)) => {
                    let i: usize = last[0].parse().unwrap();
                    if i < items.len() {
                        items.remove(i);
                    }
                }
                _ => {}
            },
            Mutation::AddKey(key, value) => {
                if let Some(toml::Value::Table(table)) = slot(&mut root, parent_path) {
                    table.insert(key.clone(), value.clone());
                }
            }
        }
    }
    toml::to_string(&root).unwrap_or_default()
}

const FIXTURES: &[&str] = &[
    "complete.toml",
    "sts-two-investors.toml",
    "pca-loan-and-investment.toml",
    "invalid/budget-unbalanced.toml",
    "nedo-supporting.toml",
    "shizuoka-package.toml",
];

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|[\r\n\t=\\[\\]\"'{},.#])*") {
        exercise(text.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// Valid files with a few values replaced by anything, keys removed or added: the checker
    /// sees every kind of wrong value in every field.
    #[test]
    fn mutated_fixtures_never_panic(
        fixture_index in 0..FIXTURES.len(),
        mutations in prop::collection::vec((any::<prop::sample::Index>(), any_mutation()), 1..4),
    ) {
        let text = std::fs::read_to_string(fixture(FIXTURES[fixture_index])).unwrap();
        exercise(mutate(&text, &mutations).as_bytes());
    }

    /// Text-level damage the TOML parser must survive: bytes cut, doubled or inserted.
    #[test]
    fn damaged_fixture_text_never_panics(
        cut in any::<prop::sample::Index>(),
        length in 0usize..40,
        insert in "\\PC{0,8}",
    ) {
        let text = std::fs::read_to_string(fixture("complete.toml")).unwrap();
        let mut bytes = text.into_bytes();
        let at = cut.index(bytes.len());
        let end = (at + length).min(bytes.len());
        bytes.splice(at..end, insert.bytes());
        exercise(&bytes);
    }
}

#[test]
fn seeds_never_panic() {
    let dir = root().join("tests/fuzz-seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    for seed in seeds {
        exercise(&std::fs::read(&seed).unwrap());
    }
}
