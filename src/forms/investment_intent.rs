//! 出資/融資意向確認願・確認書 — NEDO 追加資料5. Source: 001_34c4718ac16d6e19.txt,
//! 「(参考)追加資料5」.
//!
//! One PDF per investor or lender (「複数社ある場合は、1社ごとにそれぞれ作成すること」): the
//! applicant's request (確認願) and, below it, the investor's confirmation (確認書) with the
//! 出資/融資の条件. The form's 「A/B」 choices print the one that applies: the program, the
//! phase, and 出資 or 融資 (a 金融機関 lends; every other investor invests).

use serde_json::json;

use super::{
    Assessment, Document, Form, FormInput, Layout, Program, applicant, calls, paragraphs, rules,
};
use crate::diag::Finding;
use crate::figures::{group_digits, seireki, yen};
use crate::keypath::KeyPath;
use crate::model::{
    ApplicantFile, InvestmentIntent, InvestmentIntents, InvestorKind, NedoProgram, Phase,
};
use crate::program::NedoRound;

pub(super) static FORM: Form = Form {
    name: "investment-intent",
    title: "出資・融資意向確認書",
    source: "NEDO 追加資料5",
    program: Program::Nedo,
    section: "investment_intents",
    template: template!("investment-intent.typ"),
    parts: &[],
    // 出資/融資の条件 is free text: a long one carries the signer block onto a second page.
    layout: Layout::Grows,
    assess,
    figures: &["出資・融資の額"],
    example: fixture!("nedo-supporting.toml"),
};

/// The program as the form names it.
fn program_name(program: NedoProgram) -> &'static str {
    match program {
        NedoProgram::Dtsu => "ディープテック・スタートアップ支援事業",
        NedoProgram::Gx => {
            "GX分野のディープテック・スタートアップに対する実用化研究開発・量産化実証支援事業"
        }
    }
}

/// The phase as the 確認願 names it.
fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Sts => "STSフェーズ（実用化研究開発（前期））",
        Phase::Pca => "PCAフェーズ（実用化研究開発（後期））",
        Phase::Dmp => "DMPフェーズ（量産化実証）",
    }
}

/// 出資 or 融資.
fn money_kind(kind: InvestorKind) -> &'static str {
    if kind == InvestorKind::Bank {
        "融資"
    } else {
        "出資"
    }
}

fn assess(input: &FormInput) -> Option<Assessment> {
    let file = input.file;
    let intents = file.investment_intents.as_ref()?;
    let key = KeyPath::root().key("investment_intents");
    let (round, round_findings) = calls::nedo_round(
        &input.programs.nedo,
        intents.program,
        intents.round,
        intents.date,
        &key,
    );
    let mut out = Assessment::headed(
        &FORM,
        format!(
            ": {} {} フェーズ{}、{} 通",
            intents.program.code(),
            intents.phase.code(),
            round.map_or(String::new(), |r| format!(
                "、{}（所定の期間 {}〜{}）",
                r.name(),
                r.period_start,
                r.period_end
            )),
            intents.investors.len()
        ),
    );
    out.findings = round_findings;
    check_section(file, intents, &key, &mut out);
    for (i, intent) in intents.investors.iter().enumerate() {
        let item = key.key("investors").index(i);
        out.findings.extend(check(intents, intent, &item));
        out.findings
            .extend(deadline_in_period(intent, round, &item));
        out.figure("出資・融資の額", intent.amount.get());
        out.line(format!(
            "  [{}] {}（{}）{} {}、{}年{}月末まで{}",
            i + 1,
            intent.investor.trim(),
            intent.investor_kind.label(),
            money_kind(intent.investor_kind),
            yen(intent.amount.get().into()),
            intent.deadline.year,
            intent.deadline.month,
            if rules::nedo_counts(intents.program, intents.phase, intent.investor_kind) {
                ""
            } else {
                "  ※要件に算入されない"
            }
        ));
        out.documents.push(document(file, intents, i));
    }
    Some(out)
}

/// At least one investor, a known round, the same program and phase as the 報告書.
fn check_section(
    file: &ApplicantFile,
    intents: &InvestmentIntents,
    key: &KeyPath,
    out: &mut Assessment,
) {
    if intents.investors.is_empty() {
        out.findings.push(
            Finding::error(key.key("investors"), "出資者・融資者が一社もありません")
                .with_help("[[investment_intents.investors]] を一社につき一つ書いてください"),
        );
    }
    if let Some(report) = &file.investment_report
        && (report.program, report.phase) != (intents.program, intents.phase)
    {
        out.findings.push(Finding::warning(
            key.key("phase"),
            format!(
                "出資等に関する報告書は {} {} ですが、意向確認書は {} {} です",
                report.program.code(),
                report.phase.code(),
                intents.program.code(),
                intents.phase.code()
            ),
        ));
    }
}

/// A deadline after the round's 所定の期間 is a warning.
fn deadline_in_period(
    intent: &InvestmentIntent,
    round: Option<&NedoRound>,
    key: &KeyPath,
) -> Option<Finding> {
    let r = round?;
    (intent.deadline.last_day() > r.period_end.get()).then(|| {
        Finding::warning(
            key.key("deadline"),
            format!(
                "{}年{}月末は{}の所定の期間（{}〜{}）の後です",
                intent.deadline.year,
                intent.deadline.month,
                r.name(),
                r.period_start,
                r.period_end
            ),
        )
        .with_help("所定の期間に間に合う年月を書いてください")
    })
}

fn check(intents: &InvestmentIntents, intent: &InvestmentIntent, key: &KeyPath) -> Vec<Finding> {
    let mut findings = rules::required(
        key,
        &[
            ("investor", &intent.investor),
            ("investor_address", &intent.investor_address),
            ("conditions", &intent.conditions),
        ],
    );
    findings.extend(rules::signer(key, &intent.signer));
    if intent.amount.get() == 0 {
        findings.push(
            Finding::error(key.key("amount"), "出資/融資の金額が 0 円です")
                .with_help("意向のある金額を正の整数（円）で書いてください"),
        );
    }
    if intent.date < intents.date {
        findings.push(Finding::warning(
            key.key("date"),
            format!(
                "確認書の日付 {} が確認願の日付 {} より前です",
                intent.date, intents.date
            ),
        ));
    }
    if intent.deadline.last_day() < intents.date.get() {
        findings.push(Finding::error(
            key.key("deadline"),
            format!(
                "期限 {}年{}月末が確認願の日付 {} より前です",
                intent.deadline.year, intent.deadline.month, intents.date
            ),
        ));
    }
    if !rules::nedo_counts(intents.program, intents.phase, intent.investor_kind) {
        findings.push(
            Finding::warning(
                key.key("investor_kind"),
                format!(
                    "{} {} では{}からの{}は出資要件に算入されません",
                    intents.program.code(),
                    intents.phase.code(),
                    intent.investor_kind.label(),
                    money_kind(intent.investor_kind)
                ),
            )
            .with_help("算入されるのは VC等・CVC・事業会社からの出資（DTSU PCA では金融機関からの融資も）です"),
        );
    }
    findings
}

fn document(file: &ApplicantFile, intents: &InvestmentIntents, index: usize) -> Document {
    let intent = &intents.investors[index];
    let applicant = file.applicant.name.trim().to_owned();
    let investor = intent.investor.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{:02}_{investor}", index + 1)),
        title: format!("{}（{applicant}・{investor}）", FORM.title),
        author: applicant,
        date: Some(intents.date.get()),
        data: json!({
            "date": seireki(intents.date.get()),
            "applicant": applicant::values(&file.applicant),
            "investor": investor,
            "program": program_name(intents.program),
            "phase": phase_name(intents.phase),
            "phase_code": intents.phase.code(),
            "kind": money_kind(intent.investor_kind),
            "deadline": format!("{}年{}月末", intent.deadline.year, intent.deadline.month),
            "amount": group_digits(intent.amount.get().into()),
            "conditions": paragraphs(&intent.conditions),
            "confirmed": seireki(intent.date.get()),
            "investor_address": intent.investor_address.trim(),
            "signer": format!(
                "{} {}",
                intent.signer.signer_title.trim(),
                intent.signer.signer_name.trim()
            ),
            "contact": rules::contact_values(&intent.signer),
        }),
    }
}
