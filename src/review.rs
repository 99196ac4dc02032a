//! The review loop's helpers: noticing that input files changed (`yoshiki watch`) and opening
//! the result in the system's PDF viewer (`--open`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What the watched files hold now: a hash of each one's contents (`None` when unreadable).
/// Contents, not modification times: an editor that saves twice, or a clock that ticks in whole
/// seconds, does not cause a spurious or a missed render.
pub fn fingerprint(paths: &[PathBuf]) -> Vec<(PathBuf, Option<u64>)> {
    paths
        .iter()
        .map(|path| {
            let digest = std::fs::read(path).ok().map(|bytes| {
                let mut hasher = DefaultHasher::new();
                bytes.hash(&mut hasher);
                hasher.finish()
            });
            (path.clone(), digest)
        })
        .collect()
}

/// Every file below `dir` with one of the extensions, sorted (missing folder: none).
pub fn files_below(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
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

/// Opens `path` with the system's viewer, detached. No viewer is not a failure of the render:
/// it is said on stderr and the command still succeeds.
pub fn open_in_viewer(path: &Path) {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        Command::new("xdg-open")
    };
    let started = command
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Err(e) = started {
        eprintln!(
            "yoshiki: PDF ビューアーを起動できませんでした（{e}）。{} を開いてください",
            path.display()
        );
    }
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
