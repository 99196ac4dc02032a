//! The manifest in each applicant's output folder: what was written from which input, so that
//! `--skip-unchanged` can skip an applicant and a file the applicant no longer has can go.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::output;

/// Its name in the applicant's folder.
const NAME: &str = ".yoshiki-manifest.json";

/// The input and engine a folder was written from, and its files.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Manifest {
    pub(super) fingerprint: String,
    pub(super) files: Vec<String>,
}

impl Manifest {
    pub(super) fn read(folder: &Path) -> Option<Manifest> {
        serde_json::from_slice(&std::fs::read(folder.join(NAME)).ok()?).ok()
    }

    /// Whether the folder still holds what this manifest lists, from the same input.
    pub(super) fn is_current(&self, folder: &Path, fingerprint: &str) -> bool {
        self.fingerprint == fingerprint && self.files.iter().all(|f| folder.join(f).is_file())
    }

    /// Writes the manifest atomically; its path when it cannot.
    pub(super) fn write(&self, folder: &Path) -> Result<(), (String, std::io::Error)> {
        let bytes = serde_json::to_vec_pretty(self).expect("a manifest serializes");
        output::write_atomic(folder, NAME, &bytes)
            .map(|_| ())
            .map_err(|e| (folder.join(NAME).display().to_string(), e))
    }

    /// Removes the files this (earlier) manifest lists that `current` no longer has (an investor
    /// removed); nothing else in the folder is touched.
    pub(super) fn remove_stale(&self, folder: &Path, current: &[String]) {
        let current: BTreeSet<&String> = current.iter().collect();
        for stale in self.files.iter().filter(|f| !current.contains(f)) {
            // A manifest edited by hand must not reach outside the folder: plain names only.
            let plain = Path::new(stale)
                .file_name()
                .is_some_and(|n| n == stale.as_str());
            if plain && (stale.ends_with(".pdf") || stale.ends_with(".png")) {
                let _ = std::fs::remove_file(folder.join(stale));
            }
        }
    }
}
