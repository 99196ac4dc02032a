//! A program office's workbook: good and bad rows, import, CSV.

use super::common::*;
use super::*;

#[test]
fn a_workbook_with_good_and_bad_rows_writes_the_good_and_locates_each_error_by_cell() {
    let (input, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let book = input.path().join("applicants.xlsx");
    office_workbook(&book);
    let result = run(&[
        "batch",
        book.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let text = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");

    // Errors name the file, the sheet and the cell, and the key.
    let file = book.display().to_string();
    for expected in [
        format!(
            "{file}: 出資!E3: エラー: investment_report.investments[0].amount: \"五百万\" は整数として読めません"
        ),
        format!(
            "{file}: 出資!A5: エラー: investment_report.investments: DTSU STS の出資要件を満たしません"
        ),
        format!("{file}: 出資!A7: エラー: 「申請者」シートに id が \"A999\" の行がありません"),
    ] {
        assert!(text.contains(&expected), "no {expected:?} in:\n{text}");
    }
    // Good applicants are written, each in its id's folder; the bad ones write nothing.
    let folders = files_in(out.path());
    assert_eq!(
        folders,
        ["A001", "A003", "report.csv", "report.json"],
        "{text}"
    );
    assert_eq!(
        files_in(&out.path().join("A001")),
        [
            ".yoshiki-manifest.json",
            "株式会社テックシード_出資等に関する報告書_01_ABCベンチャーキャピタル株式会社.pdf"
        ]
    );

    let report = report(out.path());
    let applicants = report["applicants"].as_array().unwrap();
    let ids: Vec<&str> = applicants
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A001", "A002", "A003", "A004", "A999"]);
    let status: Vec<&str> = applicants
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["written", "failed", "written", "failed", "failed"]);
    let error = &applicants[1]["errors"][0];
    assert_eq!(error["cell"], "出資!E3");
    assert_eq!(error["key"], "investment_report.investments[0].amount");
    assert_eq!(error["line"], Value::Null);
    // The text amount is read, and says so.
    let warning = &applicants[2]["warnings"][0];
    assert_eq!(warning["cell"], "出資!E4");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("\"100,000,000\" を数 100000000")
    );
    assert_eq!(applicants[3]["name"], "株式会社駿河バイオ");
    // The list at the end names each failed applicant by id and cell.
    assert!(
        text.contains(&format!(
            "  [A002] {file}: 出資!E3: investment_report.investments[0].amount:"
        )),
        "{text}"
    );

    // The text amount is the amount: A003's report says (B) = 100,000,000 円 like A001's.
    let figures = |i: usize| applicants[i]["figures"].clone();
    assert_eq!(figures(0), figures(2));
    assert_eq!(
        files_in(&out.path().join("A003")).len(),
        2,
        "its PDF and the manifest"
    );
}

#[test]
fn import_writes_the_toml_files_that_render_the_same_pdfs() {
    let (input, imported) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let book = input.path().join("applicants.xlsx");
    office_workbook(&book);
    let result = run(&[
        "import",
        book.to_str().unwrap(),
        "--out",
        imported.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    // A002 cannot be read, A999 is no applicant; A004 imports (its shortfall is for check).
    assert_eq!(
        files_in(imported.path()),
        ["A001.toml", "A003.toml", "A004.toml"]
    );
    let text = std::fs::read_to_string(imported.path().join("A003.toml")).unwrap();
    assert!(text.contains("amount = 100_000_000"), "{text}");

    let (from_sheet, from_toml) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let _ = run(&[
        "batch",
        book.to_str().unwrap(),
        "--out",
        from_sheet.path().to_str().unwrap(),
    ]);
    let _ = run(&[
        "batch",
        imported.path().to_str().unwrap(),
        "--out",
        from_toml.path().to_str().unwrap(),
    ]);
    for id in ["A001", "A003"] {
        let pdfs: Vec<String> = files_in(&from_sheet.path().join(id))
            .into_iter()
            .filter(|f| f.ends_with(".pdf"))
            .collect();
        assert_eq!(pdfs.len(), 1);
        for pdf in pdfs {
            assert_eq!(
                std::fs::read(from_sheet.path().join(id).join(&pdf)).unwrap(),
                std::fs::read(from_toml.path().join(id).join(&pdf)).unwrap(),
                "{id}/{pdf}"
            );
        }
    }
}

#[test]
fn a_csv_file_is_the_main_sheet_in_utf8_or_shift_jis() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,applicant.name,applicant.address,applicant.representative_title,applicant.representative_name,pledge.date\n";
    let rows = "P1,株式会社テックシード,静岡県静岡市葵区追手町9番6号,代表取締役,山田 太郎,2023-07-20\n\
                P2,株式会社ミライ素材,静岡県浜松市中区板屋町1番1号,代表取締役,佐藤 花子,2023/7/32\n";
    let text = format!("{header}{rows}");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    for (name, bytes) in [
        ("utf8.csv", format!("\u{feff}{text}").into_bytes()),
        ("sjis.csv", sjis.into_owned()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let result = run(&[
            "batch",
            path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
        assert!(
            stderr(&result).contains(&format!(
                "{}: F3: エラー: pledge.date: 2023/7/32 は存在しない日付です",
                path.display()
            )),
            "{}",
            stderr(&result)
        );
        assert_eq!(
            files_in(&out.join("P1")).len(),
            2,
            "the pledge and the manifest"
        );
    }
}

#[test]
fn a_damaged_workbook_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("applicants.xlsx");
    std::fs::write(&book, b"PK\x03\x04 not really a workbook").unwrap();
    let out = dir.path().join("out");
    let result = run(&[
        "batch",
        book.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("を表計算ファイルとして読めません"),
        "{}",
        stderr(&result)
    );
    assert!(!out.exists());
}
