//! Length limits of the text fields, in characters: what the fixed-layout forms print legibly
//! on their one page (tests/limits.rs fills every field to its limit and checks that each fixed form still fits
//! on its page; long values in narrow boxes are set smaller by the template's `fitted`).
//! A longer value is an error naming the field and its limit, never a spilled or clipped page.

use crate::diag::Finding;
use crate::keypath::{KeyPath, Segment};

/// Any text field not listed below.
pub const DEFAULT_MAX: usize = 200;

/// (key path without array indices, maximum characters). The README's table is this one.
pub const LIMITS: &[(&str, usize)] = &[
    ("applicant.name", 50),
    ("applicant.name_kana", 80),
    ("applicant.address", 60),
    ("applicant.representative_title", 20),
    ("applicant.representative_name", 20),
    ("applicant.phone", 20),
    ("applicant.email", 80),
    ("investment_report.investments.investor", 50),
    ("letters_of_intent.project_name", 80),
    ("letters_of_intent.collaboration", 40),
    ("letters_of_intent.details", 8000),
    ("letters_of_intent.partner_name", 60),
    ("letters_of_intent.partner_address", 80),
    ("letters_of_intent.signer_title", 40),
    ("letters_of_intent.signer_name", 30),
    ("letters_of_intent.contact_phone", 20),
    ("letters_of_intent.contact_email", 80),
    ("letters_of_intent.contact_person", 40),
    ("budget.income.subsidy.breakdown", 40),
    ("budget.income.own_funds.breakdown", 40),
    ("budget.income.other.breakdown", 40),
    ("budget.income.subsidy.note", 16),
    ("budget.income.own_funds.note", 16),
    ("budget.income.other.note", 16),
    ("budget.expenses.breakdown", 40),
    ("budget.expenses.note", 16),
    ("budget.expenses.items.name", 24),
    ("budget.expenses.items.unit", 6),
    ("pledge.addressee", 40),
    ("commercialization_report.project_name", 80),
    ("commercialization_report.status", 2000),
    ("investment_intents.investors.investor", 60),
    ("investment_intents.investors.investor_address", 80),
    ("investment_intents.investors.signer_title", 40),
    ("investment_intents.investors.signer_name", 30),
    ("investment_intents.investors.contact_phone", 20),
    ("investment_intents.investors.contact_email", 80),
    ("investment_intents.investors.contact_person", 40),
    ("investment_intents.investors.conditions", 4000),
    ("gx_declaration.supply_chain", 4000),
    ("gx_declaration.market", 4000),
    ("gx_declaration.issue", 4000),
    ("gx_declaration.basis", 4000),
    ("gx_declaration.sales_unit", 10),
    ("support_plans.supporter_name", 60),
    ("support_plans.supporter_address", 80),
    ("support_plans.representative_name", 40),
    ("support_plans.project_name", 80),
    ("support_plans.technology", 6000),
    ("support_plans.business", 6000),
    ("support_plans.plan", 6000),
    ("application.addressee", 40),
    ("application.responsible.title", 30),
    ("application.responsible.name", 30),
    ("application.preparer.title", 30),
    ("application.preparer.name", 30),
    ("applicant_overview.responsible.title", 28),
    ("applicant_overview.responsible.name", 28),
    ("applicant_overview.contact.title", 28),
    ("applicant_overview.contact.name", 28),
    ("applicant_overview.contact.phone", 20),
    ("applicant_overview.contact.email", 50),
    ("applicant_overview.problem", 150),
    ("applicant_overview.solution", 150),
    ("applicant_overview.seeds.summary", 100),
    ("applicant_overview.seeds.university", 28),
    ("applicant_overview.seeds.researcher", 28),
    ("applicant_overview.remarks", 60),
    ("business_plan.theme", 60),
    ("business_plan.purpose", 4000),
    ("business_plan.goals", 4000),
    ("business_plan.comparison", 4000),
    ("business_plan.progress", 4000),
    ("business_plan.structure", 4000),
    ("business_plan.schedule.period", 24),
    ("business_plan.schedule.content", 2000),
    ("business_plan.schedule.place", 30),
    ("business_plan.yearly_budget.rows.note", 16),
    ("question.contact_person", 30),
    ("question.phone", 20),
    ("question.fax", 20),
    ("question.email", 60),
    ("question.content", 800),
];

/// The limit of a field.
pub fn max_chars(key: &KeyPath) -> usize {
    let pattern = key
        .segments()
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".");
    LIMITS
        .iter()
        .find(|(p, _)| *p == pattern)
        .map_or(DEFAULT_MAX, |(_, max)| *max)
}

/// An error for every text value longer than its field's limit.
pub fn check(strings: &[(KeyPath, String)]) -> Vec<Finding> {
    strings
        .iter()
        .filter_map(|(key, text)| {
            let (length, max) = (text.trim().chars().count(), max_chars(key));
            (length > max).then(|| {
                Finding::error(
                    key.clone(),
                    format!("長すぎます（{length} 文字）。この欄は {max} 文字までです"),
                )
                .with_help("様式の枠に収まるよう短くしてください")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_apply_by_field_whatever_the_index() {
        assert_eq!(max_chars(&KeyPath::parse("applicant.name")), 50);
        assert_eq!(
            max_chars(&KeyPath::parse("investment_report.investments[2].investor")),
            50
        );
        assert_eq!(
            max_chars(&KeyPath::parse("budget.expenses[0].items[3].name")),
            24
        );
        assert_eq!(max_chars(&KeyPath::parse("something.else")), DEFAULT_MAX);
        let findings = check(&[(KeyPath::parse("applicant.name"), "株".repeat(51))]);
        assert_eq!(
            findings[0].message,
            "長すぎます（51 文字）。この欄は 50 文字までです"
        );
        assert!(check(&[(KeyPath::parse("applicant.name"), "株".repeat(50))]).is_empty());
    }
}
