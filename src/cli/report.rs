//! `yoshiki report merge DIR`: the shard reports of a batch joined into one.

use std::path::Path;

use super::batch::print_failed;
use super::{CommandResult, Failure, Outcome};

pub(super) fn merge(dir: &Path) -> CommandResult {
    let merged = yoshiki::batch::merge(dir).map_err(Failure::io)?;
    let summary = &merged.summary;
    eprintln!(
        "シャードの報告 {} 件をまとめました: 申請者 {} 件（書き出し {}、変更なし {}、エラー {}）、PDF {} 件。結果: {}、{}",
        merged.shards.len(),
        summary.applicants,
        summary.written,
        summary.unchanged,
        summary.failed,
        summary.pdfs_written,
        merged.report.display(),
        merged.report.with_extension("csv").display()
    );
    print_failed(&merged.failed);
    Ok(if summary.failed > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Ok
    })
}
