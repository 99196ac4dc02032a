//! Every structural problem of a parsed file at once: unknown keys, missing keys, wrong types,
//! values outside a list or a range, each located at its key or value. serde stops at the first
//! problem; this walks the whole file against the JSON Schema of the format (derived from the
//! same types serde fills, so the two agree) and runs each scalar type's own deserializer on its
//! value, so the messages are the types' own.

use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::messages::{shape_message, slip_in_quotes, suggestion};
use crate::keypath::KeyPath;
use crate::values::{Date, Quantity, YearMonth, Yen};

/// A problem found, before it is made a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub(super) span: Option<Range<usize>>,
    pub(super) key: KeyPath,
    pub(super) message: String,
    pub(super) help: Option<String>,
}

/// Every structural problem of `root` against `schema`, in file order.
pub(super) fn validate(root: &Spanned<DeTable<'_>>, schema: &Value) -> Vec<Problem> {
    let mut walker = Walker {
        defs: &schema["$defs"],
        problems: Vec::new(),
    };
    walker.table(schema, root.get_ref(), None, &KeyPath::root());
    walker
        .problems
        .sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    walker.problems
}

struct Walker<'a> {
    defs: &'a Value,
    problems: Vec<Problem>,
}

/// What a schema asks for, once its `$ref` is followed.
enum Shape<'a> {
    Table(&'a Value),
    Array(&'a Value),
    Choice(Vec<&'a str>),
    Scalar(Scalar),
    /// Anything (a schema this walker does not know): serde decides.
    Any,
}

#[derive(Clone, Copy)]
enum Scalar {
    Text,
    Boolean,
    Integer {
        min: i128,
        max: i128,
    },
    /// One of the format's own types, checked by its deserializer.
    Own(fn(ValueDeserializer<'_>) -> Result<(), toml::de::Error>),
}

impl<'a> Walker<'a> {
    fn shape(&self, schema: &'a Value) -> Shape<'a> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or_default();
            if let Some(own) = own_type(name) {
                return Shape::Scalar(Scalar::Own(own));
            }
            return self.shape(&self.defs[name]);
        }
        if schema.get("properties").is_some() {
            return Shape::Table(schema);
        }
        if let Some(values) = choices(schema) {
            return Shape::Choice(values);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("array") => Shape::Array(&schema["items"]),
            Some("string") => Shape::Scalar(Scalar::Text),
            Some("boolean") => Shape::Scalar(Scalar::Boolean),
            Some("integer") => Shape::Scalar(integer_range(schema)),
            _ => Shape::Any,
        }
    }

    fn problem(
        &mut self,
        span: Option<Range<usize>>,
        key: &KeyPath,
        message: String,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            span,
            key: key.clone(),
            message,
            help,
        });
    }

    /// A table: every key known, every required key present, every value of its shape.
    fn table(
        &mut self,
        schema: &'a Value,
        table: &DeTable<'_>,
        at: Option<Range<usize>>,
        path: &KeyPath,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let known: Vec<String> = properties
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        // A misspelt key is one problem, not two: its suggestion is not also a missing key.
        let mut suggested = Vec::new();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let key_path = path.key(name);
            match properties.and_then(|p| p.get(name)) {
                Some(property) => self.value(property, value, &key_path),
                None if closed => {
                    let near = suggestion(name, &known);
                    suggested.extend(near.clone());
                    let help = near.map_or_else(
                        || format!("使えるキー: {}", known.join(", ")),
                        |near| {
                            format!(
                                "`{near}` の書き間違いではありませんか？ 使えるキー: {}",
                                known.join(", ")
                            )
                        },
                    );
                    self.problem(
                        Some(key.span()),
                        &key_path,
                        format!("不明なキー `{name}` です"),
                        Some(help),
                    );
                }
                None => {}
            }
        }
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let present = table.keys().any(|k| k.get_ref().as_ref() == required);
            if !present && !suggested.iter().any(|s| s == required) {
                self.problem(
                    at.clone(),
                    &path.key(required),
                    format!("必須のキー `{required}` がありません"),
                    Some(format!("`{required} = …` を書いてください")),
                );
            }
        }
    }

    fn value(&mut self, schema: &'a Value, value: &Spanned<DeValue<'_>>, path: &KeyPath) {
        let span = value.span();
        match (self.shape(schema), value.get_ref()) {
            (Shape::Table(inner), DeValue::Table(table)) => {
                self.table(inner, table, Some(span), path);
            }
            (Shape::Array(items), DeValue::Array(array)) => {
                for (i, item) in array.iter().enumerate() {
                    self.value(items, item, &path.index(i));
                }
            }
            (Shape::Choice(values), DeValue::String(text)) => {
                if !values.contains(&text.as_ref()) {
                    let listed: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
                    let help = suggestion(text, &listed).map_or_else(
                        || format!("使える値: {}", listed.join(", ")),
                        |near| {
                            format!(
                                "\"{near}\" ではありませんか？ 使える値: {}",
                                listed.join(", ")
                            )
                        },
                    );
                    self.problem(
                        Some(span),
                        path,
                        format!("\"{text}\" は使えない値です"),
                        Some(help),
                    );
                }
            }
            (Shape::Scalar(scalar), found) => {
                if let Some((message, help)) = check_scalar(scalar, found, value) {
                    self.problem(Some(span), path, message, help);
                }
            }
            (Shape::Any, _) => {}
            (shape, found) => {
                let (message, help) = type_error(found, expected(&shape));
                self.problem(Some(span), path, message, help);
            }
        }
    }
}

/// The format's own scalar types, by their schema names (src/values.rs).
fn own_type(name: &str) -> Option<fn(ValueDeserializer<'_>) -> Result<(), toml::de::Error>> {
    Some(match name {
        "Yen" => |d| Yen::deserialize(d).map(drop),
        "Date" => |d| Date::deserialize(d).map(drop),
        "Quantity" => |d| Quantity::deserialize(d).map(drop),
        "YearMonth" => |d| YearMonth::deserialize(d).map(drop),
        _ => return None,
    })
}

/// The allowed strings of a choice (`enum`, or `oneOf` of constants).
fn choices(schema: &Value) -> Option<Vec<&str>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter_map(Value::as_str).collect());
    }
    let options = schema.get("oneOf").and_then(Value::as_array)?;
    Some(
        options
            .iter()
            .flat_map(|o| {
                o.get("const").into_iter().chain(
                    o.get("enum")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                )
            })
            .filter_map(Value::as_str)
            .collect(),
    )
}

/// The range of an integer field, by the width schemars records.
fn integer_range(schema: &Value) -> Scalar {
    let (min, max) = match schema.get("format").and_then(Value::as_str) {
        Some("int32") => (i128::from(i32::MIN), i128::from(i32::MAX)),
        Some("uint32") => (0, i128::from(u32::MAX)),
        Some("uint16") => (0, i128::from(u16::MAX)),
        Some("uint8") => (0, i128::from(u8::MAX)),
        Some("uint64") => (0, i128::from(u64::MAX)),
        _ => (i128::from(i64::MIN), i128::from(i64::MAX)),
    };
    Scalar::Integer { min, max }
}

/// A scalar's problem, if it has one.
fn check_scalar(
    scalar: Scalar,
    found: &DeValue<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Option<(String, Option<String>)> {
    match (scalar, found) {
        (Scalar::Text, DeValue::String(_)) | (Scalar::Boolean, DeValue::Boolean(_)) => None,
        (Scalar::Integer { min, max }, DeValue::Integer(integer)) => {
            let n = i128::from_str_radix(integer.as_str(), integer.radix()).ok();
            n.is_none_or(|n| n < min || n > max).then(|| {
                (
                    format!("値が範囲外です: {}", integer.as_str()),
                    Some(format!("{min} から {max} までの整数を書いてください")),
                )
            })
        }
        (Scalar::Own(deserialize), _) => {
            let error = deserialize(ValueDeserializer::from(value.clone())).err()?;
            // A type that takes no text at all (an amount) was given a number in quotes.
            let refuses_text = error.message().starts_with("invalid type: string");
            Some(match found {
                DeValue::String(text) if refuses_text => {
                    slip_in_quotes(text).unwrap_or_else(|| shape_message(error.message()))
                }
                _ => shape_message(error.message()),
            })
        }
        (Scalar::Integer { .. }, DeValue::String(text)) => {
            Some(slip_in_quotes(text).unwrap_or_else(|| type_error(found, "整数")))
        }
        (Scalar::Text, _) => Some(type_error(found, "文字列（\"…\" で囲む）")),
        (Scalar::Boolean, _) => Some(type_error(found, "真偽値（true / false）")),
        (Scalar::Integer { .. }, _) => Some(type_error(found, "整数")),
    }
}

fn expected(shape: &Shape<'_>) -> &'static str {
    match shape {
        Shape::Table(_) => "表（[…] または { … }）",
        Shape::Array(_) => "配列（[[…]] の表の並び、または [ … ]）",
        Shape::Choice(_) => "決められた文字列のどれか（\"…\" で囲む）",
        Shape::Scalar(_) | Shape::Any => "別の型の値",
    }
}

/// `型が違います: 文字列 "abc" が書かれていますが、整数 が必要です`.
fn type_error(found: &DeValue<'_>, expected: &str) -> (String, Option<String>) {
    let found = match found {
        DeValue::String(text) => format!("文字列 \"{text}\""),
        DeValue::Integer(i) => format!("整数 {}", i.as_str()),
        DeValue::Float(f) => format!("小数 {}", f.as_str()),
        DeValue::Boolean(b) => format!("真偽値 {b}"),
        DeValue::Datetime(d) => format!("日付 {d}"),
        DeValue::Array(_) => "配列".to_owned(),
        DeValue::Table(_) => "表".to_owned(),
    };
    (
        format!("型が違います: {found} が書かれていますが、{expected} が必要です"),
        None,
    )
}
