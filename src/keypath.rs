//! Key paths into the applicant file (`investment_report.investments[1].amount`).
//!
//! Every diagnostic names the key it is about; the loader turns the path into a line and column.

use std::fmt;

/// One step of a key path: a table key or an array index (0-based, as TOML tools print it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct KeyPath(Vec<Segment>);

impl KeyPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// Parses `a.b[1].c`. Keys in the applicant format are bare keys, so no quoting is needed.
    pub fn parse(text: &str) -> Self {
        let mut segments = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segments.push(Segment::Key(key.to_owned()));
            }
            while let Some(end) = rest.find(']') {
                if let Ok(index) = rest[1..end].parse() {
                    segments.push(Segment::Index(index));
                }
                rest = &rest[end + 1..];
            }
        }
        Self(segments)
    }

    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The path one step up; `None` at the root.
    pub fn parent(&self) -> Option<KeyPath> {
        let (_, rest) = self.0.split_last()?;
        Some(Self(rest.to_vec()))
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_same_path() {
        let text = "investment_report.investments[1].amount";
        let path = KeyPath::parse(text);
        assert_eq!(path.segments().len(), 4);
        assert_eq!(path.segments()[2], Segment::Index(1));
        assert_eq!(path.to_string(), text);
        assert_eq!(
            KeyPath::root().key("budget").index(0).to_string(),
            "budget[0]"
        );
    }
}
