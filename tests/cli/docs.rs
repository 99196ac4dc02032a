//! The README and docs/: every link resolves inside the repository, and the two set-up commands
//! are the ones CI runs.

use super::common::*;

/// The targets of the Markdown links `[text](target)` of a text.
fn links(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target.to_owned()))
        .collect()
}

#[test]
fn every_link_of_the_readme_and_docs_resolves_inside_the_repository() {
    let mut pages = vec![root().join("README.md")];
    pages.extend(
        files_in(&root().join("docs"))
            .into_iter()
            .filter(|n| n.ends_with(".md"))
            .map(|n| root().join("docs").join(n)),
    );
    assert!(pages.len() > 5);
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        assert!(
            !text.contains("../shared"),
            "{}: a link outside the repository",
            page.display()
        );
        for target in links(&text) {
            if target.starts_with("http") {
                continue;
            }
            let path = target.split('#').next().unwrap_or_default();
            let resolved = page.parent().unwrap().join(path);
            assert!(
                resolved.exists(),
                "{}: {target} does not exist",
                page.display()
            );
        }
    }
}

#[test]
fn ci_runs_the_readmes_test_command() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(readme.contains("cargo test --locked"));
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test --locked"),
        "{ci}"
    );
}
