//! Which 静岡県 call for applications (募集) a file's documents belong to, and which NEDO round.
//! A document is never printed with another call's values: the file names its call, or the
//! dates of its documents find it; a date no known call holds is an error that lists the calls
//! and says how to add one (a warning only where the file sets what the form prints itself).

use super::FormInput;
use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, Letterhead, NedoProgram, Phase};
use crate::program::{DocumentSpec, Nedo, NedoRound, Programs, Shizuoka, ShizuokaCall};
use crate::values::Date;

/// How to add a call, for the messages that find none.
const ADD_A_CALL: &str = "新しい募集回は yoshiki export programs フォルダ で様式定義を書き出し、フォルダ/shizuoka.toml に [[calls]] を足して --programs フォルダ を付けると使えます";

/// A dated 静岡県 document of the file.
struct Dated<'a> {
    /// The key of its date.
    key: KeyPath,
    date: Date,
    /// Its name in messages.
    what: &'static str,
    /// The values the form prints that the file may set itself.
    head: Option<&'a Letterhead>,
}

fn dated(file: &ApplicantFile) -> Vec<Dated<'_>> {
    let mut out = Vec::new();
    if let Some(application) = &file.application {
        out.push(Dated {
            key: KeyPath::root().key("application").key("date"),
            date: application.head.date,
            what: "申込書",
            head: Some(&application.head),
        });
    }
    if let Some(pledge) = &file.pledge {
        out.push(Dated {
            key: KeyPath::root().key("pledge").key("date"),
            date: pledge.head.date,
            what: "誓約書",
            head: Some(&pledge.head),
        });
    }
    if let Some(date) = file.budget.as_ref().and_then(|b| b.date) {
        out.push(Dated {
            key: KeyPath::root().key("budget").key("date"),
            date,
            what: "収支予算書",
            head: None,
        });
    }
    out
}

impl<'a> FormInput<'a> {
    /// The 静岡県 call of the file's documents and what was found choosing it. When none can be
    /// chosen, an error says so and the newest call stands in, so that the other checks still
    /// run (nothing is printed: the error stops it).
    pub(super) fn shizuoka(&self) -> (&'a ShizuokaCall, Vec<Finding>) {
        choose_call(self.file, &self.programs.shizuoka)
    }
}

fn choose_call<'a>(
    file: &ApplicantFile,
    shizuoka: &'a Shizuoka,
) -> (&'a ShizuokaCall, Vec<Finding>) {
    let documents = dated(file);
    let mut findings = Vec::new();
    if let Some(named) = file.shizuoka.as_ref().map(|s| s.call.trim()) {
        let key = KeyPath::root().key("shizuoka").key("call");
        let Some(call) = shizuoka.call(named) else {
            findings.push(
                Finding::error(key, format!("募集回「{named}」は様式定義にありません"))
                    .with_help(format!("既知の募集回: {}。{ADD_A_CALL}", shizuoka.known())),
            );
            return (shizuoka.newest(), findings);
        };
        for document in documents.iter().filter(|d| !call.holds(d.date)) {
            findings.push(Finding::warning(
                document.key.clone(),
                format!(
                    "{}の日付 {} は{}の提出期間（{}〜{}）の外です",
                    document.what,
                    document.date,
                    call.name,
                    call.submission_start,
                    call.submission_end
                ),
            ));
        }
        return (call, findings);
    }
    let mut chosen: Option<(&ShizuokaCall, &Dated)> = None;
    for document in &documents {
        match shizuoka.call_on(document.date) {
            Some(call) => match chosen {
                Some((first, by)) if !std::ptr::eq(first, call) => findings.push(
                    Finding::error(
                        document.key.clone(),
                        format!(
                            "{}の日付 {} は{}、{}の日付 {} は{}の提出期間です。一つの申請書類は一つの募集回のものです",
                            by.what, by.date, first.name, document.what, document.date, call.name
                        ),
                    )
                    .with_help("書類の日付をそろえるか、[shizuoka] call = \"…\" で募集回を指定してください"),
                ),
                Some(_) => {}
                None => chosen = Some((call, document)),
            },
            None => findings.push(outside_every_call(document, shizuoka)),
        }
    }
    match chosen {
        Some((call, _)) => (call, findings),
        None if documents.is_empty() => {
            findings.push(
                Finding::error(
                    KeyPath::root(),
                    "どの募集回の書類か決められません（日付のある 静岡県の様式がありません）",
                )
                .with_help(format!(
                    "[shizuoka] に call = \"{}\" のように募集回を書いてください。既知の募集回: {}",
                    shizuoka.newest().id,
                    shizuoka.known()
                )),
            );
            (shizuoka.newest(), findings)
        }
        None => (shizuoka.newest(), findings),
    }
}

/// A document dated outside every known call: an error, or a warning when the file sets the
/// addressee and the fiscal year the form prints.
fn outside_every_call(document: &Dated, shizuoka: &Shizuoka) -> Finding {
    let message = format!(
        "{}の日付 {} は、既知のどの募集回の提出期間にも入りません",
        document.what, document.date
    );
    let sets_its_values = document
        .head
        .is_some_and(|h| h.addressee.is_some() && h.fiscal_year.is_some());
    if sets_its_values {
        Finding::warning(document.key.clone(), message).with_help(format!(
            "宛先と年度は申請者ファイルの値を印刷し、上限額などの規則は最新の{}のものを使います。既知の募集回: {}。{ADD_A_CALL}",
            shizuoka.newest().name,
            shizuoka.known()
        ))
    } else {
        Finding::error(document.key.clone(), message)
            .with_help(format!("既知の募集回: {}。{ADD_A_CALL}", shizuoka.known()))
    }
}

/// The NEDO round of a section (`round = N` in its program's numbering, or the round the
/// document's date belongs to), and what was found choosing it. `None`: no known round, so the
/// 所定の期間 cannot be checked (a warning says so).
pub(super) fn nedo_round<'a>(
    nedo: &'a Nedo,
    program: NedoProgram,
    number: Option<u32>,
    date: Date,
    key: &KeyPath,
) -> (Option<&'a NedoRound>, Vec<Finding>) {
    let code = program.code();
    let known: Vec<String> = nedo
        .rounds
        .iter()
        .map(|r| format!("第{}回（{}）", r.number(program), r.name()))
        .collect();
    let add = "新しい公募回は yoshiki export programs フォルダ で書き出した nedo.toml に [[rounds]] を足し、--programs フォルダ で使えます";
    let Some(number) = number else {
        return match nedo.round_on(date) {
            Some(round) => (Some(round), Vec::new()),
            None => (
                None,
                vec![Finding::warning(
                    key.key("date"),
                    format!("書類の日付 {date} はどの公募回の所定の期間にも入らないため、公募回が分からず、所定の期間を確認していません"),
                )
                .with_help(format!(
                    "round = … で{code}の公募回を指定してください（既知の公募回: {}）。{add}",
                    known.join("、")
                ))],
            ),
        };
    };
    let Some(round) = nedo.round(program, number) else {
        return (
            None,
            vec![
                Finding::warning(
                    key.key("round"),
                    format!(
                        "{code} 第{number}回は様式定義にないため、所定の期間を確認していません"
                    ),
                )
                .with_help(format!("{code}の既知の公募回: {}。{add}", known.join("、"))),
            ],
        );
    };
    (Some(round), Vec::new())
}

/// What a file's submission package depends on beyond its forms: its 静岡県 call, and its
/// NEDO program and phase (from its 出資等に関する報告書, else its 出資/融資意向確認書, else
/// `[nedo]`), and where those sections disagree on them.
pub(crate) struct PackageFacts<'a> {
    pub(crate) shizuoka: &'a ShizuokaCall,
    pub(crate) nedo: Option<(NedoProgram, Phase)>,
    pub(crate) nedo_documents: &'a [DocumentSpec],
    pub(crate) findings: Vec<Finding>,
}

pub(crate) fn package_facts<'a>(file: &ApplicantFile, programs: &'a Programs) -> PackageFacts<'a> {
    let named: Vec<(&str, (NedoProgram, Phase))> = [
        file.investment_report
            .as_ref()
            .map(|r| ("investment_report", (r.program, r.phase))),
        file.investment_intents
            .as_ref()
            .map(|i| ("investment_intents", (i.program, i.phase))),
        file.nedo.as_ref().map(|n| ("nedo", (n.program, n.phase))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let nedo = named.first().map(|(_, choice)| *choice);
    let described =
        |(program, phase): (NedoProgram, Phase)| format!("{} {}", program.code(), phase.code());
    // [nedo] must agree with the form that names them (the 報告書 and the 意向確認書 are held
    // against each other by the 意向確認書's own check).
    let findings = match (named.first(), named.last()) {
        (Some(&(first, choice)), Some(&("nedo", stated)))
            if first != "nedo" && stated != choice =>
        {
            vec![
                Finding::error(
                    KeyPath::root().key("nedo").key("program"),
                    format!(
                        "[nedo] の事業・フェーズ（{}）が [{first}] の（{}）と違います",
                        described(stated),
                        described(choice)
                    ),
                )
                .with_help(
                    "一つの申請の書類は同じ事業・フェーズにしてください（program と phase）",
                ),
            ]
        }
        _ => Vec::new(),
    };
    PackageFacts {
        shizuoka: choose_call(file, &programs.shizuoka).0,
        nedo,
        nedo_documents: &programs.nedo.documents,
        findings,
    }
}
