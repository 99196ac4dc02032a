//! The reports: report.csv, names and figures, an empty input, shards merged.

use std::path::Path;

use super::common::*;
use super::*;

#[test]
fn report_csv_has_a_row_per_applicant_with_its_name_figures_and_counts() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    applicants(input.path());
    let _ = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let bytes = std::fs::read(out.path().join("report.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, yoshiki::batch::csv_columns());
    assert_eq!(
        headers[..9],
        [
            "番号",
            "ファイル",
            "ID",
            "出力フォルダ",
            "申請者名",
            "結果",
            "ファイル数",
            "エラー数",
            "警告数"
        ]
    );
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    let row = |folder: &str| {
        rows.iter()
            .find(|r| &r[column("出力フォルダ")] == folder)
            .unwrap_or_else(|| panic!("no row for {folder}"))
    };
    let sts = row("sts-two-investors");
    assert_eq!(&sts[column("申請者名")], "株式会社テックシード");
    assert_eq!(&sts[column("結果")], "書き出し");
    assert_eq!(&sts[column("ファイル数")], "2");
    assert_eq!(
        &sts[column("出資等に関する報告書 (A) 助成対象費用")],
        "300000000"
    );
    assert_eq!(&sts[column("出資等に関する報告書 (B)/(A)")], "1/3 / 1/6");
    let complete = row("complete");
    assert_eq!(&complete[column("収支予算書 補助金")], "4000000");
    let shortfall = row("shortfall");
    assert_eq!(&shortfall[column("結果")], "エラー");
    assert_eq!(&shortfall[column("エラー数")], "1");
    assert!(shortfall[column("最初のエラー")].contains("10,000,000 円不足"));
    // The package: what is missing, per applicant.
    assert_eq!(
        &sts[column("不足書類")],
        "追加資料7 ハンズオン計画書／事業支援計画書 | VC等、CVC情報項目ファイル | 追加資料21 出資/融資に関する契約書及び出資/融資を証明する書類（通帳の写し等）"
    );
    let numbers: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

    // report.json carries the same: the name and the figures.
    let report = report(out.path(), "report.json");
    let first = &report["applicants"][0];
    assert_eq!(first["name"], "株式会社テックシード");
    assert_eq!(first["figures"][0]["form"], "investment-report");
    assert_eq!(first["number"], 1);
    // …and the checklists.
    let sts = report["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["folder"] == "sts-two-investors")
        .unwrap();
    let checklist = &sts["checklists"][0];
    assert_eq!(checklist["title"], "NEDO DTSU STS フェーズ");
    let report_row = checklist["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "investment-report")
        .unwrap();
    assert_eq!(report_row["status"], "generated");
    let contracts = checklist["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "contracts")
        .unwrap();
    assert_eq!(contracts["status"], "missing");
}

#[test]
fn an_empty_input_is_exit_2_with_a_message() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(input.path().join("notes.txt"), "not an applicant").unwrap();
    let result = batch(&[
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("申請者がいません"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty(), "no report for nothing");
}

#[test]
fn shard_reports_merge_into_the_unsharded_report() {
    let input = tempfile::tempdir().unwrap();
    applicants(input.path());
    let (whole, sharded) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = |out: &Path| {
        vec![
            input.path().to_str().unwrap().to_owned(),
            "--out".to_owned(),
            out.to_str().unwrap().to_owned(),
        ]
    };
    let run = |args: Vec<String>| batch(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args(whole.path())).status.code(), Some(1));
    let mut seen: Vec<u64> = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let mut args = args(sharded.path());
        args.extend(["--shard".to_owned(), shard.to_owned()]);
        let _ = run(args);
        let name = format!("report-{}-of-3.json", &shard[..1]);
        let report = report(sharded.path(), &name);
        assert_eq!(report["inputs"], 10);
        seen.extend(
            report["applicants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["number"].as_u64().unwrap()),
        );
    }
    // The slices cover every applicant exactly once.
    seen.sort_unstable();
    assert_eq!(seen, (1..=10).collect::<Vec<u64>>());

    let merged = yoshiki(&["report", "merge", sharded.path().to_str().unwrap()]);
    assert_eq!(merged.status.code(), Some(1), "{}", stderr(&merged));
    assert!(stderr(&merged).contains("エラーのあった申請者 2 件"));
    for name in ["report.json", "report.csv"] {
        let (a, b) = (
            std::fs::read_to_string(whole.path().join(name)).unwrap(),
            std::fs::read_to_string(sharded.path().join(name)).unwrap(),
        );
        assert!(a == b, "{name} differs:\n{a}\n---\n{b}");
    }

    // A shard missing is named, and nothing is merged.
    std::fs::remove_file(sharded.path().join("report.json")).unwrap();
    std::fs::remove_file(sharded.path().join("report-2-of-3.json")).unwrap();
    let incomplete = yoshiki(&["report", "merge", sharded.path().to_str().unwrap()]);
    assert_eq!(incomplete.status.code(), Some(2));
    assert!(stderr(&incomplete).contains("report-2-of-3.json がありません"));
    assert!(!sharded.path().join("report.json").exists());
}
