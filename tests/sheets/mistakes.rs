//! Each kind of mistake a person makes in a workbook, located by its cell: unknown columns and
//! sheets, ids missing or twice, an outer entry that is not there, a required value left empty,
//! and the rules' findings about the data, located back from the key to the cell.

use super::common::*;
use super::*;

/// Five applicants and the mistakes named in [`every_mistake_is_located_by_its_cell`].
fn mistakes_workbook(path: &Path) {
    // One row of 申請者: id, name, representative, the misspelt column, the budget's income,
    // and the 誓約書's addressee.
    let row = |id, name, rep, typo, income: [&'static str; 2], addressee| {
        let address = "静岡県静岡市葵区追手町9番6号";
        let [subsidy, own] = income;
        vec![
            id,
            name,
            address,
            "代表取締役",
            rep,
            typo,
            subsidy,
            own,
            "2023-07-20",
            addressee,
        ]
    };
    let none = ["", ""];
    let main = vec![
        vec![
            "id",
            "applicant.name",
            "applicant.address",
            "applicant.representative_title",
            "applicant.representative_name",
            "applicant.nmae",
            "budget.income.subsidy.amount",
            "budget.income.own_funds.amount",
            "pledge.date",
            "pledge.addressee",
        ],
        row(
            "B1",
            "株式会社テックシード",
            "山田 太郎",
            "",
            ["100000", "40000"],
            "",
        ),
        row("B2", "株式会社ビーツー", "山田 太郎", "", none, ""),
        row("B2", "株式会社ビーツー二号", "山田 太郎", "", none, ""),
        vec!["", "株式会社名無し"],
        row("B3", "株式会社ビースリー", "", "書き間違い", none, ""),
        row(
            "B4",
            "株式会社ビーフォー",
            "山田 太郎",
            "",
            ["100000", "20000"],
            &LONG,
        ),
    ];
    let expenses = vec![
        vec!["id", "category", "amount", "breakdown"],
        vec!["B1", "原材料費"],
        vec!["B1", "旅費", "20000", "出張"],
        vec!["B4", "原料費", "120000"],
    ];
    let items = vec![
        vec![
            "id",
            "budget.expenses",
            "name",
            "unit_price",
            "quantity",
            "unit",
        ],
        vec!["B1", "1", "センサー部品", "12000", "5", "個"],
        vec!["B1", "1", "研究員", "40000", "1.5", "人月"],
        vec!["B2", "3", "部品", "1000", "1", "個"],
    ];
    let misspelt = vec![vec!["id", "investor"], vec!["B3", "X社"]];
    let notes = vec![vec!["メモ"], vec!["B1 は確認済み"]];
    workbook(
        path,
        &[
            ("申請者", main),
            ("支出", expenses),
            ("支出の品目", items),
            ("出資x", misspelt),
            ("メモ", notes),
        ],
    );
}

/// 41 characters: one more than the 誓約書's addressee holds.
static LONG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| "長".repeat(41));

#[test]
fn every_mistake_is_located_by_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mistakes.xlsx");
    mistakes_workbook(&path);
    let applicants = yoshiki::sheets::read(&path).unwrap();
    let ids: Vec<&str> = applicants.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["B1", "B2", "B3", "B4", ""]);
    let problems = |id: &str| -> Vec<String> {
        let applicant = applicants.iter().find(|a| a.id == id).unwrap();
        applicant
            .problems
            .iter()
            .map(|d| d.to_string().replace(&format!("{}: ", path.display()), ""))
            .collect()
    };

    // B1 is right: a note sheet is no mistake, and 1.5 人月 is exact.
    assert_eq!(problems("B1"), Vec::<String>::new());
    let b1 = applicants.iter().find(|a| a.id == "B1").unwrap();
    assert!(b1.toml.contains("quantity = \"1.5\""), "{}", b1.toml);
    let outcome = run_bytes(&path, b1.toml.as_bytes(), &[]);
    assert!(!outcome.has_errors(), "{}", messages(&outcome));
    assert_eq!(outcome.files.len(), 2, "the 収支予算書 and the 誓約書");

    let expect = |id: &str, expected: &[&str]| {
        let found = problems(id);
        for line in expected {
            assert!(
                found.iter().any(|f| f.starts_with(line)),
                "{id}: no {line:?} in {found:#?}"
            );
        }
    };
    expect(
        "B2",
        &[
            "申請者!A4: エラー: id \"B2\" が二度書かれています（申請者!A3 と同じ）",
            "支出の品目!B4: エラー: \"3\" 番目の行がありません",
        ],
    );
    expect(
        "B3",
        &[
            "申請者!E6: エラー: applicant.representative_name: 必須の値 `applicant.representative_name` が空です",
            "申請者!F6: エラー: 不明な列 `applicant.nmae` です（`applicant.name` の書き間違いではありませんか？）",
            "出資x!A2: エラー: シート「出資x」は yoshiki の表ではありません（「出資」の書き間違いではありませんか？",
        ],
    );
    expect("", &["申請者!A5: エラー: id が空です"]);

    // B4 reads, and the rules' findings about its data go back to their cells.
    let b4 = applicants.iter().find(|a| a.id == "B4").unwrap();
    assert!(b4.problems.is_empty());
    let outcome = run_bytes(&path, b4.toml.as_bytes(), &[]);
    let located: Vec<String> = outcome
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| b4.relocate(d).to_string())
        .collect();
    let at = |cell: &str, key: &str| {
        let prefix = format!("{}: {cell}: エラー: {key}: ", path.display());
        assert!(
            located.iter().any(|l| l.starts_with(&prefix)),
            "no {prefix:?} in {located:#?}"
        );
    };
    at("申請者!J7", "pledge.addressee");
    at("支出!B4", "budget.expenses[0].category");
}
