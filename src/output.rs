//! Writing PDFs: file names that are safe whatever the applicant's data holds, and atomic
//! writes (temporary file + rename), so an interrupted run never leaves a half-written PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The longest part of a file name, in bytes (a name must stay under 255 bytes on every common
/// file system; Japanese takes three bytes a character).
const MAX_PART_BYTES: usize = 90;

/// Names Windows reserves whatever the extension (`CON.pdf` cannot be created there).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// One part of a file name: no separators, no characters that some system forbids, no leading
/// dot, not empty, not a reserved device name, capped in length.
pub fn safe_part(text: &str) -> String {
    let mut part: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || c.is_whitespace() => '_',
            c => c,
        })
        .collect();
    while part.ends_with(['.', '_']) || part.starts_with(['.', '_']) {
        part = part.trim_matches(['.', '_']).to_owned();
    }
    if part.len() > MAX_PART_BYTES {
        let mut end = MAX_PART_BYTES;
        while !part.is_char_boundary(end) {
            end -= 1;
        }
        part.truncate(end);
    }
    if part.is_empty() {
        return "無題".to_owned();
    }
    let stem = part.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        part.insert(0, '_');
    }
    part
}

/// `applicant_form[_distinguisher].pdf`, every part made safe.
pub fn pdf_name(applicant: &str, form_title: &str, distinguisher: Option<&str>) -> String {
    let mut parts = vec![safe_part(applicant), safe_part(form_title)];
    if let Some(d) = distinguisher {
        parts.push(safe_part(d));
    }
    format!("{}.pdf", parts.join("_"))
}

/// Writes a PDF or page image atomically, replacing an earlier output of yoshiki but never a
/// file of someone else's that happens to have the same name (an error says so instead).
pub fn write_output(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = dir.join(name);
    if target.exists() && !written_by_yoshiki(&target) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "同じ名前の別のファイルがあるため上書きしません（yoshiki が書いたファイルではありません）",
        ));
    }
    write_atomic(dir, name, bytes)
}

/// Whether an existing file is an earlier output: a PDF whose metadata names yoshiki as its
/// creator, or a PNG page image (which carries no creator; a PNG of the same name in an output
/// folder is taken to be ours).
fn written_by_yoshiki(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF-") {
        contains(b"(yoshiki ") || contains(b"<xmp:CreatorTool>yoshiki ")
    } else {
        bytes.starts_with(b"\x89PNG")
    }
}

/// Writes `bytes` to `dir/name` atomically: a reader sees the old file or the new one, never a
/// part. `name` must come from [`pdf_name`] (it has no separators).
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    write_atomic_with(dir, name, |file| file.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes into the file.
pub fn write_atomic_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let target = dir.join(name);
    let temporary = dir.join(temporary_name(name, std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        write(&mut file)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map(|()| target)
}

/// The temporary file a PDF is written to before it is renamed into place: hidden, and named by
/// the process writing it.
pub(crate) fn temporary_name(name: &str, process: u32) -> String {
    format!(".{name}.{process}.part")
}

/// Whether a file name is a temporary file of [`write_atomic`]: of which file, by which process.
fn temporary_of(name: &str) -> Option<(&str, u32)> {
    let rest = name.strip_prefix('.')?.strip_suffix(".part")?;
    let (of, process) = rest.rsplit_once('.')?;
    Some((of, process.parse().ok()?))
}

/// Removes the temporary files that an interrupted yoshiki (killed, or out of power) left in
/// `dir` for the files `ours` accepts. Only for files that this process alone writes (a batch
/// applicant's folder, a shard's report): another process's temporary file of them can only be
/// a leftover.
pub fn remove_stale_temporaries(dir: &Path, ours: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let this = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name
            .to_str()
            .and_then(temporary_of)
            .is_some_and(|(of, process)| process != this && ours(of))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_whatever_the_data_holds() {
        assert_eq!(safe_part("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe_part("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
        assert_eq!(safe_part("  "), "無題");
        assert_eq!(safe_part("..."), "無題");
        assert_eq!(safe_part("CON"), "_CON");
        assert_eq!(safe_part("nul.txt"), "_nul.txt");
        assert_eq!(
            safe_part("#read(\"/etc/passwd\") *x*"),
            "#read(__etc_passwd_)__x"
        );
        let long = "株".repeat(200);
        let part = safe_part(&long);
        assert!(part.len() <= MAX_PART_BYTES && part.chars().all(|c| c == '株'));
    }

    #[test]
    fn pdf_names_join_applicant_form_and_distinguisher() {
        assert_eq!(
            pdf_name(
                "株式会社テックシード",
                "出資等に関する報告書",
                Some("01_ABC VC")
            ),
            "株式会社テックシード_出資等に関する報告書_01_ABC_VC.pdf"
        );
    }

    #[test]
    fn leftover_temporaries_of_other_processes_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let this = std::process::id();
        for name in [
            temporary_name("a.pdf", this.wrapping_add(1)),
            temporary_name(".yoshiki-manifest.json", 7),
            temporary_name("b.pdf", this),
            "c.pdf".to_owned(),
            ".c.pdf.part".to_owned(),
            ".c.pdf.x1.part".to_owned(),
            "notes.part".to_owned(),
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        remove_stale_temporaries(dir.path(), |_| true);
        // Only the files named: another's temporary stays.
        std::fs::write(dir.path().join(temporary_name("x.pdf", 7)), b"").unwrap();
        remove_stale_temporaries(dir.path(), |of| of == "y.pdf");
        assert!(dir.path().join(temporary_name("x.pdf", 7)).exists());
        std::fs::remove_file(dir.path().join(temporary_name("x.pdf", 7))).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut expected = vec![
            ".c.pdf.part".to_owned(),
            ".c.pdf.x1.part".to_owned(),
            temporary_name("b.pdf", this),
            "c.pdf".to_owned(),
            "notes.part".to_owned(),
        ];
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_atomic(dir.path(), "a.pdf", b"%PDF-").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.pdf"]);
    }
}
