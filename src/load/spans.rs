//! Where each key and value of an applicant file is: byte spans by key path, for locating a
//! check's finding in the file, and 1-based line and column for people.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diag::Position;
use crate::keypath::{KeyPath, Segment};

/// Byte spans of every key path in the file, for locating checks' findings, and every text value
/// with its key (all of them may be printed, so all are checked for printable characters).
#[derive(Debug, Clone, Default)]
pub(crate) struct SpanMap {
    spans: HashMap<KeyPath, Range<usize>>,
    strings: Vec<(KeyPath, String)>,
}

impl SpanMap {
    pub(super) fn build(root: &toml::Spanned<DeTable<'_>>) -> Self {
        let mut map = Self::default();
        walk_table(root.get_ref(), &KeyPath::root(), &mut map);
        map
    }

    /// Every text value of the file with its key path, in file order.
    pub(crate) fn strings(&self) -> &[(KeyPath, String)] {
        &self.strings
    }

    /// The span of `key`, or of its nearest ancestor present in the file (for a missing key).
    pub(crate) fn locate(&self, key: &KeyPath) -> Option<Range<usize>> {
        let mut segments = key.segments().to_vec();
        loop {
            let path = path_of(&segments);
            if let Some(span) = self.spans.get(&path) {
                return Some(span.clone());
            }
            segments.pop()?;
        }
    }
}

fn path_of(segments: &[Segment]) -> KeyPath {
    segments
        .iter()
        .fold(KeyPath::root(), |path, segment| match segment {
            Segment::Key(k) => path.key(k),
            Segment::Index(i) => path.index(*i),
        })
}

fn walk_table(table: &DeTable<'_>, base: &KeyPath, map: &mut SpanMap) {
    for (key, value) in table {
        let path = base.key(key.get_ref());
        // A table's own span can cover its whole body; its key is the precise place to point at.
        let span = match value.get_ref() {
            DeValue::Table(_) | DeValue::Array(_) => key.span(),
            _ => value.span(),
        };
        map.spans.insert(path.clone(), span);
        walk_value(value.get_ref(), &path, map);
    }
}

fn walk_value(value: &DeValue<'_>, path: &KeyPath, map: &mut SpanMap) {
    match value {
        DeValue::Table(table) => walk_table(table, path, map),
        DeValue::String(text) => map.strings.push((path.clone(), text.to_string())),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = path.index(i);
                map.spans.insert(item_path.clone(), item.span());
                walk_value(item.get_ref(), &item_path, map);
            }
        }
        _ => {}
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn position(source: &str, offset: usize) -> Position {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nname = \"株式会社\"\n";
        let offset = text.find('"').unwrap();
        assert_eq!(position(text, offset), Position { line: 2, column: 8 });
        let after_kanji = text.find("会").unwrap();
        assert_eq!(position(text, after_kanji).column, 11);
    }
}
