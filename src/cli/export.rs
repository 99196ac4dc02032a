//! `yoshiki export templates|programs`, `yoshiki programs` and `yoshiki forms`.

use std::io::Write;
use std::path::Path;

use yoshiki::files::describe;
use yoshiki::forms::FORMS;

use super::{CommandResult, Failure, Outcome};

/// Writes embedded files (templates or program definitions) into `dir`, never over a file.
pub(super) fn run(dir: &Path, files: &[(&str, &str)]) -> CommandResult {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(format!("{} を作れません: {}", dir.display(), describe(&e))))?;
    for (name, text) in files {
        let path = dir.join(name);
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
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

/// Every form, in the guides' order.
pub(super) fn list_forms() -> CommandResult {
    let mut stdout = std::io::stdout().lock();
    for form in FORMS {
        let _ = writeln!(
            stdout,
            "{:<26} {}  {}  [{}]",
            form.name, form.title, form.source, form.section
        );
    }
    Ok(Outcome::Ok)
}
