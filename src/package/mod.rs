//! The submission package: the documents each program's guide asks for (program data), what
//! the applicant file makes of them (a yoshiki form) or attaches (`[[attachments]]`), and the
//! checklist that says which is which. A required document that is missing is a warning that
//! names it (an error with `--strict`).

mod attachments;
mod profiles;

pub(crate) use attachments::read as read_attachments;
pub use attachments::{Attachment, Kind, Policy};
pub use profiles::{Profile, Wanted, profiles};

use serde::{Deserialize, Serialize};

use crate::diag::{Finding, Severity};
use crate::forms::{self, Form, PackageFacts, Program};
use crate::keypath::KeyPath;
use crate::program::{DocumentRule, DocumentSpec, Need};

/// The NEDO checklist's title when no form of the file names the program and phase.
const NEDO_UNKNOWN: &str = "NEDO、事業・フェーズ不明: [investment_report] か [investment_intents] の program・phase で決まります";

/// What one program's package holds.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// `静岡県 令和5年度 2次募集`, `NEDO DTSU STS フェーズ`.
    pub title: String,
    #[serde(skip)]
    pub program: Program,
    pub documents: Vec<Entry>,
}

/// One document of a package and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: String,
    pub label: String,
    pub status: Status,
    /// The guide's condition, or when the document is not needed.
    pub note: Option<String>,
    /// The yoshiki form that makes it, when there is one.
    #[serde(skip)]
    pub form: Option<&'static Form>,
    /// The attachments that are it (`[[attachments]]` indices), in file order.
    #[serde(skip)]
    pub attached: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Made by yoshiki from the file.
    Generated,
    /// A file the applicant attached.
    Attached,
    /// Required and neither made nor attached.
    Missing,
    /// Conditional: needed only in the situation the note names.
    Conditional,
    /// Optional.
    Optional,
    /// Not needed: another document the file has stands in for it (追加資料5 for 6).
    Covered,
}

impl Entry {
    /// `［添付］(カ) 会社・法人登記に係る履歴事項全部証明書 — 登記.pdf（2 ページ）`.
    pub fn line(&self, attachments: &[Attachment]) -> String {
        let mark = match self.status {
            Status::Generated => "［生成］",
            Status::Attached => "［添付］",
            Status::Missing => "［不足］",
            Status::Conditional => "［条件］",
            Status::Optional => "［任意］",
            Status::Covered => "［不要］",
        };
        let files: Vec<String> = self
            .attached
            .iter()
            .filter_map(|i| attachments.iter().find(|a| a.index == *i))
            .map(|a| format!("{}（{} ページ）", a.written, a.pages()))
            .collect();
        let mut line = format!("{mark}{}", self.label);
        if !files.is_empty() {
            line += &format!(" — {}", files.join("、"));
        }
        if let Some(note) = &self.note {
            line += &format!("（{note}）");
        }
        line
    }
}

impl Checklist {
    /// The checklist as `check` prints it.
    pub fn lines(&self, attachments: &[Attachment]) -> Vec<String> {
        let mut lines = vec![format!("提出書類（{}）:", self.title)];
        lines.extend(
            self.documents
                .iter()
                .map(|e| format!("  {}", e.line(attachments))),
        );
        lines
    }
}

/// What the package is made of: the forms the file makes and the attachments it lists.
pub(crate) struct Contents<'a> {
    pub(crate) facts: PackageFacts<'a>,
    /// The forms whose documents the file makes (whatever `--form` chose to render now).
    pub(crate) generated: Vec<&'static Form>,
    pub(crate) attachments: &'a [Attachment],
    /// The documents of the attachments listed but not read (their errors are reported).
    pub(crate) listed: Vec<String>,
    /// Missing documents are errors, not warnings.
    pub(crate) strict: bool,
}

/// The checklist of every program the file is for, and what is wrong with the package.
pub(crate) fn checklists(contents: &Contents) -> (Vec<Checklist>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut lists = Vec::new();
    let all_ids: Vec<&str> = contents
        .facts
        .shizuoka
        .documents
        .iter()
        .chain(contents.facts.nedo_documents)
        .map(|d| d.id.as_str())
        .collect();
    for attachment in contents.attachments {
        if !all_ids.contains(&attachment.document.as_str()) {
            findings.push(
                Finding::error(
                    KeyPath::root()
                        .key("attachments")
                        .index(attachment.index)
                        .key("document"),
                    format!("提出書類「{}」は様式定義にありません", attachment.document),
                )
                .with_help(format!("使える id: {}", all_ids.join(", "))),
            );
        }
    }
    for (program, title, specs, nedo) in [
        (
            Program::Shizuoka,
            format!("静岡県 {}", contents.facts.shizuoka.name),
            contents.facts.shizuoka.documents.as_slice(),
            None,
        ),
        (
            Program::Nedo,
            contents
                .facts
                .nedo
                .map_or(NEDO_UNKNOWN.to_owned(), |(p, f)| {
                    format!("NEDO {} {} フェーズ", p.code(), f.code())
                }),
            contents.facts.nedo_documents,
            contents.facts.nedo,
        ),
    ] {
        if !concerns(contents, specs) {
            continue;
        }
        let mut missing = Vec::new();
        let documents = specs
            .iter()
            .filter_map(|spec| entry(contents, spec, specs, nedo, &mut findings, &mut missing))
            .collect();
        if !missing.is_empty() {
            findings.push(missing_documents(contents, &title, &missing));
        }
        lists.push(Checklist {
            title,
            program,
            documents,
        });
    }
    (lists, findings)
}

/// Whether the file is for this program: it makes one of its forms or attaches one of its
/// documents.
fn concerns(contents: &Contents, specs: &[DocumentSpec]) -> bool {
    specs.iter().any(|spec| {
        form_of(spec).is_some_and(|f| contents.generated.contains(&f))
            || contents.attachments.iter().any(|a| a.document == spec.id)
    })
}

fn form_of(spec: &DocumentSpec) -> Option<&'static Form> {
    spec.form.as_deref().and_then(forms::find)
}

/// Whether a document is there, made or attached.
fn present(contents: &Contents, specs: &[DocumentSpec], id: &str) -> bool {
    specs.iter().filter(|s| s.id == id).any(|spec| {
        form_of(spec).is_some_and(|f| contents.generated.contains(&f))
            || contents.attachments.iter().any(|a| a.document == spec.id)
    })
}

/// One document's place in the checklist, and the finding when a required one is missing.
/// `None`: the program and phase do not ask for it, and the file neither makes nor attaches it
/// (the GX declaration of a DTSU applicant).
fn entry<'a>(
    contents: &Contents,
    spec: &'a DocumentSpec,
    specs: &[DocumentSpec],
    nedo: Option<(crate::model::NedoProgram, crate::model::Phase)>,
    findings: &mut Vec<Finding>,
    missing: &mut Vec<&'a DocumentSpec>,
) -> Option<Entry> {
    let form = form_of(spec);
    let attached: Vec<usize> = contents
        .attachments
        .iter()
        .filter(|a| a.document == spec.id)
        .map(|a| a.index)
        .collect();
    let generated = form.is_some_and(|f| contents.generated.contains(&f));
    // Listed but unreadable: the error at its path says so; no second finding.
    let unreadable = contents.listed.iter().any(|id| id == &spec.id);
    let rule = spec.rule(nedo);
    let mut entry = Entry {
        id: spec.id.clone(),
        label: spec.label.clone(),
        status: Status::Optional,
        note: rule.and_then(|r| r.condition.clone()),
        form,
        attached,
    };
    if !entry.attached.is_empty() {
        entry.status = Status::Attached;
        return Some(entry);
    }
    if generated {
        entry.status = Status::Generated;
        if let Some(rule) = rule.filter(|r| r.signed) {
            entry.note = Some("署名・押印してスキャンしたものを添付してください".to_owned());
            findings.push(unsigned(contents, spec, rule));
        }
        return Some(entry);
    }
    let rule = rule?;
    // Required only with another document (追加資料21 with 追加資料6): until then conditional.
    let needed = rule
        .with
        .as_deref()
        .is_none_or(|with| present(contents, specs, with));
    let covered = rule
        .either
        .as_deref()
        .filter(|other| present(contents, specs, other));
    entry.status = match rule.need {
        Need::Required if needed && covered.is_none() => {
            if !unreadable {
                missing.push(spec);
            }
            Status::Missing
        }
        Need::Required if !needed => Status::Conditional,
        Need::Required => Status::Covered,
        Need::Conditional => Status::Conditional,
        Need::Optional => Status::Optional,
    };
    if let Some(other) = covered.and_then(|id| specs.iter().find(|s| s.id == id)) {
        entry.note = Some(format!("{}があるため不要", other.label));
    }
    if entry.status == Status::Missing && unreadable {
        entry.note = Some("添付ファイルを読めません".to_owned());
    } else if entry.status == Status::Missing {
        entry.note = Some(
            rule.unless
                .as_ref()
                .map_or("必須".to_owned(), |unless| format!("必須。{unless}")),
        );
    }
    Some(entry)
}

fn severity(contents: &Contents) -> Severity {
    if contents.strict {
        Severity::Error
    } else {
        Severity::Warning
    }
}

fn located(severity: Severity, key: KeyPath, message: String) -> Finding {
    match severity {
        Severity::Error => Finding::error(key, message),
        _ => Finding::warning(key, message),
    }
}

/// The required documents of one program's package neither made nor attached: one finding
/// that names them all (the checklist says how to make or attach each).
fn missing_documents(contents: &Contents, title: &str, missing: &[&DocumentSpec]) -> Finding {
    let labels: Vec<String> = missing.iter().map(|s| format!("「{}」", s.label)).collect();
    let ids: Vec<String> = missing.iter().map(|s| format!("\"{}\"", s.id)).collect();
    let sections: Vec<String> = missing
        .iter()
        .filter_map(|s| form_of(s))
        .map(|f| format!("[{}]", f.section))
        .collect();
    let mut help = String::new();
    if !sections.is_empty() {
        help += &format!("{} を書くか、", sections.join("・"));
    }
    help += &format!(
        "[[attachments]] に document = {} と path で添付してください（yoshiki check の提出書類の一覧に、それぞれの条件と出典があります）",
        ids.join(" / ")
    );
    located(
        severity(contents),
        KeyPath::root().key("attachments"),
        format!(
            "提出書類が {} 件足りません（{title}）: {}",
            missing.len(),
            labels.join("")
        ),
    )
    .with_help(help)
}

/// A document submitted signed or sealed and scanned, of which there is only the generated one.
fn unsigned(contents: &Contents, spec: &DocumentSpec, _rule: &DocumentRule) -> Finding {
    let key = spec
        .form
        .as_deref()
        .and_then(forms::find)
        .map_or(KeyPath::root(), |f| KeyPath::root().key(f.section));
    located(
        severity(contents),
        key,
        format!("{}は代表者の自署または押印のうえスキャンして提出します", spec.label),
    )
    .with_help(format!(
        "印刷して署名・押印し、スキャンを [[attachments]] に document = \"{}\" で添付すると、申請書類一式ではそれが使われます。出典: {}",
        spec.id, spec.source
    ))
}

/// A checked applicant's package: its checklists and the attachments read.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub checklists: Vec<Checklist>,
    pub attachments: Vec<Attachment>,
}

impl Package {
    /// Every checklist as `check` prints it.
    pub fn lines(&self) -> Vec<String> {
        self.checklists
            .iter()
            .flat_map(|c| c.lines(&self.attachments))
            .collect()
    }
}

/// Reads the file's attachments and makes its checklists; what is wrong with either comes back
/// as diagnostics located in the file.
pub fn assemble(
    context: &crate::Context,
    prepared: &crate::Prepared,
    policy: &Policy,
    strict: bool,
) -> (Package, Vec<crate::diag::Diagnostic>) {
    let data = &prepared.loaded.data;
    let (attachments, mut findings) =
        read_attachments(&prepared.loaded.file, &data.attachments, policy);
    let mut facts = forms::package_facts(data, &context.programs);
    findings.append(&mut facts.findings);
    let contents = Contents {
        facts,
        generated: prepared.present.clone(),
        attachments: &attachments,
        listed: data
            .attachments
            .iter()
            .map(|a| a.document.trim().to_owned())
            .collect(),
        strict,
    };
    let (checklists, more) = checklists(&contents);
    findings.extend(more);
    let diagnostics = findings
        .into_iter()
        .map(|f| prepared.loaded.diagnostic(f))
        .collect();
    (
        Package {
            checklists,
            attachments,
        },
        diagnostics,
    )
}
