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

/// The allowed strings of an enum field (`enum`, or `oneOf` of constants and enums).
pub(crate) fn choices(schema: &Value) -> Vec<String> {
    let strings = |values: Option<&Value>| -> Vec<String> {
        values
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    if schema.get("enum").is_some() {
        return strings(schema.get("enum"));
    }
    let Some(options) = schema.get("oneOf").and_then(Value::as_array) else {
        return Vec::new();
    };
    options
        .iter()
        .flat_map(|o| match o.get("const").and_then(Value::as_str) {
            Some(value) => vec![value.to_owned()],
            None => strings(o.get("enum")),
        })
        .collect()
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

    #[test]
    fn no_branch_of_the_schema_is_null() {
        let text = schema().to_string();
        assert!(!text.contains("\"null\""), "{text}");
    }
}
