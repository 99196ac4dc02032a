//! `yoshiki import`: a spreadsheet's applicants as applicant files, `DIR/<id>.toml` each, the
//! very text `yoshiki batch` renders from its rows.

use yoshiki::batch::collect;
use yoshiki::diag::Diagnostic;
use yoshiki::files::describe;
use yoshiki::output;

use super::args::ImportArgs;
use super::{CommandResult, Failure, Outcome};

pub(super) fn run(args: &ImportArgs) -> CommandResult {
    if let Some(path) = args
        .paths
        .iter()
        .find(|p| !yoshiki::sheets::is_spreadsheet(p))
    {
        return Err(Failure::usage(format!(
            "{} は表計算ファイルではありません。import が読むのは xlsx・ods・csv などです",
            path.display()
        )));
    }
    let inputs = collect(&args.paths).map_err(Failure::io)?;
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Failure::io(format!(
            "{} を作れません: {}",
            args.out.display(),
            describe(&e)
        ))
    })?;
    let (mut written, mut failed) = (0, 0);
    for input in &inputs {
        let Some(sheet) = &input.sheet else { continue };
        print(&sheet.problems);
        if sheet.has_errors() {
            failed += 1;
            continue;
        }
        let name = format!("{}.toml", input.folder);
        let target = args.out.join(&name);
        if target.exists() && !args.force {
            eprintln!(
                "{}: {}: エラー: {} は既にあります（上書きするときは --force）",
                input.file.display(),
                sheet.row,
                target.display()
            );
            failed += 1;
            continue;
        }
        output::write_atomic(&args.out, &name, sheet.toml.as_bytes()).map_err(|e| {
            Failure::io(format!(
                "{} に書き込めません: {}",
                target.display(),
                describe(&e)
            ))
        })?;
        written += 1;
    }
    eprintln!(
        "申請者 {} 件: 申請者ファイル {written} 件を {} に書き出しました、エラー {failed} 件",
        inputs.len(),
        args.out.display()
    );
    Ok(if failed > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Ok
    })
}

fn print(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}
