//! `yoshiki watch`: renders, then renders again whenever the applicant file or a template or
//! program file in use changes. A failed render writes nothing, so the last good files stay for
//! the viewer. Templates and program definitions are read again when their files change: the
//! context is rebuilt, never patched.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::args::RenderArgs;
use super::render::render_once;
use super::{CommandResult, Outcome, viewer};

pub(super) fn run(args: &RenderArgs) -> CommandResult {
    let request = args.make.request()?;
    // The attachments the last render read are watched too (a rescanned 誓約書).
    let mut attachments: Vec<PathBuf> = Vec::new();
    let watched = |attachments: &[PathBuf]| {
        let mut paths = vec![args.applicant.clone()];
        paths.extend(args.make.sources.watched());
        paths.extend_from_slice(attachments);
        paths
    };
    let mut first = true;
    loop {
        // Taken before the render, so that a save during it triggers the next one.
        let mut seen = fingerprint(&watched(&attachments));
        seen.sort();
        let started = Instant::now();
        let rendered = args
            .make
            .sources
            .context()
            .and_then(|context| render_once(&context, args, &request));
        let (outcome, written, packets) = match rendered {
            Ok(once) => {
                let read: Vec<PathBuf> = once.attachments.iter().map(|(p, _)| p.clone()).collect();
                if read != attachments {
                    // The file now lists other attachments: watch those from here on, each
                    // against the bytes this render read of it (not a read after the render,
                    // which would miss a rescan saved while it ran).
                    attachments = read;
                    let paths = watched(&attachments);
                    seen.retain(|(p, _)| paths.contains(p));
                    for (path, bytes) in &once.attachments {
                        if !seen.iter().any(|(q, _)| q == path) {
                            seen.push((path.clone(), Some(digest(bytes))));
                        }
                    }
                    seen.sort();
                }
                (once.outcome, once.written, once.packets)
            }
            Err(failure) => {
                eprintln!("yoshiki: {failure}");
                (Outcome::UsageOrIo, Vec::new(), Vec::new())
            }
        };
        if first {
            if !args.applicant.exists() {
                return Ok(Outcome::UsageOrIo);
            }
            if args.open {
                viewer::open_outputs(&written, &packets);
            }
            first = false;
        }
        let ms = started.elapsed().as_millis();
        match outcome {
            Outcome::Ok => {
                eprintln!("書き出しました（{ms} ms）。変更を待っています…（Ctrl-C で終了）");
            }
            _ => eprintln!(
                "前回の出力はそのままです。ファイルの変更を待っています…（Ctrl-C で終了）"
            ),
        }
        // Polling, not file-system events: it works the same on every system and network
        // drive, and reading a few small files five times a second costs nothing.
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let mut now = fingerprint(&watched(&attachments));
            now.sort();
            if now != seen {
                break;
            }
        }
    }
}

/// What the watched files hold now: a hash of each one's contents (`None` when unreadable).
/// Contents, not modification times: an editor that saves twice, or a clock that ticks in whole
/// seconds, does not cause a spurious or a missed render.
fn fingerprint(paths: &[PathBuf]) -> Vec<(PathBuf, Option<u64>)> {
    paths
        .iter()
        .map(|path| (path.clone(), std::fs::read(path).ok().map(|b| digest(&b))))
        .collect()
}

/// A file's contents as `fingerprint` records them.
fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Every file below `dir` with one of the extensions, sorted (missing folder: none).
pub(super) fn files_below(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_changes_with_contents_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "x = 1").unwrap();
        let before = fingerprint(std::slice::from_ref(&file));
        std::fs::write(&file, "x = 1").unwrap();
        assert_eq!(
            fingerprint(std::slice::from_ref(&file)),
            before,
            "same bytes, same print"
        );
        std::fs::write(&file, "x = 2").unwrap();
        assert_ne!(fingerprint(std::slice::from_ref(&file)), before);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(fingerprint(std::slice::from_ref(&file))[0].1, None);
    }

    #[test]
    fn files_below_finds_nested_templates_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.typ", "a.typ", "sub/c.typ", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let found: Vec<String> = files_below(dir.path(), &["typ"])
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(found, ["a.typ", "b.typ", "sub/c.typ"]);
    }
}
