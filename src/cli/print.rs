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

/// Text on stdout, for a pipe that may close early (`yoshiki completions bash | head`): what
/// no longer has a reader is not written, and that is no error (`print!` would panic).
pub(super) fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// A file's size as a person reads it: `850 KB`, `1.4 MB`.
pub(super) fn size(bytes: usize) -> String {
    const KB: usize = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        // One decimal, rounded half up, in integer arithmetic.
        let tenths = (bytes * 10 + KB * KB / 2) / (KB * KB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_kilobytes_or_megabytes() {
        assert_eq!(size(0), "0 KB");
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(1024 * 1023), "1023 KB");
        assert_eq!(size(1024 * 1024), "1.0 MB");
        assert_eq!(size(1024 * 1024 * 3 / 2), "1.5 MB");
    }
}
