//! Printing diagnostics for people: each with the line it is about, and a tally.

use std::io::{IsTerminal, Write};

use yoshiki::diag::{Diagnostic, Severity};

pub(super) fn diagnostics(diagnostics: &[Diagnostic], source: &str) {
    let color = std::io::stderr().is_terminal();
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let _ = write!(stderr, "{}", d.render(Some(source), color));
    }
}

pub(super) fn tally(diagnostics: &[Diagnostic]) {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings > 0 {
        eprintln!("エラー {errors} 件、警告 {warnings} 件");
    }
}
