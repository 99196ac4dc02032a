//! Finding a batch's applicant files, naming their output folders, and slicing them into
//! shards.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::files::describe;
use crate::output;
use crate::sheets::{self, SheetApplicant};

/// Slice I of N (1-based), as `--shard I/N` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text.split_once('/').and_then(|(i, n)| {
            Some((i.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?))
        });
        match parsed {
            Some((index, count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(Shard { index, count })
            }
            _ => Err(format!(
                "\"{text}\" は I/N の形（1 ≤ I ≤ N、例: 2/3）ではありません"
            )),
        }
    }
}

impl Shard {
    /// Whether the input with this key belongs to this slice. The key's hash, not its position,
    /// decides: adding a file never moves the others between shards.
    pub fn contains(&self, key: &str) -> bool {
        fnv1a(key.as_bytes()) % self.count == self.index - 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// FNV-1a: tiny, and the same on every machine and Rust version (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One applicant (a file, or a row of a spreadsheet) and where its PDFs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file it came from, as the user named it.
    pub file: PathBuf,
    /// The path below the folder it was found in (or the file name), `/`-separated: the shard key.
    pub key: String,
    /// The output folder below DIR, `/`-separated: the input's path below PATH without `.toml`.
    pub folder: String,
    /// Its place in the whole input (1-based, before sharding): the order of the report.
    pub number: usize,
    /// The applicant a row of a spreadsheet makes, when it came from one.
    pub sheet: Option<Arc<SheetApplicant>>,
}

impl Input {
    /// The applicant's id, when it is a row of a spreadsheet.
    pub fn id(&self) -> Option<&str> {
        self.sheet.as_ref().map(|s| s.id.as_str())
    }

    /// What rendering found, located for a person: a spreadsheet's in its cells, after what
    /// reading the cells found.
    pub fn locate(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        match &self.sheet {
            None => diagnostics,
            Some(sheet) => {
                let mut located = sheet.problems.clone();
                located.extend(diagnostics.into_iter().map(|d| sheet.relocate(d)));
                located
            }
        }
    }

    /// How progress lines name it: the file, and the id of a spreadsheet's row.
    pub fn label(&self) -> String {
        match self.id() {
            Some(id) => format!("{} [{id}]", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// The output folder below `out`.
    pub fn folder_in(&self, out: &Path) -> PathBuf {
        self.folder
            .split('/')
            .fold(out.to_path_buf(), |p, c| p.join(c))
    }
}

/// Finds the applicants: each PATH is an applicant file, a spreadsheet of applicants (by its
/// extension: xlsx, ods, csv, …), or a folder searched recursively for `*.toml`.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    // Folder names are set last, over every input: each input first says the one it wants.
    let mut inputs = Vec::new();
    let mut wanted = Vec::new();
    for (file, key) in files(paths)? {
        if sheets::is_spreadsheet(&file) {
            // A spreadsheet is one input per applicant, in the order of its rows.
            for applicant in sheets::read(&file)? {
                wanted.push(vec![applicant.id.clone()]);
                inputs.push(Input {
                    file: file.clone(),
                    key: format!("{key}#{}", applicant.id),
                    folder: String::new(),
                    number: inputs.len() + 1,
                    sheet: Some(Arc::new(applicant)),
                });
            }
        } else {
            let stem = key.strip_suffix(".toml").unwrap_or(&key);
            wanted.push(stem.split('/').map(str::to_owned).collect());
            let number = inputs.len() + 1;
            inputs.push(Input {
                file,
                key,
                folder: String::new(),
                number,
                sheet: None,
            });
        }
    }
    for (input, folder) in inputs.iter_mut().zip(folders(wanted)) {
        input.folder = folder;
    }
    Ok(inputs)
}

/// The files each PATH names, sorted, with their key: the path below a folder given, or the
/// file name of a file given.
fn files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, String> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| unreadable(path, &e))?;
            for file in files {
                let key = file
                    .strip_prefix(path)
                    .unwrap_or(&file)
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((file, key));
            }
        } else {
            let key = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            found.push((path.clone(), key));
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    Ok(found)
}

fn unreadable(path: &Path, e: &std::io::Error) -> String {
    format!("{} を読めません: {}", path.display(), describe(e))
}

/// The output folders of inputs that want these paths (components below DIR), in order: each
/// component made safe; a folder that another input already has, or that is another's parent
/// folder, gets a number (`x_2`). Case is folded: not every file system keeps it.
pub(super) fn folders(wanted: Vec<Vec<String>>) -> Vec<String> {
    let safe: Vec<Vec<String>> = wanted
        .iter()
        .map(|parts| {
            let mut parts: Vec<String> = parts.iter().map(|p| output::safe_part(p)).collect();
            // A folder must not take the name of the batch's own reports.
            if let Some(first) = parts.first_mut()
                && super::report::is_report_file(first)
            {
                first.push('_');
            }
            parts
        })
        .collect();
    // Parent folders stay as they are; leaves give way to them and to each other.
    let mut taken: HashSet<String> = safe
        .iter()
        .flat_map(|parts| (1..parts.len()).map(|n| parts[..n].join("/").to_lowercase()))
        .collect();
    safe.into_iter()
        .map(|mut parts| {
            let base = parts.pop().unwrap_or_default();
            let parent = parts.join("/");
            let at = |leaf: &str| {
                if parent.is_empty() {
                    leaf.to_owned()
                } else {
                    format!("{parent}/{leaf}")
                }
            };
            let mut folder = at(&base);
            let mut n = 2;
            while !taken.insert(folder.to_lowercase()) {
                folder = at(&format!("{base}_{n}"));
                n += 1;
            }
            folder
        })
        .collect()
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_partition() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (1..=3).map(|i| Shard { index: i, count: 3 }).collect();
        for key in ["a.toml", "b/c.toml", "株式会社.toml", ""] {
            assert_eq!(
                shards.iter().filter(|s| s.contains(key)).count(),
                1,
                "{key}"
            );
        }
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn folders_are_unique_and_safe() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "x.toml",
            "sub/x.toml",
            "sub/X.toml",
            "sub/deep/y.toml",
            "notes.txt",
        ] {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "").unwrap();
        }
        let inputs = collect(&[dir.path().to_path_buf()]).unwrap();
        let keys: Vec<&str> = inputs.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["sub/X.toml", "sub/deep/y.toml", "sub/x.toml", "x.toml"]
        );
        let folders: Vec<&str> = inputs.iter().map(|i| i.folder.as_str()).collect();
        assert_eq!(folders, ["sub/X", "sub/deep/y", "sub/x_2", "x"]);
        let numbers: Vec<usize> = inputs.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
    }

    #[test]
    fn a_folder_never_takes_a_parent_folders_or_a_reports_name() {
        let wanted = |paths: &[&str]| -> Vec<Vec<String>> {
            paths
                .iter()
                .map(|p| p.split('/').map(str::to_owned).collect())
                .collect()
        };
        // x.toml beside x/y.toml: x/ holds y's folder, so x.toml's PDFs go to x_2/.
        assert_eq!(folders(wanted(&["x", "x/y"])), ["x_2", "x/y"]);
        assert_eq!(folders(wanted(&["x/y", "X"])), ["x/y", "X_2"]);
        assert_eq!(
            folders(wanted(&["report.json", "report-1-of-2.csv", "con"])),
            ["report.json_", "report-1-of-2.csv_", "_con"]
        );
    }
}
