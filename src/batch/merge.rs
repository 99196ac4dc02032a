//! `yoshiki report merge DIR`: the shard reports of one batch (`report-I-of-N.json`) joined into
//! the report an unsharded run writes (`report.json` and `report.csv`), byte for byte.
//!
//! Every entry carries its place in the whole input and every shard report the size of the
//! whole input, so the merge can check that the shards cover every applicant exactly once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::report::{Entry, Report, ReportWriter};
use super::{Shard, Summary, report_name};
use crate::files::describe;

/// A merged report: where it is, what it counted, a line per failed applicant.
#[derive(Debug)]
pub struct Merged {
    pub report: PathBuf,
    /// The shard reports read, in order.
    pub shards: Vec<PathBuf>,
    pub summary: Summary,
    pub failed: Vec<String>,
}

/// Merges the shard reports in `dir` into `dir/report.json` and `dir/report.csv`.
pub fn merge(dir: &Path) -> Result<Merged, String> {
    let shards = find_shards(dir)?;
    let mut inputs = None;
    let mut entries: BTreeMap<usize, Entry> = BTreeMap::new();
    for (shard, path) in &shards {
        let report = read(path)?;
        if report.yoshiki != env!("CARGO_PKG_VERSION") {
            return Err(format!(
                "{} は別の版の yoshiki ({}) が書いた報告です（この yoshiki は {}）。同じ版で全シャードを実行し直してください",
                path.display(),
                report.yoshiki,
                env!("CARGO_PKG_VERSION")
            ));
        }
        if report.shard.as_deref() != Some(shard.to_string().as_str()) {
            return Err(format!(
                "{} の中身はシャード {shard} の報告ではありません",
                path.display()
            ));
        }
        match inputs {
            Some(n) if n != report.inputs => {
                return Err(format!(
                    "{} は申請者 {} 件のバッチの報告ですが、ほかのシャードは {n} 件です。同じ入力で実行したシャードだけをまとめられます",
                    path.display(),
                    report.inputs
                ));
            }
            _ => inputs = Some(report.inputs),
        }
        for entry in report.applicants {
            let number = entry.number;
            if entries.insert(number, entry).is_some() {
                return Err(format!(
                    "申請者 {number} 番が二つのシャードの報告にあります（{}）",
                    path.display()
                ));
            }
        }
    }
    let inputs = inputs.unwrap_or_default();
    if let Some(missing) = (1..=inputs).find(|n| !entries.contains_key(n)) {
        return Err(format!(
            "申請者 {missing} 番がどのシャードの報告にもありません（全 {inputs} 件）"
        ));
    }
    if entries.len() != inputs {
        return Err(format!(
            "シャードの報告に全 {inputs} 件の範囲外の申請者があります"
        ));
    }
    let cannot_write = |e: std::io::Error| {
        format!(
            "{} に書き込めません: {}",
            dir.join(report_name(None)).display(),
            describe(&e)
        )
    };
    let mut writer = ReportWriter::create(dir, None, inputs).map_err(cannot_write)?;
    for (index, entry) in entries.into_values().enumerate() {
        writer.add(index, entry);
    }
    let written = writer.finish().map_err(cannot_write)?;
    Ok(Merged {
        report: written.json,
        shards: shards.into_iter().map(|(_, path)| path).collect(),
        summary: written.summary,
        failed: written.failed,
    })
}

fn read(path: &Path) -> Result<Report<Vec<Entry>>, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{} を読めません: {}", path.display(), describe(&e)))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{} は yoshiki batch の報告として読めません（{e}）",
            path.display()
        )
    })
}

/// The shard reports of one batch, I = 1..=N, every one of them present.
fn find_shards(dir: &Path) -> Result<Vec<(Shard, PathBuf)>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{} を読めません: {}", dir.display(), describe(&e)))?;
    let mut found: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for entry in entries.flatten() {
        if let Some(shard) = entry.file_name().to_str().and_then(shard_of) {
            found.entry(shard.count).or_default().push(shard.index);
        }
    }
    let count = match found.keys().collect::<Vec<_>>().as_slice() {
        [] => {
            return Err(format!(
                "{} にシャードの報告 (report-I-of-N.json) がありません",
                dir.display()
            ));
        }
        [count] => **count,
        counts => {
            let counts: Vec<String> = counts.iter().map(|n| format!("N = {n}")).collect();
            return Err(format!(
                "{} に分け方の違うシャードの報告があります（{}）。一つのバッチの報告だけを残してください",
                dir.display(),
                counts.join("、")
            ));
        }
    };
    (1..=count)
        .map(|index| {
            let shard = Shard { index, count };
            let path = dir.join(report_name(Some(shard)));
            if path.is_file() {
                Ok((shard, path))
            } else {
                Err(format!(
                    "{} がありません（--shard {shard} の実行が終わっていないか、別のフォルダに書かれています）",
                    path.display()
                ))
            }
        })
        .collect()
}

/// The shard of a report's file name (`report-2-of-3.json`).
fn shard_of(name: &str) -> Option<Shard> {
    let rest = name.strip_prefix("report-")?.strip_suffix(".json")?;
    let (index, count) = rest.split_once("-of-")?;
    format!("{index}/{count}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_report_names_are_recognised() {
        assert_eq!(
            shard_of("report-2-of-3.json"),
            Some(Shard { index: 2, count: 3 })
        );
        assert_eq!(shard_of("report.json"), None);
        assert_eq!(shard_of("report-4-of-3.json"), None);
        assert_eq!(shard_of("report-1-of-3.csv"), None);
    }

    #[test]
    fn a_missing_shard_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report-1-of-2.json"), "{}").unwrap();
        let error = merge(dir.path()).unwrap_err();
        assert!(error.contains("report-2-of-2.json がありません"), "{error}");
        let empty = tempfile::tempdir().unwrap();
        assert!(merge(empty.path()).unwrap_err().contains("ありません"));
    }
}
