//! 申請者: the block every form prints, checked once per file.

use serde_json::{Value, json};

use super::{kept_end, rules};
use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::model::Applicant;

/// Required text is present and not just spaces; optional fields have the right shape.
pub(crate) fn check(applicant: &Applicant) -> Vec<Finding> {
    let key = KeyPath::root().key("applicant");
    let mut findings = rules::required(
        &key,
        &[
            ("name", &applicant.name),
            ("address", &applicant.address),
            ("representative_title", &applicant.representative_title),
            ("representative_name", &applicant.representative_name),
        ],
    );
    if let Some(code) = &applicant.postal_code
        && !is_postal_code(code)
    {
        findings.push(
            Finding::error(
                key.key("postal_code"),
                format!("郵便番号 \"{code}\" の形が違います"),
            )
            .with_help("NNN-NNNN の形で書いてください（例: 420-0853）"),
        );
    }
    if let Some(email) = &applicant.email {
        findings.extend(rules::email(key.key("email"), email));
    }
    findings
}

/// The applicant as templates receive it.
pub(super) fn values(applicant: &Applicant) -> Value {
    json!({
        "name": applicant.name.trim(),
        "address": applicant.address.trim(),
        "postal_code": applicant.postal_code,
        "representative_title": applicant.representative_title.trim(),
        "representative_name": applicant.representative_name.trim(),
        "representative": representative(applicant),
        "phone": applicant.phone,
        "email": applicant.email,
    })
}

/// The applicant's values that a form sets in boxes of fixed width, as the runs `fitted` in
/// templates/style.typ joins (only for the forms that print them: every key is decoded by
/// Typst for every document).
pub(super) fn fitted(applicant: &Applicant) -> Value {
    json!({
        "name": kept_end(applicant.name.trim()),
        "address": kept_end(applicant.address.trim()),
        "representative_title": kept_end(applicant.representative_title.trim()),
        "representative": kept_end(&representative(applicant)),
    })
}

/// 代表者等名: the title and the name.
fn representative(applicant: &Applicant) -> String {
    format!(
        "{} {}",
        applicant.representative_title.trim(),
        applicant.representative_name.trim()
    )
}

fn is_postal_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 8
        && bytes[3] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 3 || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert!(is_postal_code("420-0853"));
        assert!(!is_postal_code("4200853"));
        assert!(!is_postal_code("420-085a"));
    }
}
