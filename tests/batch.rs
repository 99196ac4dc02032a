//! `yoshiki batch`: isolation, report, shards, skip-unchanged, determinism.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// A folder of applicants: the good fixtures (some in a subfolder), variants, and bad ones.
fn applicants(dir: &Path) {
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

fn batch(args: &[&str]) -> std::process::Output {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    yoshiki(&all)
}

fn report(out: &Path, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(name)).unwrap()).unwrap()
}

#[test]
fn good_applicants_are_written_bad_ones_reported_and_exit_is_1() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    applicants(input.path());
    let result = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "-j",
        "2",
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));

    let report = report(out.path(), "report.json");
    assert_eq!(report["summary"]["applicants"], 10);
    assert_eq!(report["summary"]["written"], 8);
    assert_eq!(report["summary"]["failed"], 2);
    // 2 + 2 + 4 PDFs, four variants with 2 each, and sub/complete with 2.
    assert_eq!(report["summary"]["pdfs_written"], 2 + 2 + 4 + 4 * 2 + 2);

    let folders = files_in(out.path());
    assert_eq!(
        folders,
        [
            "complete",
            "complete_2",
            "half-1",
            "half-2",
            "half-3",
            "half-4",
            "pca-loan-and-investment",
            "report.json",
            "sts-two-investors"
        ]
    );
    assert_eq!(
        files_in(&out.path().join("complete")).len(),
        4 + 1,
        "four PDFs and the manifest"
    );
    assert!(
        files_in(&out.path().join("complete_2"))
            .iter()
            .any(|f| f.starts_with("合同会社サブ"))
    );

    let failed: Vec<&Value> = report["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 2);
    let shortfall = failed
        .iter()
        .find(|a| a["file"].as_str().unwrap().ends_with("shortfall.toml"))
        .unwrap();
    assert_eq!(shortfall["files"].as_array().unwrap().len(), 0);
    let error = &shortfall["errors"][0];
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(15), Some(21))
    );
    assert_eq!(error["key"], "investment_report.investments");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("10,000,000 円不足")
    );
    // The summary on stderr says what to fix where.
    assert!(
        stderr(&result).contains("shortfall.toml:15:21: エラー"),
        "{}",
        stderr(&result)
    );
    assert!(
        stderr(&result).contains("unbalanced.toml:9:9: エラー"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn shards_cover_each_applicant_exactly_once() {
    let input = tempfile::tempdir().unwrap();
    applicants(input.path());
    let out = tempfile::tempdir().unwrap();
    let mut seen: Vec<String> = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let _ = batch(&[
            input.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--shard",
            shard,
        ]);
        let name = format!("report-{}-of-3.json", &shard[..1]);
        let report = report(out.path(), &name);
        seen.extend(
            report["applicants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["file"].as_str().unwrap().to_owned()),
        );
    }
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!(before, seen.len(), "an applicant was in two shards");
    assert_eq!(seen.len(), 10, "every applicant is in some shard: {seen:?}");
}

#[test]
fn skip_unchanged_renders_only_what_changed() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    applicants(input.path());
    let args = [
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--skip-unchanged",
    ];
    let _ = batch(&args);
    let first = std::fs::read(out.path().join("complete/株式会社テックシード_誓約書.pdf")).unwrap();

    let _ = batch(&args);
    let again = report(out.path(), "report.json");
    assert_eq!(again["summary"]["unchanged"], 8);
    assert_eq!(again["summary"]["written"], 0);
    assert_eq!(again["summary"]["pdfs_written"], 0);
    assert_eq!(
        again["summary"]["failed"], 2,
        "applicants with errors are checked again"
    );

    // Fix one bad file and edit one good one: exactly those two render.
    std::fs::copy(
        fixture("sts-two-investors.toml"),
        input.path().join("shortfall.toml"),
    )
    .unwrap();
    let pca = input.path().join("pca-loan-and-investment.toml");
    let text = std::fs::read_to_string(&pca)
        .unwrap()
        .replace("鈴木 一郎", "鈴木 二郎");
    std::fs::write(&pca, text).unwrap();
    let _ = batch(&args);
    let third = report(out.path(), "report.json");
    assert_eq!(third["summary"]["written"], 2);
    assert_eq!(third["summary"]["unchanged"], 7);
    assert_eq!(
        std::fs::read(out.path().join("complete/株式会社テックシード_誓約書.pdf")).unwrap(),
        first
    );
}

#[test]
fn a_removed_investor_removes_its_pdf_and_nothing_else() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = input.path().join("a.toml");
    std::fs::copy(fixture("sts-two-investors.toml"), &file).unwrap();
    let args = [
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    assert!(batch(&args).status.success());
    let folder = out.path().join("a");
    std::fs::write(folder.join("memo.txt"), "mine").unwrap();
    assert_eq!(files_in(&folder).len(), 2 + 2);

    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.rfind("[[investment_report.investments]]").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();
    assert!(batch(&args).status.success());
    let files = files_in(&folder);
    assert!(
        files.contains(&"memo.txt".to_owned()),
        "unrelated files stay: {files:?}"
    );
    assert_eq!(
        files.iter().filter(|f| f.ends_with(".pdf")).count(),
        1,
        "{files:?}"
    );
}

#[test]
fn output_is_byte_identical_between_one_and_two_workers() {
    let input = tempfile::tempdir().unwrap();
    applicants(input.path());
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let _ = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        one.path().to_str().unwrap(),
        "-j",
        "1",
    ]);
    let _ = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        two.path().to_str().unwrap(),
        "-j",
        "2",
    ]);
    assert_eq!(
        std::fs::read(one.path().join("report.json")).unwrap(),
        std::fs::read(two.path().join("report.json")).unwrap()
    );
    let mut compared = 0;
    for folder in files_in(one.path())
        .into_iter()
        .filter(|f| !f.ends_with(".json"))
    {
        for file in files_in(&one.path().join(&folder)) {
            let a = std::fs::read(one.path().join(&folder).join(&file)).unwrap();
            let b = std::fs::read(two.path().join(&folder).join(&file)).unwrap();
            assert!(a == b, "{folder}/{file} differs between -j 1 and -j 2");
            compared += 1;
        }
    }
    assert_eq!(compared, 18 + 8, "18 PDFs and 8 manifests");
}

#[test]
fn a_missing_path_is_an_io_problem() {
    let out = tempfile::tempdir().unwrap();
    let result = batch(&["no/such/folder", "--out", out.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
}
