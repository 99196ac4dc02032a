//! The forms yoshiki prints. Each form's module holds all of its rules: what it checks, what it
//! computes and the values its template receives.

pub mod applicant;
pub mod applicant_overview;
pub mod application;
pub mod budget;
pub mod business_plan;
pub mod commercialization_report;
pub mod gx_declaration;
pub mod investment_intent;
pub mod investment_report;
pub mod letter_of_intent;
pub mod pledge;
pub mod question;
pub mod support_plan;

use chrono::NaiveDate;

use crate::diag::Finding;
use crate::model::ApplicantFile;
use crate::program::Programs;

/// What a form is and where it comes from (`yoshiki forms` lists these).
#[derive(Debug)]
pub struct FormInfo {
    /// Name on the command line (`--form investment-report`).
    pub name: &'static str,
    /// Title as printed, used in file names.
    pub title: &'static str,
    /// 様式 number and program.
    pub source: &'static str,
    /// The section of the applicant file it reads.
    pub section: &'static str,
    /// Main template, relative to `templates/`.
    pub template: &'static str,
    /// A fixed-layout form must fit on one page; a free-text form may grow.
    pub one_page: bool,
}

/// Every form, in the order `yoshiki forms` lists them: NEDO's, then 静岡県's.
pub const ALL: &[&FormInfo] = &[
    &investment_report::FORM,
    &letter_of_intent::FORM,
    &investment_intent::FORM,
    &support_plan::FORM,
    &gx_declaration::FORM,
    &commercialization_report::FORM,
    &application::FORM,
    &applicant_overview::FORM,
    &business_plan::FORM,
    &budget::FORM,
    &pledge::FORM,
    &question::FORM,
];

/// The order of a packet (`render --packet`): each program's forms as its guide lists the
/// documents to submit. NEDO (公募要領「提出資料のまとめ」): 追加資料7, 追加資料8, 追加資料6, 追加資料5,
/// then 追加資料11 (GX only); 様式第20 is filed after the project, so it comes last. 静岡県
/// (募集要項「提出書類」(ア)–(オ)): 様式第1号, 第1-2号, 第2号, 第3号, 第4号; the 質問書 is sent
/// apart, by e-mail, so it comes last.
pub const PACKET_ORDER: &[&str] = &[
    "support-plan",
    "letter-of-intent",
    "investment-report",
    "investment-intent",
    "gx-declaration",
    "commercialization-report",
    "application",
    "applicant-overview",
    "business-plan",
    "budget",
    "pledge",
    "question",
];

/// A form's place in a packet.
pub fn packet_rank(form: &FormInfo) -> usize {
    PACKET_ORDER
        .iter()
        .position(|name| *name == form.name)
        .unwrap_or(PACKET_ORDER.len())
}

/// One PDF to typeset.
#[derive(Debug, Clone)]
pub struct Document {
    pub form: &'static FormInfo,
    /// What tells this PDF apart from the applicant's other PDFs of the same form (investor…).
    pub distinguisher: Option<String>,
    /// The PDF's title metadata: form and applicant.
    pub title: String,
    pub author: String,
    /// The document date: Typst's `today` and the PDF timestamp, never the wall clock. A form
    /// without a date of its own gets no timestamp (the output stays reproducible).
    pub date: Option<NaiveDate>,
    /// The values the template reads from `/data.json`.
    pub data: serde_json::Value,
}

/// What checking one form of one applicant found.
#[derive(Debug, Default)]
pub struct Assessment {
    pub findings: Vec<Finding>,
    /// Computed figures and the rules they were held against, for `yoshiki check`.
    pub summary: Vec<String>,
    pub documents: Vec<Document>,
}

/// A form's checks: `None` when the applicant file has no section for it.
type Assessor = fn(&ApplicantFile, &Programs) -> Option<Assessment>;

/// Checks every form whose section is present and prepares its documents.
pub fn assess(file: &ApplicantFile, programs: &Programs) -> Vec<(&'static FormInfo, Assessment)> {
    let assessors: [(&'static FormInfo, Assessor); _] = [
        (&investment_report::FORM, investment_report::assess),
        (&letter_of_intent::FORM, letter_of_intent::assess),
        (
            &commercialization_report::FORM,
            commercialization_report::assess,
        ),
        (&investment_intent::FORM, investment_intent::assess),
        (&gx_declaration::FORM, gx_declaration::assess),
        (&support_plan::FORM, support_plan::assess),
        (&budget::FORM, budget::assess),
        (&pledge::FORM, pledge::assess),
        (&application::FORM, application::assess),
        (&applicant_overview::FORM, applicant_overview::assess),
        (&business_plan::FORM, business_plan::assess),
        (&question::FORM, question::assess),
    ];
    assessors
        .iter()
        .filter_map(|&(form, assess)| assess(file, programs).map(|a| (form, a)))
        .collect()
}

#[cfg(test)]
mod packet_tests {
    use super::*;

    #[test]
    fn the_packet_order_places_every_form_once() {
        for form in ALL {
            assert_eq!(
                PACKET_ORDER.iter().filter(|n| **n == form.name).count(),
                1,
                "{}",
                form.name
            );
        }
        assert_eq!(PACKET_ORDER.len(), ALL.len());
    }
}
