//! Running a batch: isolation, mirrored folders, skip-unchanged, determinism, kills.

use serde_json::Value;

use super::common::*;
use super::*;

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

    // The output mirrors the input: sub/half-1.toml → sub/half-1/.
    let folders: Vec<String> = all_files(out.path())
        .into_iter()
        .filter_map(|f| f.rsplit_once('/').map(|(folder, _)| folder.to_owned()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        folders,
        [
            "complete",
            "pca-loan-and-investment",
            "sts-two-investors",
            "sub/complete",
            "sub/half-1",
            "sub/half-2",
            "sub/half-3",
            "sub/half-4",
        ]
    );
    assert_eq!(
        files_in(&out.path().join("complete")).len(),
        4 + 1,
        "four PDFs and the manifest"
    );
    assert!(
        files_in(&out.path().join("sub/complete"))
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
        (Some(16), Some(21))
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
        stderr(&result).contains("shortfall.toml:16:21: エラー"),
        "{}",
        stderr(&result)
    );
    assert!(
        stderr(&result).contains("unbalanced.toml:10:9: エラー"),
        "{}",
        stderr(&result)
    );
    // …and ends with the failed applicants, so that they do not scroll away.
    let text = stderr(&result);
    let tail: Vec<&str> = text.lines().rev().take(3).collect();
    assert_eq!(tail[2], "エラーのあった申請者 2 件:", "{text}");
    assert!(
        tail[1].ends_with("shortfall.toml:16:21: investment_report.investments: DTSU STS の出資要件を満たしません: 合計 90,000,000 円は (A) 300,000,000 円の 1/3 に 10,000,000 円不足"),
        "{text}"
    );
    assert!(
        tail[0].contains("sub/unbalanced.toml:10:9: budget"),
        "{text}"
    );
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
    let mut compared = 0;
    for file in all_files(one.path()) {
        let a = std::fs::read(one.path().join(&file)).unwrap();
        let b = std::fs::read(two.path().join(&file)).unwrap();
        assert!(a == b, "{file} differs between -j 1 and -j 2");
        compared += 1;
    }
    assert_eq!(compared, 18 + 8 + 2, "18 PDFs, 8 manifests and the reports");
}

#[test]
fn a_missing_path_is_an_io_problem() {
    let out = tempfile::tempdir().unwrap();
    let result = batch(&["no/such/folder", "--out", out.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
}

/// `count` copies of the STS fixture, each under a name of its own.
fn same_applicants(dir: &Path, count: u64) {
    for i in 0..count {
        variant(
            dir,
            &format!("a{i:02}.toml"),
            "sts-two-investors.toml",
            &[("株式会社テックシード", &format!("株式会社テスト{i}"))],
        );
    }
}

/// `yoshiki batch INPUT --out OUT -j 2`, running, its stderr as given.
fn spawn_batch(input: &Path, out: &Path, stderr: std::process::Stdio) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["batch", input.to_str().unwrap(), "--out"])
        .arg(out)
        .args(["-j", "2"])
        .stderr(stderr)
        .spawn()
        .unwrap()
}

#[test]
fn a_batch_whose_stderr_is_closed_still_writes_everything() {
    // `yoshiki batch … 2>&1 | head`: the progress lines meet a closed pipe. The batch used to
    // panic on its first line and then wait forever on its workers.
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let count = 24;
    same_applicants(input.path(), count);
    let mut child = spawn_batch(input.path(), out.path(), std::process::Stdio::piped());
    drop(child.stderr.take());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("the batch did not finish in 120 s with its stderr closed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    let report = report(out.path(), "report.json");
    assert_eq!(report["summary"]["written"], count, "{report}");
}

#[test]
fn a_killed_batch_leaves_only_whole_pdfs_and_a_rerun_finishes_the_rest() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let count = 60;
    same_applicants(input.path(), count);
    let mut child = spawn_batch(input.path(), out.path(), std::process::Stdio::null());
    // Kill it (SIGKILL: no clean-up of its own) once a few applicants are written.
    let started = std::time::Instant::now();
    while all_files(out.path())
        .iter()
        .filter(|f| f.ends_with(".pdf"))
        .count()
        < 4
        && started.elapsed() < std::time::Duration::from_secs(120)
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Whatever is there under a PDF's name is a whole PDF.
    let pdfs: Vec<String> = all_files(out.path())
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert!(!pdfs.is_empty());
    for pdf in &pdfs {
        let bytes = std::fs::read(out.path().join(pdf)).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && lopdf::Document::load_mem(&bytes).is_ok(),
            "{pdf} is not a whole PDF"
        );
    }

    // A re-run renders what is missing, keeps what was done, and tidies any leftover.
    let rerun = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--skip-unchanged",
    ]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let report = report(out.path(), "report.json");
    let summary = &report["summary"];
    assert_eq!(summary["failed"], 0);
    let written = summary["written"].as_u64().unwrap();
    assert!(written > 0, "the kill came before the end");
    assert_eq!(written + summary["unchanged"].as_u64().unwrap(), count);
    let files = all_files(out.path());
    assert_eq!(
        files.iter().filter(|f| f.ends_with(".pdf")).count(),
        2 * count as usize
    );
    assert!(
        !files.iter().any(|f| f.ends_with(".part")),
        "no temporary file is left: {files:?}"
    );
}

#[test]
fn a_file_in_the_way_fails_its_applicant_only() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for name in ["a.toml", "b.toml"] {
        std::fs::copy(fixture("sts-two-investors.toml"), input.path().join(name)).unwrap();
    }
    // Someone else's file where a's first PDF would go: it is never overwritten.
    let blocked = out
        .path()
        .join("a/株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf");
    std::fs::create_dir_all(blocked.parent().unwrap()).unwrap();
    std::fs::write(&blocked, "not ours").unwrap();

    let result = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert_eq!(std::fs::read(&blocked).unwrap(), b"not ours");
    let report = report(out.path(), "report.json");
    let status: Vec<(&str, &str)> = report["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["folder"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(status, [("a", "failed"), ("b", "written")]);
    assert!(
        report["applicants"][0]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("上書きしません"),
        "{report}"
    );
    assert_eq!(files_in(&out.path().join("b")).len(), 2 + 1);
}

#[test]
fn timings_say_where_the_time_went() {
    let out = tempfile::tempdir().unwrap();
    let result = batch(&[
        fixture("sts-two-investors.toml").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--timings",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = stderr(&result);
    for phase in [
        "読み込みと検査",
        "組版 (Typst compile)",
        "PDF 書き出し (typst-pdf)",
        "ファイル書き込み",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(phase))
            .unwrap_or_else(|| panic!("no line for {phase}: {text}"));
        // A real duration was measured: typesetting two PDFs takes more than nothing.
        if phase.starts_with("組版") || phase.starts_with("PDF") {
            let ms: f64 = line
                .split_whitespace()
                .nth(2)
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no ms/PDF in {line:?}"));
            assert!(ms > 0.0, "{line}");
        }
    }
}

#[test]
fn a_changed_attachment_renders_again_and_strict_fails_a_missing_document() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let folder = input.path().join("tech");
    std::fs::create_dir(&folder).unwrap();
    for name in [
        "shizuoka.toml",
        "履歴事項全部証明書.pdf",
        "決算書.png",
        "誓約書_押印済.jpg",
    ] {
        std::fs::copy(fixture("packet").join(name), folder.join(name)).unwrap();
    }
    let args = [
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--skip-unchanged",
        "--packet",
    ];
    assert!(batch(&args).status.success());
    let _ = batch(&args);
    assert_eq!(report(out.path(), "report.json")["summary"]["unchanged"], 1);
    // The scan is replaced: the same data file, other bytes.
    let file = std::fs::File::create(folder.join("決算書.png")).unwrap();
    let mut encoder = png::Encoder::new(file, 40, 56);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[128; 40 * 56]).unwrap();
    writer.finish().unwrap();
    let _ = batch(&args);
    assert_eq!(report(out.path(), "report.json")["summary"]["written"], 1);

    // --strict: the 静岡県 package without (カ) and (キ) is an error.
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::copy(
        fixture("shizuoka-package.toml"),
        input.path().join("a.toml"),
    )
    .unwrap();
    let result = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result)
            .contains("「(カ) 会社・法人登記に係る履歴事項全部証明書」「(キ) 直近の決算書の写し」"),
        "{}",
        stderr(&result)
    );
}
