//! Length limits of the text fields, in characters: what the fixed-layout forms print legibly
//! on their one page (tests/limits.rs fills every field to its limit and checks that each fixed
//! form still fits; long values in narrow boxes are set smaller by the template's `fitted`).
//! A longer value is an error naming the field and its limit, never a spilled or clipped page.
//!
//! The limits are written on the model's fields (`#[schemars(length(max = …))]`, src/model.rs),
//! so the JSON Schema carries them as `maxLength` for editors, and read back from it here.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

use crate::diag::Finding;
use crate::keypath::{KeyPath, Segment};

/// `maxLength` of every text field, by key path without array indices
/// (`budget.expenses.items.name`). Derived once from the types; it never changes at run time.
static LIMITS: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let schema = crate::schema::schema();
    let mut limits = HashMap::new();
    collect(&schema, &schema, "", &mut limits);
    limits
});

fn collect(root: &Value, schema: &Value, path: &str, limits: &mut HashMap<String, usize>) {
    let schema = resolve(root, schema);
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        limits.insert(path.to_owned(), usize::try_from(max).unwrap_or(usize::MAX));
    }
    if let Some(items) = schema.get("items") {
        collect(root, items, path, limits);
    }
    for options in ["anyOf", "oneOf"] {
        for option in schema
            .get(options)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(root, option, path, limits);
        }
    }
    for (key, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        collect(root, property, &path, limits);
    }
}

/// Follows a `$ref` into the schema's definitions.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            resolve(root, &root["$defs"][name])
        }
        None => schema,
    }
}

/// The limit of a text field; `None` for a key that is not free text (a code, a date…).
pub fn max_chars(key: &KeyPath) -> Option<usize> {
    let pattern = key
        .segments()
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".");
    LIMITS.get(&pattern).copied()
}

/// Every text field and its limit, by key path: the README's table.
pub fn all() -> Vec<(String, usize)> {
    let mut all: Vec<(String, usize)> = LIMITS.iter().map(|(k, v)| (k.clone(), *v)).collect();
    all.sort();
    all
}

/// An error for every text value longer than its field's limit.
pub fn check(strings: &[(KeyPath, String)]) -> Vec<Finding> {
    strings
        .iter()
        .filter_map(|(key, text)| {
            let max = max_chars(key)?;
            let length = text.trim().chars().count();
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
        assert_eq!(max_chars(&KeyPath::parse("applicant.name")), Some(50));
        assert_eq!(
            max_chars(&KeyPath::parse("investment_report.investments[2].investor")),
            Some(50)
        );
        assert_eq!(
            max_chars(&KeyPath::parse("budget.expenses[0].items[3].name")),
            Some(24)
        );
        assert_eq!(
            max_chars(&KeyPath::parse("investment_report.program")),
            None
        );
        let findings = check(&[(KeyPath::parse("applicant.name"), "株".repeat(51))]);
        assert_eq!(
            findings[0].message,
            "長すぎます（51 文字）。この欄は 50 文字までです"
        );
        assert!(check(&[(KeyPath::parse("applicant.name"), "株".repeat(50))]).is_empty());
    }

    /// Every free-text field of the format has a limit: a string that is not a code, a date, a
    /// pattern or a choice.
    #[test]
    fn every_text_field_has_a_limit() {
        let schema = crate::schema::schema();
        let mut unlimited = Vec::new();
        find_unlimited(&schema, &schema, "", &mut unlimited);
        assert!(
            unlimited.is_empty(),
            "text fields without maxLength: {unlimited:?}"
        );
        assert!(LIMITS.len() > 80, "{}", LIMITS.len());
    }

    fn find_unlimited(root: &Value, schema: &Value, path: &str, out: &mut Vec<String>) {
        let schema = resolve(root, schema);
        let free_text = schema.get("type").and_then(Value::as_str) == Some("string")
            && ["format", "pattern", "enum", "const"]
                .iter()
                .all(|k| schema.get(k).is_none());
        if free_text && schema.get("maxLength").is_none() {
            out.push(path.to_owned());
        }
        if let Some(items) = schema.get("items") {
            find_unlimited(root, items, path, out);
        }
        for (key, property) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            find_unlimited(root, property, &format!("{path}.{key}"), out);
        }
    }
}
