//! The one list of forms. Every other list (the `--form` names, the templates, the starter's
//! sections, the template samples) is derived from it.
//!
//! The order is the order in which each program's guide lists the documents to submit: NEDO
//! (公募要領「提出資料のまとめ」) 追加資料7, 8, 6, 5, then 11 (GX only), and 様式第20, filed
//! after the project; 静岡県 (募集要項「提出書類」(ア)–(オ)) 様式第1号, 第1－2号, 第2号, 第3号,
//! 第4号, then the 質問書, which is sent apart. A packet's order is the program data's document
//! list (`programs/*.toml`), which places attachments between the forms.

use super::{
    Form, applicant_overview, application, budget, business_plan, commercialization_report,
    gx_declaration, investment_intent, investment_report, letter_of_intent, pledge, question,
    support_plan,
};

pub static FORMS: &[&Form] = &[
    &support_plan::FORM,
    &letter_of_intent::FORM,
    &investment_report::FORM,
    &investment_intent::FORM,
    &gx_declaration::FORM,
    &commercialization_report::FORM,
    &application::FORM,
    &applicant_overview::FORM,
    &business_plan::FORM,
    &budget::FORM,
    &pledge::FORM,
    &question::FORM,
];

/// The form of a `--form` name.
pub fn find(name: &str) -> Option<&'static Form> {
    FORMS.iter().copied().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sections_and_templates_are_unique() {
        for (i, form) in FORMS.iter().enumerate() {
            for other in &FORMS[i + 1..] {
                assert_ne!(form.name, other.name);
                assert_ne!(form.section, other.section);
                assert_ne!(form.template.path, other.template.path);
            }
        }
    }

    #[test]
    fn every_example_fixture_has_the_forms_section() {
        for form in FORMS {
            let table: toml::Table = toml::from_str(form.example.text).unwrap();
            assert!(
                table.contains_key(form.section),
                "{} has no [{}]",
                form.example.path,
                form.section
            );
        }
    }
}
