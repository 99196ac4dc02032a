//! `yoshiki init`: a starter applicant file built from the JSON Schema of the format.
//!
//! The starter writes every key of the chosen forms, each under a comment saying what it means,
//! with a placeholder value `"【記入】例: …"` that carries a real example. The loader refuses a
//! file that still holds a placeholder and lists every one left, with its line, so a starter can
//! never be rendered into a form by accident, and filling each example in gives a valid file.

mod minimal;

use serde_json::Value;

use crate::forms::{self, Form, Program};
use crate::package::Profile;
use crate::schema::{description, resolve, schema};

/// What every placeholder value starts with.
pub const PLACEHOLDER: &str = "【記入】";

/// The `#:schema` directive's target in a starter: Taplo (Even Better TOML) reads the schema
/// from this file next to the applicant file (`yoshiki schema > yoshiki.schema.json`).
pub const SCHEMA_FILE: &str = "yoshiki.schema.json";

/// The example of the section every form shares: a sample applicant with every key the forms
/// print.
const APPLICANT_EXAMPLE: &str = include_str!("../../fixtures/complete.toml");

/// The section `section` of an example applicant file.
pub(crate) fn example_section(text: &str, section: &str) -> Option<toml::Value> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get(section).cloned()
}

/// The sections of a starter for `forms` and the profile's (every form when both are empty):
/// `[applicant]`, the call or program they are for, then each form's, with its title and the
/// text of the fixture its example comes from.
pub(crate) fn sections(
    forms: &[&'static Form],
    profile: Option<&Profile>,
) -> Vec<(&'static str, String, &'static str)> {
    let mut chosen: Vec<&Form> = profile.map(|p| p.forms.clone()).unwrap_or_default();
    for form in forms {
        if !chosen.contains(form) {
            chosen.push(form);
        }
    }
    if chosen.is_empty() {
        chosen = forms::FORMS.to_vec();
    }
    let mut sections = vec![(
        "applicant",
        "申請者（すべての様式に共通）".to_owned(),
        APPLICANT_EXAMPLE,
    )];
    // The 静岡県 forms print the values of one call for applications: the starter names it.
    if chosen.iter().any(|f| f.program == Program::Shizuoka) {
        let example = forms::FORMS
            .iter()
            .map(|f| f.example.text)
            .find(|text| example_section(text, "shizuoka").is_some())
            .unwrap_or_default();
        sections.push(("shizuoka", "静岡県の募集回".to_owned(), example));
    }
    // A NEDO profile whose forms name no program and phase (GX with its declaration only)
    // names them in `[nedo]`: the checklist depends on them.
    let named = chosen.iter().any(|f| {
        example_section(f.example.text, f.section).is_some_and(|e| e.get("program").is_some())
    });
    if profile.is_some_and(|p| p.fixed.iter().any(|(k, _)| *k == "program")) && !named {
        sections.push(("nedo", "NEDO の事業とフェーズ".to_owned(), ""));
    }
    for form in &chosen {
        if !sections.iter().any(|(s, _, _)| *s == form.section) {
            sections.push((
                form.section,
                format!("{}（{}）", form.title, form.source),
                form.example.text,
            ));
        }
    }
    sections
}

/// A starter applicant file for `forms` and the profile's (all forms when both are empty). A
/// profile (`init --program`) also fixes the keys naming its program and lists the documents
/// to attach.
pub fn starter(forms: &[&'static Form], profile: Option<&Profile>, minimal: bool) -> String {
    let schema = schema();
    let definitions = schema.get("$defs").cloned().unwrap_or_default();
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut out = format!(
        "#:schema ./{SCHEMA_FILE}\n\
         # 申請者ファイル（yoshiki init で作成）。\"{PLACEHOLDER}例: …\" をすべて実際の値に書き換えてください。\n\
         # 値が文字列でないときは引用符も外します（例: amount = \"{PLACEHOLDER}例: 100_000_000\" → amount = 100_000_000）。\n\
         # 残っている {PLACEHOLDER} は yoshiki check が行番号つきで一覧にします。\n\
         # エディタの補完・検査: yoshiki schema --write このファイル（1 行目の #:schema が指す {SCHEMA_FILE} を作ります）\n"
    );
    let sections = sections(forms, profile);
    let mut examples: Vec<(&'static str, Option<toml::Value>)> = sections
        .iter()
        .map(|(section, _, text)| (*section, example_section(text, section)))
        .collect();
    if minimal {
        examples = minimal::reduce(&examples, &schema);
    }
    for ((section, title, _), (_, example)) in sections.into_iter().zip(examples) {
        let writer = Writer {
            definitions: &definitions,
            fixed: profile.map(|p| p.fixed.as_slice()).unwrap_or_default(),
            minimal,
        };
        let Some(property) = properties.get(section) else {
            continue;
        };
        out.push_str(&format!("\n# ── {title} ──\n"));
        for (_, note) in profile
            .iter()
            .flat_map(|p| &p.notes)
            .filter(|(s, _)| *s == section)
        {
            out.push_str(&comment(note));
        }
        writer.value(
            &mut out,
            &[section.to_owned()],
            property,
            example.as_ref(),
            false,
        );
    }
    if let Some(profile) = profile {
        attachments(&mut out, profile);
    }
    out
}

/// The `[[attachments]]` of a profile: its required documents as entries whose path is a
/// placeholder, its conditional ones as comments.
fn attachments(out: &mut String, profile: &Profile) {
    if profile.attachments.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\n# ── 添付書類（{}。PDF、またはスキャンの PNG・JPEG。path はこのファイルのフォルダからの相対パス） ──\n",
        profile.title
    ));
    for wanted in &profile.attachments {
        out.push('\n');
        out.push_str(&comment(&format!("{}（{}）", wanted.label, wanted.source)));
        if let Some(note) = &wanted.note {
            out.push_str(&comment(note));
        }
        let example = toml::Value::String(format!("{PLACEHOLDER}例: \"{}.pdf\"", wanted.id));
        let entry = format!(
            "[[attachments]]\ndocument = \"{}\"\npath = {example}\n",
            wanted.id
        );
        if wanted.required {
            out.push_str(&entry);
        } else {
            out.push_str("# 条件に当たるときは、次の 3 行の # を外して書く\n");
            for line in entry.lines() {
                out.push_str(&format!("# {line}\n"));
            }
        }
    }
}

struct Writer<'a> {
    definitions: &'a Value,
    /// Keys written with their value, not a placeholder (a profile's program and phase).
    fixed: &'a [(&'static str, String)],
    /// `init --minimal`: no optional key the (reduced) example leaves out, not even as a
    /// comment.
    minimal: bool,
}

impl Writer<'_> {
    fn resolve<'v>(&'v self, schema: &'v Value) -> &'v Value {
        resolve(self.definitions, schema)
    }

    fn is_table(&self, schema: &Value) -> bool {
        self.resolve(schema).get("properties").is_some()
    }

    fn is_array_of_tables(&self, schema: &Value) -> bool {
        let schema = self.resolve(schema);
        schema.get("type").and_then(Value::as_str) == Some("array")
            && schema
                .get("items")
                .is_some_and(|items| self.is_table(items))
    }

    /// A table (`[path]`, or `[[path]]` for an entry of an array of tables) with its keys.
    fn value(
        &self,
        out: &mut String,
        path: &[String],
        schema: &Value,
        example: Option<&toml::Value>,
        array_entry: bool,
    ) {
        let resolved = self.resolve(schema);
        if self.is_array_of_tables(schema) {
            // Every entry of the example (a budget's rows must add up), or one empty entry.
            let item = &resolved["items"];
            let entries: Vec<Option<&toml::Value>> = match example.and_then(toml::Value::as_array) {
                Some(entries) if !entries.is_empty() => entries.iter().map(Some).collect(),
                _ => vec![None],
            };
            for (i, entry) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                self.value(out, path, item, entry, true);
            }
            return;
        }
        let Some(properties) = resolved.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required: Vec<&str> = resolved
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let header = path.join(".");
        if array_entry {
            out.push_str(&format!("[[{header}]]\n"));
        } else {
            out.push_str(&format!("[{header}]\n"));
        }
        let mut nested: Vec<(&String, &Value)> = Vec::new();
        for (key, property) in properties {
            if self.is_table(property) || self.is_array_of_tables(property) {
                nested.push((key, property));
                continue;
            }
            let example = example.and_then(|e| e.get(key));
            self.scalar(
                out,
                key,
                property,
                example,
                required.contains(&key.as_str()),
            );
        }
        for (key, property) in nested {
            let mut path = path.to_vec();
            path.push(key.clone());
            let parent = example;
            let example = example.and_then(|e| e.get(key));
            // An example entry that leaves this table out (a 旅費 row written as an amount,
            // without items) shows the shape it has: no empty table is invented for it.
            if parent.is_some() && example.is_none() && !required.contains(&key.as_str()) {
                continue;
            }
            if self.minimal && example.is_none() && !required.contains(&key.as_str()) {
                continue;
            }
            out.push('\n');
            if let Some(text) = description(property, self.resolve(property)) {
                out.push_str(&comment(&text));
            }
            self.value(out, &path, property, example, false);
        }
    }

    /// One key: its meaning as a comment, then the placeholder with an example.
    fn scalar(
        &self,
        out: &mut String,
        key: &str,
        schema: &Value,
        example: Option<&toml::Value>,
        required: bool,
    ) {
        let resolved = self.resolve(schema);
        let mut text = description(schema, resolved).unwrap_or_default();
        if let Some((_, value)) = self.fixed.iter().find(|(k, _)| *k == key) {
            out.push_str(&comment(&text));
            out.push_str(&format!("{key} = {}\n", toml::Value::String(value.clone())));
            return;
        }
        // A choice's description lists its values already (schema.rs).
        let first_choice = crate::schema::choices(resolved, self.definitions)
            .and_then(|values| values.into_iter().next())
            .map(|(value, _)| value);
        // An optional key the samples fill is written out like a required one (some forms need
        // it: the 申込者の概要 prints the フリガナ); one they leave out stays a comment.
        let active = required || example.is_some_and(|e| e.as_str() != Some(""));
        if self.minimal && !active {
            return;
        }
        if !required {
            text.push_str(if active {
                "（省略可: 不要なら行ごと消す）"
            } else {
                "（省略可）"
            });
        }
        out.push_str(&comment(&text));
        let example = example
            .map(inline)
            .or_else(|| first_choice.map(|c| format!("\"{c}\"")))
            .unwrap_or_else(|| fallback_example(resolved));
        let value = toml::Value::String(format!("{PLACEHOLDER}例: {example}"));
        let line = format!("{key} = {value}\n");
        if active {
            out.push_str(&line);
        } else {
            out.push_str(&format!("# {line}"));
        }
    }
}

fn comment(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("# {text}\n")
    }
}

/// An example for a key no sample applicant has: the schema's own, else one from its type.
fn fallback_example(schema: &Value) -> String {
    if let Some(example) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
        .and_then(|e| toml::Value::try_from(e).ok())
    {
        return inline(&example);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") => "0".to_owned(),
        Some("boolean") => "false".to_owned(),
        Some("array") => "[]".to_owned(),
        _ if schema.get("format").and_then(Value::as_str) == Some("date") => {
            "2025-04-01".to_owned()
        }
        _ => "\"\"".to_owned(),
    }
}

/// A TOML value written inline, as it would stand after `key = `.
fn inline(value: &toml::Value) -> String {
    match value {
        toml::Value::Integer(i) => group_underscores(*i),
        // One line whatever the text holds, so that a placeholder stays on one line.
        toml::Value::String(text) => format!(
            "\"{}\"",
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
                .replace('\t', "\\t")
        ),
        other => other.to_string(),
    }
}

/// 300000000 → 300_000_000, as the sample files write amounts; a four-digit number (a year,
/// 2030) stays as it is.
pub(crate) fn group_underscores(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    if digits.len() <= 4 {
        return value.to_string();
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('_');
        }
        grouped.push(c);
    }
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Fills every placeholder with its example: what a user does by hand, for tests.
pub fn fill_examples(starter: &str) -> String {
    starter
        .lines()
        .map(|line| {
            let marker = format!("{PLACEHOLDER}例: ");
            match (line.starts_with('#'), line.find(&marker)) {
                (false, Some(start)) => {
                    let value: toml::Table = toml::from_str(line).expect("a starter line is TOML");
                    let (key, text) = value.iter().next().expect("one key");
                    let example = text.as_str().unwrap_or_default();
                    let example = example
                        .trim_start_matches(PLACEHOLDER)
                        .trim_start_matches("例: ");
                    debug_assert!(line[..start - 1].trim_end().ends_with('='));
                    format!("{key} = {example}")
                }
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_as_the_samples_write_them() {
        assert_eq!(group_underscores(300_000_000), "300_000_000");
        assert_eq!(group_underscores(10_000), "10_000");
        assert_eq!(group_underscores(2030), "2030");
        assert_eq!(group_underscores(999), "999");
        assert_eq!(group_underscores(-15_000), "-15_000");
    }
}
