//! `--open`: the result in the system's PDF viewer.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Opens `path` with the system's viewer, detached. No viewer is not a failure of the render:
/// it is said on stderr and the command still succeeds.
pub(super) fn open(path: &Path) {
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
            "yoshiki: PDF ビューアーを起動できませんでした（{}）。{} を開いてください",
            yoshiki::files::describe(&e),
            path.display()
        );
    }
}

/// The most files `--open` opens one by one; more open their folder instead.
const MAX_OPENED: usize = 4;

/// What `--open` shows of a render: its packets, else every file written (up to a few),
/// else the folder they are in.
pub(super) fn open_outputs(written: &[PathBuf], packets: &[PathBuf]) {
    let shown = if packets.is_empty() { written } else { packets };
    if shown.len() <= MAX_OPENED {
        shown.iter().for_each(|path| open(path));
    } else if let Some(folder) = shown[0].parent() {
        open(folder);
    }
}
