//! Each form end to end: an applicant file → yoshiki → PDF → text, and its checks.

#[path = "../common/mod.rs"]
mod common;

mod applicant_overview;
mod application;
mod budget;
mod business_plan;
mod commercialization_report;
mod gx_declaration;
mod investment_intent;
mod investment_report;
mod letter_of_intent;
mod nedo_supporting;
mod package;
mod pledge;
mod question;
mod rules;
mod support_plan;
