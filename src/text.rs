//! Checks on every text value of the applicant file: each character must be printable with the
//! embedded fonts (no missing-glyph boxes) and free of control characters.

use crate::diag::Finding;
use crate::keypath::KeyPath;
use crate::typeset::Assets;

/// Findings for the text values of a file (`strings` as collected by the loader), against the
/// fonts of `assets`.
pub(crate) fn check(assets: &Assets, strings: &[(KeyPath, String)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (key, text) in strings {
        let controls: Vec<String> = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            .map(code_point)
            .collect();
        if !controls.is_empty() {
            findings.push(
                Finding::error(
                    key.clone(),
                    format!("制御文字 {} が含まれています", controls.join("、")),
                )
                .with_help("表計算ソフトなどから貼り付けた見えない文字を削除してください"),
            );
        }
        for c in assets.missing_glyphs(text) {
            findings.push(
                Finding::error(
                    key.clone(),
                    format!(
                        "文字「{c}」({}) は組み込みフォントにないため印刷できません",
                        code_point(c)
                    ),
                )
                .with_help("別の文字に置き換えてください（絵文字や一部の異体字は使えません）"),
            );
        }
    }
    findings
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_emoji_and_control_characters_with_their_key() {
        let key = KeyPath::parse("applicant.name");
        let assets = Assets::embedded();
        let findings = check(&assets, &[(key.clone(), "株式会社🚀\u{7}".to_owned())]);
        assert_eq!(findings.len(), 2);
        assert!(findings[0].message.contains("U+0007"));
        assert!(findings[1].message.contains("「🚀」(U+1F680)"));
        assert!(findings.iter().all(|f| f.key == key));
        assert!(
            check(
                &assets,
                &[(key, "株式会社テックシード\n改行\tタブ".to_owned())]
            )
            .is_empty()
        );
    }
}
