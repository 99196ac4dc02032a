//! Finding a batch's applicant files, naming their output folders, and slicing them into
//! shards.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::files::describe;
use crate::output;

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

/// One applicant file and where its PDFs go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub file: PathBuf,
    /// The path below the folder it was found in (or the file name), `/`-separated: the shard key.
    pub key: String,
    /// The output folder's name below DIR.
    pub folder: String,
}

/// Finds the applicant files: each PATH is a file, or a folder searched recursively for `*.toml`.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{} を読めません: {}", path.display(), describe(&e)))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)
                .map_err(|e| format!("{} を読めません: {}", path.display(), describe(&e)))?;
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

    // Folder names: the file stem, made safe; where two inputs share one (a/x.toml, b/x.toml),
    // the later in sorted order gets a number. Case is folded: not every file system keeps it.
    let mut taken = HashSet::new();
    Ok(found
        .into_iter()
        .map(|(file, key)| {
            let stem = file
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let base = output::safe_part(&stem);
            let mut folder = base.clone();
            let mut n = 2;
            while !taken.insert(folder.to_lowercase()) {
                folder = format!("{base}_{n}");
                n += 1;
            }
            Input { file, key, folder }
        })
        .collect())
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
        assert_eq!(folders, ["X", "y", "x_2", "x_3"]);
    }
}
