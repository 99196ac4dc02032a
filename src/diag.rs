//! Diagnostics: what is wrong, where (file:line:column and key path), in Japanese.

use std::fmt;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::keypath::KeyPath;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, changes nothing (e.g. the 1/6 report of DMP).
    Note,
    /// Printed, but the PDFs are still written (e.g. a date outside 所定の期間).
    Warning,
    /// Nothing of this applicant is written.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "情報",
            Severity::Warning => "警告",
            Severity::Error => "エラー",
        }
    }
}

/// A position in the applicant file: 1-based line and column (column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One finding about an applicant file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The applicant file, as the user named it.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem is not in the file (e.g. it cannot be read).
    pub position: Option<Position>,
    /// Byte range in the file, for the source excerpt.
    pub span: Option<std::ops::Range<usize>>,
    /// The spreadsheet cell (`出資!D7`) when the applicant came from one: printed instead of
    /// the line and column.
    pub cell: Option<String>,
    /// The key the finding is about; root when it is about the whole file.
    pub key: KeyPath,
    /// What is wrong, in Japanese.
    pub message: String,
    /// What would be right, in Japanese, when that helps.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic for a terminal, with the offending line of `source` under it.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let (Some(source), Some(span)) = (source, self.span.clone()) else {
            return format!("{self}\n");
        };
        let name = self.file.display().to_string();
        let file = SimpleFile::new(name, source);
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
            Severity::Note => Report::note(),
        };
        let mut label = Label::primary((), span);
        if !self.key.is_root() {
            label = label.with_message(self.key.to_string());
        }
        // The one-line header above already carries the message and the hint.
        let report = report
            .with_message(self.message.clone())
            .with_labels(vec![label]);
        let mut buffer: Vec<u8> = Vec::new();
        let config = Config::default();
        let written = if color {
            let mut writer = term::termcolor::Ansi::new(&mut buffer);
            term::emit(&mut writer, &config, &file, &report)
        } else {
            let mut writer = term::termcolor::NoColor::new(&mut buffer);
            term::emit(&mut writer, &config, &file, &report)
        };
        match written {
            Ok(()) => format!(
                "{self}\n{}",
                strip_header(&String::from_utf8_lossy(&buffer))
            ),
            Err(_) => format!("{self}\n"),
        }
    }
}

/// codespan repeats the message on its first line; our own one-line header already says it.
fn strip_header(rendered: &str) -> &str {
    rendered.split_once('\n').map_or(rendered, |(_, rest)| rest)
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: エラー: key.path: message（ヒント: …）`, one line, grep-able; from a
    /// spreadsheet `file: 出資!D7: エラー: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(cell) = &self.cell {
            write!(f, ": {cell}")?;
        } else if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}: ", self.severity.label())?;
        if !self.key.is_root() {
            write!(f, "{}: ", self.key)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "（ヒント: {help}）")?;
        }
        Ok(())
    }
}

/// A finding made by a check, before the loader has located its key in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub key: KeyPath,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    pub fn error(key: KeyPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            key,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(key: KeyPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            key,
            message: message.into(),
            help: None,
        }
    }

    pub fn note(key: KeyPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            key,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A diagnostic about a file as a whole (cannot be read, too large, …).
pub fn file_problem(file: &Path, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: None,
        span: None,
        cell: None,
        key: KeyPath::root(),
        message: message.into(),
        help: None,
    }
}
