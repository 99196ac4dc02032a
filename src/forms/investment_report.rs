//! 出資等に関する報告書 — NEDO 様式第22 (追加資料6). Spec: forms.md §1.
//!
//! One report per investor or lender. The rules come from the guide's 「違い①」 table:
//! - DTSU STS: investments from VC等, CVC and 事業会社 count; their sum ≥ (A)/3; at least one from
//!   a VC等 or CVC, and the largest investor is a VC等 or CVC.
//! - DTSU PCA: investments and loans (金融機関) count; sum ≥ (A)/3; loans alone are not allowed.
//! - DTSU DMP and GX: no requirement; whether VC等/CVC/事業会社 reach (A)/6 is reported.

use std::collections::BTreeMap;

use serde_json::json;

use super::{Assessment, Document, FormInfo, applicant};
use crate::diag::Finding;
use crate::figures::{Ratio, ceil_share, group_digits, seireki, yen};
use crate::keypath::KeyPath;
use crate::model::{ApplicantFile, InvestmentReport, InvestorKind, NedoProgram, Phase};
use crate::program::Programs;

pub const FORM: FormInfo = FormInfo {
    name: "investment-report",
    title: "出資等に関する報告書",
    source: "NEDO 様式第22（追加資料6）",
    section: "investment_report",
    template: "investment-report.typ",
    one_page: true,
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

    fn counts(self, kind: InvestorKind) -> bool {
        match kind {
            InvestorKind::Vc | InvestorKind::Cvc | InvestorKind::Corporate => true,
            InvestorKind::Bank => self == Rule::PcaOneThird,
            InvestorKind::Other => false,
        }
    }

    fn counted_kinds(self) -> &'static str {
        match self {
            Rule::PcaOneThird => "VC等・CVC・事業会社・金融機関",
            _ => "VC等・CVC・事業会社",
        }
    }
}

/// Checks the report and prepares one document per investment; `None` when the section is absent.
pub fn assess(file: &ApplicantFile, programs: &Programs) -> Option<Assessment> {
    let report = file.investment_report.as_ref()?;
    let key = KeyPath::root().key("investment_report");
    let mut out = Assessment {
        findings: applicant::check(&file.applicant),
        ..Default::default()
    };
    let a = u128::from(report.eligible_cost.get());
    let rule = Rule::of(report.program, report.phase);

    let round = report.round.and_then(|n| programs.nedo.round(n));
    let mut heading = format!(
        "{}（{}）: {} {} フェーズ",
        FORM.title,
        FORM.source,
        report.program.code(),
        report.phase.code()
    );
    if let Some(r) = round {
        heading += &format!(
            "、{}（所定の期間 {}〜{}）",
            r.name, r.period_start, r.period_end
        );
    }
    out.summary.push(heading);
    out.summary.push(format!("  (A) 助成対象費用: {}", yen(a)));

    if a == 0 {
        out.findings.push(
            Finding::error(key.key("eligible_cost"), "(A) 助成対象費用が 0 円です")
                .with_help("助成対象費用を正の整数（円）で書いてください（例: 300_000_000）"),
        );
    }
    if report.investments.is_empty() {
        out.findings.push(
            Finding::error(key.key("investments"), "出資・融資が一件もありません")
                .with_help("[[investment_report.investments]] を一社につき一つ書いてください"),
        );
    }
    if let Some(n) = report.round
        && round.is_none()
    {
        let known: Vec<String> = programs
            .nedo
            .rounds
            .iter()
            .map(|r| r.number.to_string())
            .collect();
        out.findings.push(
            Finding::warning(
                key.key("round"),
                format!(
                    "第{n}回の所定の期間は定義されていないため、着金日の期間を確認していません"
                ),
            )
            .with_help(format!(
                "定義済みの公募回: {}（programs/nedo.toml）",
                known.join(", ")
            )),
        );
    }

    for (i, investment) in report.investments.iter().enumerate() {
        let item = key.key("investments").index(i);
        let b = u128::from(investment.amount.get());
        if let Some(f) = applicant::required_text(&item.key("investor"), &investment.investor) {
            out.findings.push(f);
        }
        if b == 0 {
            out.findings.push(
                Finding::error(item.key("amount"), "(B) 出資額が 0 円です")
                    .with_help("日本円による着金額を正の整数（円）で書いてください"),
            );
        }
        let ratio = Ratio::of(b, a).map_or("—".to_owned(), |r| r.to_string());
        out.summary.push(format!(
            "  [{}] {}（{}）着金日 {}  (B) {}  (B)/(A) = {}{}",
            i + 1,
            investment.investor.trim(),
            investment.investor_kind.label(),
            investment.date,
            yen(b),
            ratio,
            if rule.counts(investment.investor_kind) {
                ""
            } else {
                "  ※要件に算入されない"
            }
        ));
        if let Some(r) = round
            && (investment.date < r.period_start || investment.date > r.period_end)
        {
            out.findings.push(
                Finding::warning(
                    item.key("date"),
                    format!(
                        "着金日 {} は{}の所定の期間（{}〜{}）の外です",
                        investment.date, r.name, r.period_start, r.period_end
                    ),
                )
                .with_help("所定の期間外の出資・融資は要件に算入されない可能性があります"),
            );
        }
        if investment.date > report.date {
            out.findings.push(Finding::warning(
                item.key("date"),
                format!(
                    "着金日 {} が書類の日付 {} より後です",
                    investment.date, report.date
                ),
            ));
        }
        if a > 0 {
            out.documents.push(document(file, report, i, &ratio));
        }
    }

    if a > 0 && !report.investments.is_empty() {
        hold_against_rule(report, rule, &key, &mut out);
    }
    Some(out)
}

/// Sums the counted investments and holds them against the program's rule.
fn hold_against_rule(report: &InvestmentReport, rule: Rule, key: &KeyPath, out: &mut Assessment) {
    let a = u128::from(report.eligible_cost.get());
    let investments_key = key.key("investments");
    let counted: Vec<_> = report
        .investments
        .iter()
        .filter(|i| rule.counts(i.investor_kind))
        .collect();
    let sum: u128 = counted.iter().map(|i| u128::from(i.amount.get())).sum();
    let sum_ratio = Ratio::of(sum, a).map_or("—".to_owned(), |r| r.to_string());
    out.summary.push(format!(
        "  算入される出資等の合計（{}）: {}  (B)/(A) = {}",
        rule.counted_kinds(),
        yen(sum),
        sum_ratio
    ));

    match rule {
        Rule::StsOneThird | Rule::PcaOneThird => {
            let phase = if rule == Rule::StsOneThird {
                "STS"
            } else {
                "PCA"
            };
            let needed = ceil_share(a, 1, 3);
            let verdict = if sum >= needed {
                "満たす"
            } else {
                "満たさない"
            };
            out.summary.push(format!(
                "  規則: DTSU {phase} — 所定の期間内に{}から (A) の 1/3（{}）以上 → {verdict}",
                rule.counted_kinds(),
                yen(needed)
            ));
            if sum < needed {
                out.findings.push(
                    Finding::error(
                        investments_key.clone(),
                        format!(
                            "DTSU {phase} の出資要件を満たしません: 合計 {}は (A) {}の 1/3 に {}不足",
                            yen(sum),
                            yen(a),
                            yen(needed - sum)
                        ),
                    )
                    .with_help(format!(
                        "{}からの出資{}の合計が {}以上必要です",
                        rule.counted_kinds(),
                        if rule == Rule::PcaOneThird { "・融資" } else { "" },
                        yen(needed)
                    )),
                );
            }
            if rule == Rule::StsOneThird {
                hold_sts_investor_rules(report, &investments_key, out);
            } else {
                let loans_only = !counted.is_empty()
                    && counted
                        .iter()
                        .all(|i| i.investor_kind == InvestorKind::Bank);
                out.summary.push(format!(
                    "  規則: DTSU PCA — 融資のみでの応募は不可 → {}",
                    if loans_only {
                        "満たさない"
                    } else {
                        "満たす"
                    }
                ));
                if loans_only {
                    out.findings.push(
                        Finding::error(
                            investments_key,
                            "DTSU PCA では融資のみでの応募はできません（金融機関からの融資しかありません）",
                        )
                        .with_help("VC等・CVC・事業会社からの出資を少なくとも一件含めてください"),
                    );
                }
            }
        }
        Rule::DmpOneSixth | Rule::GxOneSixth => {
            let needed = ceil_share(a, 1, 6);
            let reached = sum >= needed;
            let consequence = match (rule, reached) {
                (Rule::DmpOneSixth, true) => "NEDO負担率 2/3 以内で提案できます",
                (Rule::DmpOneSixth, false) => {
                    "NEDO負担率は 1/2 以内です（2/3 以内とするには (A) の 1/6 以上の出資が必要）"
                }
                _ => "GX事業の NEDO負担率は一律 2/3 以内です",
            };
            out.summary.push(format!(
                "  報告: {} {} — VC等・CVC・事業会社からの出資は (A) の 1/6（{}）{} → {consequence}",
                report.program.code(),
                report.phase.code(),
                yen(needed),
                if reached { "以上" } else { "に届きません" }
            ));
            out.findings.push(Finding::note(
                investments_key,
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
    }
}

/// STS: a VC等 or CVC must invest, and the largest investor must be one.
fn hold_sts_investor_rules(report: &InvestmentReport, key: &KeyPath, out: &mut Assessment) {
    let is_vc = |kind: InvestorKind| matches!(kind, InvestorKind::Vc | InvestorKind::Cvc);
    let any_vc = report.investments.iter().any(|i| is_vc(i.investor_kind));
    out.summary.push(format!(
        "  規則: DTSU STS — VC等またはCVCからの出資が必須 → {}",
        if any_vc {
            "満たす"
        } else {
            "満たさない"
        }
    ));
    if !any_vc {
        out.findings.push(
            Finding::error(
                key.clone(),
                "DTSU STS では VC等 または CVC からの出資が必須ですが、ありません",
            )
            .with_help("investor_kind = \"vc\" または \"cvc\" の出資を含めてください"),
        );
        return;
    }

    // The largest investor is judged per investor (tranches of one investor add up), among
    // the investments that count.
    let mut per_investor: BTreeMap<&str, (u128, bool)> = BTreeMap::new();
    for i in report
        .investments
        .iter()
        .filter(|i| Rule::StsOneThird.counts(i.investor_kind))
    {
        let entry = per_investor.entry(i.investor.trim()).or_insert((0, false));
        entry.0 += u128::from(i.amount.get());
        entry.1 |= is_vc(i.investor_kind);
    }
    let largest = per_investor
        .values()
        .map(|(sum, _)| *sum)
        .max()
        .unwrap_or(0);
    let largest_are_vc = per_investor
        .iter()
        .filter(|(_, (sum, _))| *sum == largest)
        .any(|(_, (_, vc))| *vc);
    let largest_names: Vec<&str> = per_investor
        .iter()
        .filter(|(_, (sum, _))| *sum == largest)
        .map(|(name, _)| *name)
        .collect();
    out.summary.push(format!(
        "  規則: DTSU STS — 最大出資者は VC等 または CVC（最大: {} {}）→ {}",
        largest_names.join("・"),
        yen(largest),
        if largest_are_vc {
            "満たす"
        } else {
            "満たさない"
        }
    ));
    if !largest_are_vc {
        out.findings.push(
            Finding::error(
                key.clone(),
                format!(
                    "DTSU STS では最大出資者が VC等 または CVC である必要がありますが、最大は {}（{}）です",
                    largest_names.join("・"),
                    yen(largest)
                ),
            )
            .with_help("VC等・CVC からの出資額が事業会社からの出資額以上になるようにしてください"),
        );
    }
}

/// The values `templates/investment-report.typ` prints for investment `index`.
fn document(
    file: &ApplicantFile,
    report: &InvestmentReport,
    index: usize,
    ratio: &str,
) -> Document {
    let investment = &report.investments[index];
    let applicant = file.applicant.name.trim().to_owned();
    let investor = investment.investor.trim().to_owned();
    Document {
        form: &FORM,
        distinguisher: Some(format!("{:02}_{investor}", index + 1)),
        title: format!("{}（{applicant}・{investor}）", FORM.title),
        author: applicant,
        date: Some(report.date.get()),
        data: json!({
            "date": seireki(report.date.get()),
            "applicant": applicant::values(&file.applicant),
            "eligible_cost": group_digits(report.eligible_cost.get().into()),
            "investor": investor,
            "investment_date": seireki(investment.date.get()),
            "amount": group_digits(investment.amount.get().into()),
            "ratio": ratio,
        }),
    }
}
