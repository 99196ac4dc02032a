//! Hostile and broken applicant files: each one is refused with a located Japanese message, and
//! nothing is written. Every case edits the complete fixture, which is valid as it stands.

use super::common::*;

/// (what, edits to fixtures/complete.toml, text the error must contain)
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

const NAME: &str = "name = \"株式会社テックシード\"";
const ADDRESS: &str = "address = \"静岡県静岡市葵区追手町9番6号\"";
const AMOUNT: &str = "amount = 100_000_000";
const COST: &str = "eligible_cost = 300_000_000";
const REPORT_DATE: &str = "date = 2025-03-01";

const CASES: &[Case] = &[
    // TOML syntax
    (
        "unclosed string",
        &[(NAME, "name = \"株式会社テックシード")],
        "文字列が閉じられていません",
    ),
    (
        "key without value",
        &[(NAME, "name =")],
        "TOML の書式が正しくありません",
    ),
    (
        "duplicated key",
        &[(ADDRESS, "address = \"静岡\"\naddress = \"浜松\"")],
        "同じキー（または表）が二度書かれています",
    ),
    (
        "duplicated table",
        &[("[pledge]\n", "[pledge]\ndate = 2023-07-20\n[pledge]\n")],
        "同じキー（または表）が二度書かれています",
    ),
    (
        "yen sign in a number",
        &[(COST, "eligible_cost = 300,000,000")],
        "数の区切りにカンマ（300,000,000）は使えません",
    ),
    // types
    (
        "amount as text",
        &[(AMOUNT, "amount = \"1億円\"")],
        "型が違います: 文字列 \"1億円\"",
    ),
    (
        "amount as float",
        &[(AMOUNT, "amount = 1.0e8")],
        "型が違います: 小数",
    ),
    (
        "date as text",
        &[(REPORT_DATE, "date = \"2025-03-01\"")],
        "引用符なしの日付",
    ),
    (
        "table where an array is expected",
        &[(
            "[[investment_report.investments]]",
            "[investment_report.investments]",
        )],
        "配列",
    ),
    (
        "table where text is expected",
        &[(NAME, "name = { first = \"株式会社\" }")],
        "型が違います: 表 が書かれていますが、文字列",
    ),
    (
        "number where text is expected",
        &[(NAME, "name = 42")],
        "型が違います: 整数 42",
    ),
    (
        "boolean where a number is expected",
        &[(COST, "eligible_cost = true")],
        "型が違います: 真偽値 `true`",
    ),
    // numbers
    (
        "integer beyond 64 bits",
        &[(COST, "eligible_cost = 99999999999999999999")],
        "数が大きすぎます: 99999999999999999999",
    ),
    (
        "negative amount",
        &[(AMOUNT, "amount = -100")],
        "金額が負の数 (-100) です",
    ),
    (
        "negative eligible cost",
        &[(COST, "eligible_cost = -1")],
        "金額が負の数 (-1) です",
    ),
    (
        "zero eligible cost",
        &[(COST, "eligible_cost = 0")],
        "(A) 助成対象費用が 0 円です",
    ),
    (
        "zero investment",
        &[(AMOUNT, "amount = 0")],
        "(B) 出資額が 0 円です",
    ),
    (
        "negative quantity",
        &[("quantity = 50", "quantity = -50")],
        "数量が負の数 (-50) です",
    ),
    (
        "quantity that is not a number",
        &[("quantity = \"6.5\"", "quantity = \"六\"")],
        "数量 \"六\" は数として読めません",
    ),
    (
        "negative decimal quantity",
        &[("quantity = \"6.5\"", "quantity = \"-6.5\"")],
        "数量が負の数 (-6.5) です",
    ),
    // dates
    (
        "30 February",
        &[(REPORT_DATE, "date = 2025-02-30")],
        "2025-02-30 は存在しない日付です",
    ),
    (
        "29 February of a common year",
        &[(REPORT_DATE, "date = 2023-02-29")],
        "2023-02-29 は存在しない日付です",
    ),
    (
        "date with a time",
        &[(REPORT_DATE, "date = 2025-03-01T10:00:00")],
        "日付に時刻は書けません",
    ),
    (
        "pledge before 昭和",
        &[("date = 2023-07-20", "date = 1900-01-01")],
        "1900-01-01 は和暦（昭和・平成・令和）で表せません",
    ),
    (
        "fiscal year before 昭和",
        &[("[pledge]\n", "[pledge]\nfiscal_year = 1900\n")],
        "1900 年度は和暦で表せません",
    ),
    // required and empty text
    (
        "empty applicant name",
        &[(NAME, "name = \"\"")],
        "applicant.name: 空欄です",
    ),
    (
        "blank address",
        &[(ADDRESS, "address = \"   \"")],
        "applicant.address: 空欄です",
    ),
    (
        "missing applicant",
        &[("[applicant]\n", "[applicant_]\n")],
        "不明なキー `applicant_` です",
    ),
    (
        "missing representative",
        &[("representative_name = \"山田 太郎\"\n", "")],
        "必須のキー `representative_name` がありません",
    ),
    (
        "no investments",
        &[(
            "[[investment_report.investments]]\ninvestor = \"ABCベンチャーキャピタル株式会社\"\ninvestor_kind = \"vc\"\ndate = 2024-10-15\namount = 100_000_000\n",
            "investments = []\n",
        )],
        "出資・融資が一件もありません",
    ),
    (
        "empty LoI details",
        &[(
            "details = \"\"\"\n",
            "details = \"\"\"\n\"\"\"\nx = \"\"\"\n",
        )],
        "不明なキー `x` です",
    ),
    // names and values
    (
        "typo in a key",
        &[("representative_title", "representativ_title")],
        "`representative_title` の書き間違いではありませんか",
    ),
    (
        "unknown investor kind",
        &[("investor_kind = \"vc\"", "investor_kind = \"angel\"")],
        "\"angel\" は使えない値です",
    ),
    (
        "phase in lower case",
        &[("phase = \"STS\"", "phase = \"sts\"")],
        "\"STS\" ではありませんか",
    ),
    (
        "unknown program",
        &[("program = \"DTSU\"", "program = \"NEDO\"")],
        "\"NEDO\" は使えない値です",
    ),
    (
        "unknown budget category",
        &[("category = \"旅費\"", "category = \"交通費\"")],
        "区分「交通費」は収支予算書にありません",
    ),
    (
        "bad e-mail",
        &[(
            "contact_email = \"sato@example.co.jp\"",
            "contact_email = \"sato@\"",
        )],
        "はメールアドレスの形ではありません",
    ),
    (
        "bad postal code",
        &[("postal_code = \"420-0853\"", "postal_code = \"〒420-0853\"")],
        "郵便番号 \"〒420-0853\" の形が違います",
    ),
    // characters
    (
        "emoji",
        &[(NAME, "name = \"株式会社テック🚀\"")],
        "文字「🚀」(U+1F680) は組み込みフォントにないため印刷できません",
    ),
    (
        "control character",
        &[(ADDRESS, "address = \"静岡県\\u0007静岡市\"")],
        "制御文字 U+0007 が含まれています",
    ),
    (
        "escape character",
        &[(NAME, "name = \"株式会社\\u001b[31mテック\"")],
        "制御文字 U+001B が含まれています",
    ),
    (
        "newline in a one-line budget cell",
        &[(
            "breakdown = \"展示会出張 2名×2回\"",
            "breakdown = \"展示会出張\\n2名×2回\"",
        )],
        "この欄は一行で書いてください",
    ),
];

#[test]
fn every_bad_input_is_refused_with_its_message_and_nothing_is_written() {
    assert!(CASES.len() >= 40, "the suite keeps at least 40 cases");
    let mut failures = Vec::new();
    for (i, (what, edits, expected)) in CASES.iter().enumerate() {
        let name = format!("case-{i:02}.toml");
        let outcome = run_variant(&name, "complete.toml", edits);
        let said = messages(&outcome);
        let located = said.contains(&format!("{name}:"));
        if !outcome.has_errors()
            || !said.contains(expected)
            || !located
            || !outcome.files.is_empty()
        {
            failures.push(format!(
                "{what}: expected {expected:?} at a file:line:col, made {} files:\n{said}",
                outcome.files.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn byte_level_problems_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "invalid utf-8",
            b"[applicant]\nname = \"\xff\xfe\"\n".to_vec(),
            "UTF-8 として読めません",
        ),
        (
            "too large",
            vec![b'#'; 1024 * 1024 + 1],
            "ファイルが大きすぎます",
        ),
        ("empty", Vec::new(), "必須のキー `applicant` がありません"),
    ];
    for (what, bytes, expected) in cases {
        let file = dir.path().join("bytes.toml");
        std::fs::write(&file, bytes).unwrap();
        let result = yoshiki(&[
            "render",
            file.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ]);
        assert_eq!(result.status.code(), Some(1), "{what}");
        assert!(
            stderr(&result).contains(expected),
            "{what}: {}",
            stderr(&result)
        );
        assert!(files_in(out.path()).is_empty(), "{what}");
    }
}

#[test]
fn a_bom_and_crlf_line_ends_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("complete.toml"))
        .unwrap()
        .replace('\n', "\r\n");
    let file = dir.path().join("windows.toml");
    std::fs::write(
        &file,
        [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(files_in(out.path()).len(), 4);
}

#[test]
fn decomposed_kana_is_composed_before_printing() {
    let dir = tempfile::tempdir().unwrap();
    // "テ" + combining dakuten (U+3099) → "デ" after NFC.
    let file = variant(
        dir.path(),
        "nfd.toml",
        "complete.toml",
        &[(NAME, "name = \"株式会社テ\u{3099}ータ\"")],
    );
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--form",
        "pledge",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files, ["株式会社データ_誓約書.pdf"]);
    assert!(pdf_text_compact(&out.path().join(&files[0])).contains("株式会社データ"));
}

#[test]
fn markup_in_every_text_field_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("complete.toml")).unwrap();
    let mut data: toml::Table = toml::from_str(&text).unwrap();
    // Every free-text value gets Typst markup appended (or, where the field's length limit
    // leaves no room, replaced by a short piece of markup); none of it may be interpreted.
    add_markup(&mut data, "");
    let file = dir.path().join("markup.toml");
    std::fs::write(&file, toml::to_string(&data).unwrap()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let pdfs = files_in(out.path());
    assert_eq!(pdfs.len(), 4);
    let mut long_markup_seen = false;
    for pdf in pdfs {
        let text = pdf_text_compact(&out.path().join(&pdf));
        // Fields with little room got the short markup; the long one fits the free-text fields.
        long_markup_seen |= text.contains(&compact(HOSTILE));
        assert!(
            text.contains(&compact(HOSTILE)) || text.contains(&compact(HOSTILE_SHORT)),
            "{pdf}: markup not printed literally:\n{text}"
        );
    }
    assert!(long_markup_seen, "the long markup was printed nowhere");
}

const HOSTILE: &str = r#" #set page(width: 1cm) *b* _i_ $x^2$ #eval("1") \ ]"#;
const HOSTILE_SHORT: &str = "#x *b*";

/// Keys whose values are codes or machine-checked formats, not free text.
const NOT_FREE_TEXT: &[&str] = &[
    "program",
    "phase",
    "investor_kind",
    "category",
    "quantity",
    "email",
    "contact_email",
    "postal_code",
];

fn add_markup(table: &mut toml::Table, path: &str) {
    for (key, value) in table.iter_mut() {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        add_markup_to_value(value, key, &path);
    }
}

fn add_markup_to_value(value: &mut toml::Value, key: &str, path: &str) {
    match value {
        toml::Value::String(s) if !NOT_FREE_TEXT.contains(&key) => {
            let max = yoshiki::limits::max_chars(&yoshiki::keypath::KeyPath::parse(path))
                .unwrap_or_else(|| panic!("{path} has no limit"));
            let original = s.trim_end().to_owned();
            *s = [
                format!("{original}{HOSTILE}"),
                format!("{original}{HOSTILE_SHORT}"),
                HOSTILE_SHORT.to_owned(),
            ]
            .into_iter()
            .find(|candidate| candidate.chars().count() <= max)
            .unwrap();
        }
        toml::Value::Table(t) => add_markup(t, path),
        toml::Value::Array(items) => items
            .iter_mut()
            .for_each(|v| add_markup_to_value(v, key, path)),
        _ => {}
    }
}

#[test]
fn path_tricks_in_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = variant(
        dir.path(),
        "tricks.toml",
        "complete.toml",
        &[
            (NAME, "name = \"../../etc/CON\""),
            (
                "investor = \"ABCベンチャーキャピタル株式会社\"",
                "investor = \"/tmp/x\\\\..\\\\y\"",
            ),
        ],
    );
    let out = tempfile::tempdir().unwrap();
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    assert_eq!(files.len(), 4, "{files:?}");
    for f in &files {
        assert!(
            !f.contains('/') && !f.contains('\\') && !f.starts_with('.'),
            "{f}"
        );
        assert!(f.starts_with("etc_CON_"), "{f}");
    }
    assert!(
        files.iter().any(|f| f.ends_with("_01__tmp_x_.._y.pdf")),
        "{files:?}"
    );
}

#[test]
fn an_unrelated_file_with_the_output_name_is_never_overwritten() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("株式会社テックシード_誓約書.pdf");
    let render = || {
        yoshiki(&[
            "render",
            fixture("complete.toml").to_str().unwrap(),
            "--form",
            "pledge",
            "--out",
            out.path().to_str().unwrap(),
        ])
    };
    // Our own earlier output is replaced: a second render succeeds.
    assert!(render().status.success());
    assert!(render().status.success());
    // Someone else's file of the same name is not.
    std::fs::write(&target, b"%PDF-1.4 a scanned, signed pledge").unwrap();
    let result = render();
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("上書きしません"),
        "{}",
        stderr(&result)
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        b"%PDF-1.4 a scanned, signed pledge"
    );
}
