//! `init --minimal`: the examples cut down to what the format and the forms need. Every key the
//! format leaves optional is tried out of the example file, and stays out when the file still
//! checks clean without it: so the compact starter, filled in, checks clean too, and whatever a
//! form needs although the format allows it to be left out (the 申込者の概要's フリガナ, the
//! 収支予算書's 自己資金 that balances it) stays, without a list of such keys kept by hand.

use std::path::Path;

use serde_json::Value;

use crate::context::Context;
use crate::schema::resolve;

/// One step of a path into a TOML value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The examples of `sections` (name, example) with every optional key that no check needs
/// removed.
pub(super) fn reduce(
    sections: &[(&'static str, Option<toml::Value>)],
    schema: &Value,
) -> Vec<(&'static str, Option<toml::Value>)> {
    let definitions = schema.get("$defs").cloned().unwrap_or_default();
    let mut document = toml::Table::new();
    for (name, example) in sections {
        if let Some(example) = example {
            document.insert((*name).to_owned(), example.clone());
        }
    }
    let mut candidates = Vec::new();
    optional_paths(
        &toml::Value::Table(document.clone()),
        schema,
        &definitions,
        &mut Vec::new(),
        &mut candidates,
    );
    let context = Context::embedded();
    let mut current = toml::Value::Table(document);
    for path in candidates {
        let mut trial = current.clone();
        if remove(&mut trial, &path) && checks_clean(&context, &trial) {
            current = trial;
        }
    }
    sections
        .iter()
        .map(|(name, example)| {
            let reduced = example.as_ref().and_then(|_| current.get(*name).cloned());
            (*name, reduced)
        })
        .collect()
}

/// Every optional key present in `value`, parents before their children.
fn optional_paths(
    value: &toml::Value,
    schema: &Value,
    definitions: &Value,
    path: &mut Vec<Step>,
    found: &mut Vec<Vec<Step>>,
) {
    let schema = resolve(definitions, schema);
    match value {
        toml::Value::Table(table) => {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let properties = schema.get("properties");
            for (key, child) in table {
                path.push(Step::Key(key.clone()));
                // The top level's sections are what the user chose: never cut.
                if path.len() > 1 && !required.contains(&key.as_str()) {
                    found.push(path.clone());
                }
                if let Some(property) = properties.and_then(|p| p.get(key)) {
                    optional_paths(child, property, definitions, path, found);
                }
                path.pop();
            }
        }
        toml::Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for (i, child) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    optional_paths(child, item, definitions, path, found);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// Removes the value at `path`; false when it is not there (a parent went before).
fn remove(value: &mut toml::Value, path: &[Step]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut at = value;
    for step in parents {
        let next = match (step, at) {
            (Step::Key(key), toml::Value::Table(table)) => table.get_mut(key),
            (Step::Index(i), toml::Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return false,
        }
    }
    match (last, at) {
        (Step::Key(key), toml::Value::Table(table)) => table.remove(key).is_some(),
        _ => false,
    }
}

fn checks_clean(context: &Context, document: &toml::Value) -> bool {
    let Ok(text) = toml::to_string(document) else {
        return false;
    };
    crate::prepare::prepare(context, Path::new("minimal.toml"), text.as_bytes(), &[])
        .is_ok_and(|prepared| !prepared.has_errors())
}
