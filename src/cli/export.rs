//! `yoshiki export templates|programs`, `yoshiki programs` and `yoshiki forms`.

use std::io::Write;
use std::path::Path;

use unicode_width::UnicodeWidthStr;
use yoshiki::files::describe;
use yoshiki::forms::FORMS;

use super::{CommandResult, Failure, Outcome};

/// Writes embedded files (templates or program definitions) into `dir`, never over a file.
pub(super) fn run(dir: &Path, files: &[(&str, &str)]) -> CommandResult {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(format!("{} を作れません: {}", dir.display(), describe(&e))))?;
    for (name, text) in files {
        let path = dir.join(name);
        // A file below a folder of its own (templates/parts/): the folder first.
        let folder = path.parent().map_or(Ok(()), std::fs::create_dir_all);
        let written = folder.and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
        });
        match written {
            Ok(()) => println!("{}", path.display()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Failure::io(format!(
                    "{} は既にあります（上書きしません）",
                    path.display()
                )));
            }
            Err(e) => {
                return Err(Failure::io(format!(
                    "{} に書き込めません: {}",
                    path.display(),
                    describe(&e)
                )));
            }
        }
    }
    Ok(Outcome::Ok)
}

/// The calls and rounds the program definitions in use know (`--programs DIR`, or the
/// embedded ones).
pub(super) fn list_programs(dir: Option<&Path>) -> CommandResult {
    let programs = match dir {
        Some(dir) => yoshiki::Programs::from_dir(dir).map_err(Failure::io)?,
        None => yoshiki::Programs::embedded(),
    };
    for line in programs.catalogue() {
        println!("{line}");
    }
    println!("yoshiki init --program で選べる事業・フェーズ:");
    for profile in yoshiki::package::profiles(&programs) {
        println!("  {}（{}）", profile.name, profile.title);
    }
    Ok(Outcome::Ok)
}

/// Every form, in the guides' order, in columns.
pub(super) fn list_forms() -> CommandResult {
    let mut stdout = std::io::stdout().lock();
    let widest = |column: fn(&yoshiki::forms::Form) -> &str| {
        FORMS.iter().map(|f| column(f).width()).max().unwrap_or(0)
    };
    let names = widest(|f| f.name);
    let titles = widest(|f| f.title);
    let sources = widest(|f| f.source);
    for form in FORMS {
        let _ = writeln!(
            stdout,
            "{}  {}  {}  [{}]",
            pad(form.name, names),
            pad(form.title, titles),
            pad(form.source, sources),
            form.section
        );
    }
    Ok(Outcome::Ok)
}

/// `text` and spaces up to `width` columns of a terminal, where a full-width character takes
/// two (`format!`'s padding counts characters, which misaligns Japanese).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
