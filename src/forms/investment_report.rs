//! 出資等に関する報告書 — NEDO 様式第22 (追加資料6). Spec: forms.md §1.
//!
//! One report per investor or lender. The rules come from the guide's 「違い①」 table:
//! - DTSU STS: investments from VC等, CVC and 事業会社 count; their sum ≥ (A)/3; at least one from
//!   a VC等 or CVC, and the largest investor is a VC等 or CVC.
//! - DTSU PCA: investments and loans (金融機関) count; sum ≥ (A)/3; loans alone are not allowed.
//! - DTSU DMP and GX: no requirement; whether VC等/CVC/事業会社 reach (A)/6 is reported.

use std::collections::BTreeMap;

use serde_json::json;

use super::{
    Assessment, Document, Form, FormInput, Layout, Program, applicant, calls, kept_end, rules,
};
use crate::diag::Finding;
use crate::figures::{Ratio, ceil_share, group_digits, seireki, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, Investment, InvestmentReport, InvestorKind, NedoProgram, Phase};
use crate::program::NedoRound;

pub(super) static FORM: Form = Form {
    name: "investment-report",
    title: "出資等に関する報告書",
    source: "NEDO 様式第22（追加資料6）",
    program: Program::Nedo,
    section: "investment_report",
    template: template!("investment-report.typ"),
    parts: &[template!("parts/investment-report.typ")],
    layout: Layout::OnePage,
    assess,
    figures: &["(A) 助成対象費用", "(B)/(A)", "算入される出資等の合計"],
    example: fixture!("complete.toml"),
};

/// The requirement a program and phase hold the investments against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// DTSU STS: 1/3 from VC等・CVC・事業会社, largest investor a VC等 or CVC.
    StsOneThird,
    /// DTSU PCA: 1/3 from investments and loans, not loans alone.
    PcaOneThird,
    /// DTSU DMP: no requirement; 1/6 decides NEDO負担率 2/3 (else 1/2).
    DmpOneSixth,
    /// GX: no requirement; 1/6 is reported (負担率 is 2/3 in every case).
    GxOneSixth,
}

impl Rule {
    fn of(program: NedoProgram, phase: Phase) -> Self {
        match (program, phase) {
            (NedoProgram::Dtsu, Phase::Sts) => Rule::StsOneThird,
            (NedoProgram::Dtsu, Phase::Pca) => Rule::PcaOneThird,
            (NedoProgram::Dtsu, Phase::Dmp) => Rule::DmpOneSixth,
            (NedoProgram::Gx, _) => Rule::GxOneSixth,
        }
    }

    fn counted_kinds(self) -> &'static str {
        match self {
            Rule::PcaOneThird => "VC等・CVC・事業会社・金融機関",
            _ => "VC等・CVC・事業会社",
        }
    }
}

/// The report's facts every step reads.
struct Report<'a> {
    file: &'a ApplicantFile,
    report: &'a InvestmentReport,
    key: KeyPath,
    rule: Rule,
    /// The round whose 所定の期間 decides what counts; `None` when it is not known.
    round: Option<&'a NedoRound>,
    /// (A) 助成対象費用.
    a: u128,
}

impl Report<'_> {
    /// Whether this kind of money counts at all in the program and phase (「違い①」).
    fn kind_counts(&self, kind: InvestorKind) -> bool {
        rules::nedo_counts(self.report.program, self.report.phase, kind)
    }

    /// Whether the money arrived inside the round's 所定の期間 (unknown period: assumed so,
    /// and the summary says it was not checked).
    fn in_period(&self, investment: &Investment) -> bool {
        self.round.is_none_or(|r| {
            rules::within(
                investment.date.get(),
                r.period_start.get(),
                r.period_end.get(),
            )
        })
    }

    /// Whether an investment counts towards the requirement: its kind, inside the period.
    fn counts(&self, investment: &Investment) -> bool {
        self.kind_counts(investment.investor_kind) && self.in_period(investment)
    }

    /// `所定の期間内に` or, when the period is unknown, what the rule could not check.
    fn within_period(&self) -> &'static str {
        if self.round.is_some() {
            "所定の期間内に"
        } else {
            "（所定の期間は未確認）"
        }
    }
}

/// Checks the report and prepares one document per investment; `None` when the section is absent.
fn assess(input: &FormInput) -> Option<Assessment> {
    let report = input.file.investment_report.as_ref()?;
    let key = KeyPath::root().key("investment_report");
    let (round, round_findings) = calls::nedo_round(
        &input.programs.nedo,
        report.program,
        report.round,
        report.date,
        &key,
    );
    let facts = Report {
        file: input.file,
        report,
        key,
        rule: Rule::of(report.program, report.phase),
        round,
        a: u128::from(report.eligible_cost.get()),
    };
    let mut out = Assessment::headed(&FORM, heading(&facts));
    out.findings = round_findings;
    out.line(format!("  (A) 助成対象費用: {}", yen(facts.a)));
    out.figure("(A) 助成対象費用", facts.a);
    check_basics(&facts, &mut out);
    for (i, investment) in report.investments.iter().enumerate() {
        assess_investment(&facts, i, investment, &mut out);
    }
    if facts.a > 0 && !report.investments.is_empty() {
        hold_against_rule(&facts, &mut out);
    }
    Some(out)
}

/// `: DTSU STS フェーズ、DTSU 第7回（所定の期間 …〜…）`
fn heading(facts: &Report) -> String {
    let program = facts.report.program;
    let mut heading = format!(
        ": {} {} フェーズ",
        program.code(),
        facts.report.phase.code()
    );
    match facts.round {
        Some(r) => {
            heading += &format!(
                "、{} 第{}回（所定の期間 {}〜{}）",
                program.code(),
                r.number(program),
                r.period_start,
                r.period_end
            );
        }
        None => heading += "、公募回不明（所定の期間は未確認）",
    }
    heading
}

/// (A) positive and at least one investment.
fn check_basics(facts: &Report, out: &mut Assessment) {
    let key = &facts.key;
    if facts.a == 0 {
        out.findings.push(
            Finding::error(key.key("eligible_cost"), "(A) 助成対象費用が 0 円です")
                .with_help("助成対象費用を正の整数（円）で書いてください（例: 300_000_000）"),
        );
    }
    if facts.report.investments.is_empty() {
        out.findings.push(
            Finding::error(key.key("investments"), "出資・融資が一件もありません")
                .with_help("[[investment_report.investments]] を一社につき一つ書いてください"),
        );
    }
}

/// One investment: its line of the summary, its dates, and its report.
fn assess_investment(facts: &Report, i: usize, investment: &Investment, out: &mut Assessment) {
    let item = facts.key.key("investments").index(i);
    let b = u128::from(investment.amount.get());
    out.findings.extend(rules::required_text(
        &item.key("investor"),
        &investment.investor,
    ));
    if b == 0 {
        out.findings.push(
            Finding::error(item.key("amount"), "(B) 出資額が 0 円です")
                .with_help("日本円による着金額を正の整数（円）で書いてください"),
        );
    }
    let ratio = Ratio::of(b, facts.a).map_or("—".to_owned(), |r| r.to_string());
    out.figure("(B)/(A)", &ratio);
    let note = if !facts.kind_counts(investment.investor_kind) {
        "  ※要件に算入されない"
    } else if !facts.in_period(investment) {
        "  ※所定の期間外のため要件に算入されない"
    } else {
        ""
    };
    out.line(format!(
        "  [{}] {}（{}）着金日 {}  (B) {}  (B)/(A) = {ratio}{note}",
        i + 1,
        investment.investor.trim(),
        investment.investor_kind.label(),
        investment.date,
        yen(b),
    ));
    if let Some(r) = facts.round
        && !facts.in_period(investment)
    {
        out.findings.push(
            Finding::warning(
                item.key("date"),
                format!(
                    "着金日 {} は所定の期間（{}〜{}）の外です",
                    investment.date, r.period_start, r.period_end
                ),
            )
            .with_help("所定の期間外の出資・融資は要件に算入されません"),
        );
    }
    if investment.date > facts.report.date {
        out.findings.push(Finding::warning(
            item.key("date"),
            format!(
                "着金日 {} が書類の日付 {} より後です",
                investment.date, facts.report.date
            ),
        ));
    }
    if facts.a > 0 {
        out.documents.push(document(facts, i, &ratio));
    }
}

/// Sums the counted investments and holds them against the program's rule.
fn hold_against_rule(facts: &Report, out: &mut Assessment) {
    let investments = &facts.report.investments;
    let counted: Vec<&Investment> = investments.iter().filter(|i| facts.counts(i)).collect();
    let sum: u128 = counted.iter().map(|i| u128::from(i.amount.get())).sum();
    let outside: u128 = investments
        .iter()
        .filter(|i| facts.kind_counts(i.investor_kind) && !facts.in_period(i))
        .map(|i| u128::from(i.amount.get()))
        .sum();
    let sum_ratio = Ratio::of(sum, facts.a).map_or("—".to_owned(), |r| r.to_string());
    out.figure("算入される出資等の合計", sum);
    out.line(format!(
        "  算入される出資等の合計（{}、{}）: {}  (B)/(A) = {}",
        facts.rule.counted_kinds(),
        facts.within_period().trim_end_matches('に'),
        yen(sum),
        sum_ratio
    ));
    if outside > 0 {
        out.line(format!(
            "  所定の期間外のため算入されない出資等: {}",
            yen(outside)
        ));
    }
    match facts.rule {
        Rule::StsOneThird => {
            hold_one_third(facts, "STS", sum, out);
            hold_sts_investor_rules(facts, &counted, out);
        }
        Rule::PcaOneThird => {
            hold_one_third(facts, "PCA", sum, out);
            hold_pca_not_loans_only(facts, &counted, out);
        }
        Rule::DmpOneSixth | Rule::GxOneSixth => report_one_sixth(facts, sum, out),
    }
}

/// STS and PCA: the counted money reaches (A)/3.
fn hold_one_third(facts: &Report, phase: &str, sum: u128, out: &mut Assessment) {
    let needed = ceil_share(facts.a, 1, 3);
    let kinds = facts.rule.counted_kinds();
    let failure = (sum < needed).then(|| {
        Finding::error(
            facts.key.key("investments"),
            format!(
                "DTSU {phase} の出資要件を満たしません: 合計 {}は (A) {}の 1/3 に {}不足",
                yen(sum),
                yen(facts.a),
                yen(needed - sum)
            ),
        )
        .with_help(format!(
            "{}{kinds}からの出資{}の合計が {}以上必要です",
            facts.within_period(),
            if facts.rule == Rule::PcaOneThird {
                "・融資"
            } else {
                ""
            },
            yen(needed)
        ))
    });
    out.rule(
        format!(
            "DTSU {phase} — {}{kinds}から (A) の 1/3（{}）以上",
            facts.within_period(),
            yen(needed)
        ),
        failure.into_iter().collect(),
    );
}

/// PCA: loans alone are not allowed.
fn hold_pca_not_loans_only(facts: &Report, counted: &[&Investment], out: &mut Assessment) {
    let loans_only = !counted.is_empty()
        && counted
            .iter()
            .all(|i| i.investor_kind == InvestorKind::Bank);
    let failure = loans_only.then(|| {
        Finding::error(
            facts.key.key("investments"),
            "DTSU PCA では融資のみでの応募はできません（金融機関からの融資しかありません）",
        )
        .with_help("VC等・CVC・事業会社からの出資を少なくとも一件含めてください")
    });
    out.rule(
        "DTSU PCA — 融資のみでの応募は不可",
        failure.into_iter().collect(),
    );
}

/// DMP and GX: whether the counted investments reach (A)/6, reported, never failed.
fn report_one_sixth(facts: &Report, sum: u128, out: &mut Assessment) {
    let needed = ceil_share(facts.a, 1, 6);
    let reached = sum >= needed;
    let consequence = match (facts.rule, reached) {
        (Rule::DmpOneSixth, true) => "NEDO負担率 2/3 以内で提案できます",
        (Rule::DmpOneSixth, false) => {
            "NEDO負担率は 1/2 以内です（2/3 以内とするには (A) の 1/6 以上の出資が必要）"
        }
        _ => "GX事業の NEDO負担率は一律 2/3 以内です",
    };
    out.line(format!(
        "  報告: {} {} — {}VC等・CVC・事業会社からの出資は (A) の 1/6（{}）{} → {consequence}",
        facts.report.program.code(),
        facts.report.phase.code(),
        facts.within_period(),
        yen(needed),
        if reached {
            "以上"
        } else {
            "に届きません"
        }
    ));
    out.findings.push(Finding::note(
        facts.key.key("investments"),
        format!(
            "VC等・CVC・事業会社からの出資 {}は (A) の 1/6（{}）{}: {consequence}",
            yen(sum),
            yen(needed),
            if reached {
                "以上です".to_owned()
            } else {
                format!("に {}届きません", yen(needed - sum))
            }
        ),
    ));
}

fn is_vc(kind: InvestorKind) -> bool {
    matches!(kind, InvestorKind::Vc | InvestorKind::Cvc)
}

/// STS: a VC等 or CVC must invest, and the largest investor must be one (of the investments
/// that count).
fn hold_sts_investor_rules(facts: &Report, counted: &[&Investment], out: &mut Assessment) {
    let key = facts.key.key("investments");
    let any_vc = counted.iter().any(|i| is_vc(i.investor_kind));
    let failure = (!any_vc).then(|| {
        Finding::error(
            key.clone(),
            format!(
                "DTSU STS では{}VC等 または CVC からの出資が必須ですが、ありません",
                facts.within_period()
            ),
        )
        .with_help("investor_kind = \"vc\" または \"cvc\" の出資を含めてください")
    });
    out.rule(
        "DTSU STS — VC等またはCVCからの出資が必須",
        failure.into_iter().collect(),
    );
    if !any_vc {
        return;
    }
    let (largest, names, largest_are_vc) = largest_investors(counted);
    let failure = (!largest_are_vc).then(|| {
        Finding::error(
            key,
            format!(
                "DTSU STS では最大出資者が VC等 または CVC である必要がありますが、最大は {}（{}）です",
                names.join("・"),
                yen(largest)
            ),
        )
        .with_help("VC等・CVC からの出資額が事業会社からの出資額以上になるようにしてください")
    });
    out.rule(
        format!(
            "DTSU STS — 最大出資者は VC等 または CVC（最大: {} {}）",
            names.join("・"),
            yen(largest)
        ),
        failure.into_iter().collect(),
    );
}

/// The largest amount per investor among the counted investments (tranches of one investor
/// add up), the investors who gave it, and whether one of them is a VC等 or CVC.
fn largest_investors<'a>(counted: &[&'a Investment]) -> (u128, Vec<&'a str>, bool) {
    let mut per_investor: BTreeMap<&str, (u128, bool)> = BTreeMap::new();
    for i in counted {
        let entry = per_investor.entry(i.investor.trim()).or_insert((0, false));
        entry.0 += u128::from(i.amount.get());
        entry.1 |= is_vc(i.investor_kind);
    }
    let largest = per_investor
        .values()
        .map(|(sum, _)| *sum)
        .max()
        .unwrap_or(0);
    let top: Vec<(&str, bool)> = per_investor
        .iter()
        .filter(|(_, (sum, _))| *sum == largest)
        .map(|(name, (_, vc))| (*name, *vc))
        .collect();
    let any_vc = top.iter().any(|(_, vc)| *vc);
    (largest, top.into_iter().map(|(n, _)| n).collect(), any_vc)
}

/// The values `templates/investment-report.typ` prints for investment `index`.
fn document(facts: &Report, index: usize, ratio: &str) -> Document {
    let report = facts.report;
    let investment = &report.investments[index];
    let applicant = facts.file.applicant.name.trim().to_owned();
    let investor = investment.investor.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{:02}_{investor}", index + 1)),
        title: format!("{}（{applicant}・{investor}）", FORM.title),
        author: applicant,
        date: Some(report.date.get()),
        data: json!({
            "date": seireki(report.date.get()),
            "fitted": applicant::fitted(&facts.file.applicant),
            "eligible_cost": group_digits(report.eligible_cost.get().into()),
            "investor": kept_end(&investor),
            "investment_date": seireki(investment.date.get()),
            "amount": group_digits(investment.amount.get().into()),
            "ratio": ratio,
        }),
    }
}
