//! `yoshiki render`: one applicant's files, written next to it or into `--out`.

use std::io::Write;
use std::path::{Path, PathBuf};

use yoshiki::files::describe;
use yoshiki::{Context, Request, output, render_applicant};

use super::args::RenderArgs;
use super::{CommandResult, Failure, Outcome, print, read, viewer};

pub(super) fn run(args: &RenderArgs) -> CommandResult {
    let context = args.make.sources.context()?;
    let request = args.make.request()?;
    let (outcome, written) = render_once(&context, args, &request)?;
    if args.open
        && let Some(first) = written.first()
    {
        viewer::open(first);
    }
    Ok(outcome)
}

/// Renders the applicant once and writes its files; the outcome and the paths written.
pub(super) fn render_once(
    context: &Context,
    args: &RenderArgs,
    request: &Request,
) -> Result<(Outcome, Vec<PathBuf>), Failure> {
    let file = &args.applicant;
    let Some(bytes) = read::applicant(file)? else {
        return Ok((Outcome::DataErrors, Vec::new()));
    };
    let outcome = render_applicant(context, file, &bytes, request);
    print::diagnostics(&outcome.diagnostics, &outcome.source);
    if outcome.has_errors() {
        print::tally(&outcome.diagnostics);
        eprintln!("エラーがあるため、何も書き出していません。");
        return Ok((Outcome::DataErrors, Vec::new()));
    }
    let dir = args.out.clone().unwrap_or_else(|| next_to(file));
    let mut stdout = std::io::stdout().lock();
    let mut written = Vec::new();
    for file in &outcome.files {
        let path = output::write_output(&dir, &file.name, &file.bytes).map_err(|e| {
            Failure::io(format!(
                "{} に書き込めません: {}",
                dir.join(&file.name).display(),
                describe(&e)
            ))
        })?;
        let _ = writeln!(stdout, "{}", path.display());
        written.push(path);
    }
    Ok((Outcome::Ok, written))
}

/// Next to the input file, where a person looks for it.
fn next_to(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
