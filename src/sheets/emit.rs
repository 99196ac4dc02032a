//! An applicant's values as TOML text, in the schema's order, written as a person writes an
//! applicant file: `[table]` and `[[array]]` headers, multi-line text as `"""…"""`.

use std::fmt::Write;

use super::cells::Scalar;
use crate::starter::group_underscores;

/// A value of the file being built: a value, a table, or an array of tables.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Value(Scalar),
    Table(Vec<(String, Node)>),
    Rows(Vec<Vec<(String, Node)>>),
}

/// The TOML text of a root table.
pub(crate) fn document(root: &[(String, Node)]) -> String {
    let mut out = String::new();
    table(&mut out, "", root);
    out
}

/// A table's values, then its tables and arrays of tables under their headers.
fn table(out: &mut String, path: &str, entries: &[(String, Node)]) {
    for (key, node) in entries {
        if let Node::Value(value) = node {
            let _ = writeln!(out, "{} = {}", bare(key), scalar(value));
        }
    }
    for (key, node) in entries {
        let path = if path.is_empty() {
            bare(key)
        } else {
            format!("{path}.{}", bare(key))
        };
        match node {
            Node::Value(_) => {}
            Node::Table(inner) => {
                let _ = writeln!(out, "\n[{path}]");
                table(out, &path, inner);
            }
            Node::Rows(rows) => {
                for row in rows {
                    let _ = writeln!(out, "\n[[{path}]]");
                    table(out, &path, row);
                }
            }
        }
    }
}

/// A key as TOML writes it: bare when it can be (every key of the format can).
fn bare(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_owned()
    } else {
        string(key)
    }
}

fn scalar(value: &Scalar) -> String {
    match value {
        Scalar::Text(text) => string(text),
        // Amounts grouped as the sample files write them (years and counts are not).
        Scalar::Integer(i) if i.unsigned_abs() >= 10_000 => group_underscores(*i),
        Scalar::Integer(i) => i.to_string(),
        // A whole quantity is an integer, a fraction a string: what the format reads exactly.
        Scalar::Decimal(d) if d.fract().is_zero() && d.scale() == 0 => d.to_string(),
        Scalar::Decimal(d) => string(&d.to_string()),
        Scalar::Date(d) => d.to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::List(values) => {
            let values: Vec<String> = values.iter().map(scalar).collect();
            format!("[{}]", values.join(", "))
        }
    }
}

/// A basic string; multi-line when the text has line breaks. Every character but line breaks
/// and tabs that TOML would not take as it is, is escaped, so the text reads back the same.
fn string(text: &str) -> String {
    let multiline = text.contains('\n');
    let mut out = String::from(if multiline { "\"\"\"\n" } else { "\"" });
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multiline => out.push('\n'),
            '\t' => out.push('\t'),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push_str(if multiline { "\"\"\"" } else { "\"" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_back_exactly() {
        for text in [
            "株式会社テックシード",
            "a \"quoted\" \\ back",
            "一行目\n\n二行目\n",
            "末尾に引用符\"\n\"",
            "tab\tcr\r\nnul\u{7}",
        ] {
            let written = format!("v = {}", string(text));
            let table: toml::Table = toml::from_str(&written).unwrap();
            assert_eq!(table["v"].as_str(), Some(text), "{written}");
        }
    }

    #[test]
    fn tables_and_arrays_of_tables_nest() {
        let row = |n: i64| vec![("amount".to_owned(), Node::Value(Scalar::Integer(n)))];
        let root = vec![(
            "report".to_owned(),
            Node::Table(vec![
                ("rows".to_owned(), Node::Rows(vec![row(1), row(2)])),
                ("date".to_owned(), Node::Value(Scalar::Text("x".into()))),
            ]),
        )];
        let text = document(&root);
        assert_eq!(
            text,
            "\n[report]\ndate = \"x\"\n\n[[report.rows]]\namount = 1\n\n[[report.rows]]\namount = 2\n"
        );
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(table["report"]["rows"][1]["amount"].as_integer(), Some(2));
    }
}
