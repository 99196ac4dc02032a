//! 申請者: the block every form prints. Checks shared by all forms.

use serde_json::{Value, json};

use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::model::Applicant;

/// Required text is present and not just spaces; optional fields have the right shape.
pub fn check(applicant: &Applicant) -> Vec<Finding> {
    let key = KeyPath::root().key("applicant");
    let mut findings = Vec::new();
    for (name, value) in [
        ("name", &applicant.name),
        ("address", &applicant.address),
        ("representative_title", &applicant.representative_title),
        ("representative_name", &applicant.representative_name),
    ] {
        if let Some(f) = required_text(&key.key(name), value) {
            findings.push(f);
        }
    }
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
    if let Some(email) = &applicant.email
        && !looks_like_email(email)
    {
        findings.push(email_error(key.key("email"), email));
    }
    findings
}

/// The applicant as templates receive it.
pub fn values(applicant: &Applicant) -> Value {
    json!({
        "name": applicant.name.trim(),
        "address": applicant.address.trim(),
        "postal_code": applicant.postal_code,
        "representative_title": applicant.representative_title.trim(),
        "representative_name": applicant.representative_name.trim(),
        "representative": format!(
            "{} {}",
            applicant.representative_title.trim(),
            applicant.representative_name.trim()
        ),
        "phone": applicant.phone,
        "email": applicant.email,
    })
}

/// An error when a required text is empty or only white space.
pub fn required_text(key: &KeyPath, value: &str) -> Option<Finding> {
    value
        .trim()
        .is_empty()
        .then(|| Finding::error(key.clone(), "空欄です。この欄は必須です"))
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

/// Loose on purpose: one `@`, a dot in the domain, no spaces. Enough to catch a pasted phone
/// number or a missing domain, without rejecting real addresses.
pub fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.trim().split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.trim().contains(char::is_whitespace)
}

pub fn email_error(key: KeyPath, email: &str) -> Finding {
    Finding::error(
        key,
        format!("\"{email}\" はメールアドレスの形ではありません"),
    )
    .with_help("例: info@example.jp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_and_emails() {
        assert!(is_postal_code("420-0853"));
        assert!(!is_postal_code("4200853"));
        assert!(!is_postal_code("420-085a"));
        assert!(looks_like_email("sato@example.co.jp"));
        assert!(!looks_like_email("sato@example"));
        assert!(!looks_like_email("03-0000-0000"));
        assert!(!looks_like_email("a b@example.jp"));
    }
}
