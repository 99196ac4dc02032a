//! `yoshiki batch`: isolation, reports, shards, skip-unchanged, determinism.

#[path = "../common/mod.rs"]
mod common;

mod reports;
mod run;

use std::path::Path;

use common::*;
use serde_json::Value;

/// A folder of applicants: the good fixtures (some in a subfolder), variants, and bad ones.
pub(crate) fn applicants(dir: &Path) {
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    for name in [
        "sts-two-investors.toml",
        "pca-loan-and-investment.toml",
        "complete.toml",
    ] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    std::fs::copy(
        fixture("invalid/sts-shortfall.toml"),
        dir.join("shortfall.toml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("invalid/budget-unbalanced.toml"),
        sub.join("unbalanced.toml"),
    )
    .unwrap();
    for i in 1..=4 {
        variant(
            &sub,
            &format!("half-{i}.toml"),
            "sts-two-investors.toml",
            &[(
                "name = \"株式会社テックシード\"",
                &format!("name = \"株式会社テスト{i}\""),
            )],
        );
    }
    // Same stem as a file above, in another folder: must get its own output folder.
    variant(
        &sub,
        "complete.toml",
        "sts-two-investors.toml",
        &[("株式会社テックシード", "合同会社サブ")],
    );
    std::fs::write(sub.join("README.txt"), "not an applicant").unwrap();
}

pub(crate) fn batch(args: &[&str]) -> std::process::Output {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    yoshiki(&all)
}

pub(crate) fn report(out: &Path, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(name)).unwrap()).unwrap()
}

/// Every file below `dir`, as `/`-separated paths relative to it, sorted.
pub(crate) fn all_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for name in files_in(dir) {
        let path = dir.join(&name);
        if path.is_dir() {
            found.extend(all_files(&path).into_iter().map(|f| format!("{name}/{f}")));
        } else {
            found.push(name);
        }
    }
    found
}
