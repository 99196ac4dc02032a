//! `yoshiki schema`: the JSON Schema of the applicant file, on standard output, or (`--write`)
//! where the applicant files' `#:schema` lines point, so an editor (Taplo, Even Better TOML)
//! finds it beside each file.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use yoshiki::files::describe;
use yoshiki::starter::SCHEMA_FILE;

use super::args::SchemaArgs;
use super::{CommandResult, Failure, Outcome};

pub(super) fn run(args: &SchemaArgs) -> CommandResult {
    let text = serde_json::to_string_pretty(&yoshiki::schema()).unwrap_or_default() + "\n";
    if !args.write {
        super::print::out(&text);
        return Ok(Outcome::Ok);
    }
    let targets = if args.paths.is_empty() {
        BTreeSet::from([PathBuf::from(SCHEMA_FILE)])
    } else {
        let mut targets = BTreeSet::new();
        for path in &args.paths {
            for file in applicant_files(path)? {
                if let Some(target) = directive_target(&file)? {
                    targets.insert(target);
                }
            }
        }
        targets
    };
    if targets.is_empty() {
        return Err(Failure::usage(
            "#:schema 行のある申請者ファイルがありません（yoshiki init で作るファイルの 1 行目にあります）",
        ));
    }
    for target in targets {
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        yoshiki::output::write_atomic(folder, &name, text.as_bytes()).map_err(|e| {
            Failure::io(format!(
                "{} に書き込めません: {}",
                target.display(),
                describe(&e)
            ))
        })?;
        println!("{}", target.display());
    }
    Ok(Outcome::Ok)
}

/// `path` itself, or the `*.toml` files below it.
fn applicant_files(path: &Path) -> Result<Vec<PathBuf>, Failure> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let entries = std::fs::read_dir(path)
        .map_err(|e| Failure::io(format!("{} を読めません: {}", path.display(), describe(&e))))?;
    for entry in entries.flatten() {
        let child = entry.path();
        if child.is_dir() {
            files.extend(applicant_files(&child)?);
        } else if child.extension().is_some_and(|e| e == "toml") {
            files.push(child);
        }
    }
    files.sort();
    Ok(files)
}

/// Where a file's first-line `#:schema ./x.json` points (relative to the file); `None` for a
/// file without one, or one that points at a URL.
fn directive_target(file: &Path) -> Result<Option<PathBuf>, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::io(format!("{} を読めません: {}", file.display(), describe(&e))))?;
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default();
    let Some(target) = first.strip_prefix("#:schema") else {
        return Ok(None);
    };
    let target = target.trim();
    if target.is_empty() || target.contains("://") {
        return Ok(None);
    }
    let folder = file.parent().unwrap_or(Path::new("."));
    Ok(Some(lexical(&folder.join(target))))
}

/// `a/b/../c/./d` → `a/c/d`, without touching the disk: the same file named two ways is one
/// target.
fn lexical(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if clean.file_name().is_some() => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}
