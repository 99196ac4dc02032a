//! The JSON Schema of the applicant file (`yoshiki schema`), derived from the types that load
//! it (src/model.rs), so editors check files against the real format and it cannot drift. The
//! field limits (src/limits.rs) are read from it too.

use serde_json::Value;

use crate::model::ApplicantFile;

/// The JSON Schema of the applicant file.
pub fn schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(ApplicantFile)).expect("a schema is JSON");
    drop_null_branches(&mut schema);
    let defs = schema["$defs"].clone();
    describe_choices(&mut schema, &defs);
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".to_owned(), "yoshiki 申請者ファイル".into());
        root.insert(
            "description".to_owned(),
            "補助金・助成金の申請様式を作るための申請者データ。`yoshiki forms` で様式の一覧".into(),
        );
    }
    schema
}

/// Follows `$ref`, and `anyOf: [X, null]` of an optional field, to the schema that matters.
pub(crate) fn resolve<'v>(definitions: &'v Value, schema: &'v Value) -> &'v Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return resolve(definitions, &definitions[name]);
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let non_null: Vec<&Value> = options
            .iter()
            .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if non_null.len() == 1 {
            return resolve(definitions, non_null[0]);
        }
    }
    schema
}

/// A field's description (its own, else its type's), on one line.
pub(crate) fn description(schema: &Value, resolved: &Value) -> Option<String> {
    schema
        .get("description")
        .or_else(|| resolved.get("description"))
        .and_then(Value::as_str)
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The allowed strings of a resolved enum field (`enum`, or `oneOf` of constants).
pub(crate) fn choice_values(schema: &Value) -> Vec<String> {
    choices(schema, &Value::Null)
        .map(|values| values.into_iter().map(|(value, _)| value).collect())
        .unwrap_or_default()
}

/// TOML has no null: an optional key is one that may be left out, not one that may be null.
/// schemars writes `Option<T>` as `T` or null; without the null branch an editor reports a typo
/// inside an optional section on its key, instead of a mismatch of the whole section.
fn drop_null_branches(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_owned(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get("anyOf") {
                let kept: Vec<Value> = options
                    .iter()
                    .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                    .cloned()
                    .collect();
                if kept.len() == 1 {
                    map.remove("anyOf");
                    if let Value::Object(inner) = &kept[0] {
                        for (k, v) in inner {
                            map.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                } else {
                    map.insert("anyOf".to_owned(), Value::Array(kept));
                }
            }
            map.values_mut().for_each(drop_null_branches);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_branches),
        _ => {}
    }
}

/// The values of a choice and what each means, from the enum's own doc comments.
pub(crate) fn choices(schema: &Value, defs: &Value) -> Option<Vec<(String, String)>> {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => &defs[reference.rsplit('/').next().unwrap_or_default()],
        None => schema,
    };
    let described = |value: &Value, meaning: Option<&Value>| {
        value.as_str().map(|v| {
            let meaning = meaning.and_then(Value::as_str).unwrap_or_default();
            (v.to_owned(), meaning.to_owned())
        })
    };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter_map(|v| described(v, None)).collect());
    }
    let options = schema.get("oneOf").and_then(Value::as_array)?;
    Some(
        options
            .iter()
            .flat_map(|option| {
                let meaning = option.get("description");
                let values: Vec<&Value> = option
                    .get("const")
                    .into_iter()
                    .chain(
                        option
                            .get("enum")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten(),
                    )
                    .collect();
                values
                    .into_iter()
                    .filter_map(move |v| described(v, meaning))
            })
            .collect(),
    )
}

/// Every property whose value is a choice (or a list of them) says, in its description, every
/// value it takes and what it means: generated from the type, so it can never leave one out.
fn describe_choices(schema: &mut Value, defs: &Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for property in properties.values_mut() {
                    let target = property.get("items").unwrap_or(property).clone();
                    if let Some(values) = choices(&target, defs) {
                        let listed: Vec<String> = values
                            .iter()
                            .map(|(v, meaning)| {
                                if meaning.is_empty() {
                                    format!("\"{v}\"")
                                } else {
                                    format!("\"{v}\" = {meaning}")
                                }
                            })
                            .collect();
                        let before = property
                            .get("description")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned();
                        property["description"] =
                            format!("{before}（選べる値: {}）", listed.join("、")).into();
                    }
                }
            }
            map.values_mut().for_each(|v| describe_choices(v, defs));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| describe_choices(v, defs)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_denies_unknown_keys_and_describes_fields_in_japanese() {
        let schema = schema();
        assert_eq!(schema["additionalProperties"], false);
        let applicant = &schema["$defs"]["Applicant"];
        assert_eq!(applicant["additionalProperties"], false);
        assert!(
            applicant["required"]
                .as_array()
                .unwrap()
                .contains(&"name".into())
        );
        assert_eq!(schema["$defs"]["Yen"]["type"], "integer");
    }

    /// Each choice's description lists every value of its type with its meaning: the
    /// starter's comments and an editor's hover are the type, `cvc` included.
    #[test]
    fn every_choice_describes_every_value() {
        let schema = schema();
        let defs = schema["$defs"].clone();
        let mut checked = 0;
        let mut properties = Vec::new();
        collect_properties(&schema, &mut properties);
        for property in properties {
            let target = property.get("items").unwrap_or(&property);
            let Some(values) = choices(target, &defs) else {
                continue;
            };
            let description = property["description"].as_str().unwrap();
            for (value, meaning) in &values {
                assert!(
                    description.contains(&format!("\"{value}\" = {meaning}")),
                    "{value} missing from {description}"
                );
                assert!(!meaning.is_empty(), "{value} has no meaning in Japanese");
            }
            checked += 1;
        }
        assert!(checked >= 8, "{checked}");
        let kinds = schema["$defs"]["Investment"]["properties"]["investor_kind"]["description"]
            .as_str()
            .unwrap();
        assert!(kinds.contains("\"cvc\" = CVC"), "{kinds}");
    }

    fn collect_properties(schema: &Value, out: &mut Vec<Value>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    out.extend(properties.values().cloned());
                }
                map.values().for_each(|v| collect_properties(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| collect_properties(v, out)),
            _ => {}
        }
    }

    #[test]
    fn no_branch_of_the_schema_is_null() {
        let text = schema().to_string();
        assert!(!text.contains("\"null\""), "{text}");
    }
}
