//! `yoshiki render`: one applicant's files, written next to it or into `--out`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use yoshiki::files::describe;
use yoshiki::{Context, Request, output, render_applicant};

use super::args::RenderArgs;
use super::{CommandResult, Failure, Outcome, print, read, viewer};

pub(super) fn run(args: &RenderArgs) -> CommandResult {
    let context = args.make.sources.context()?;
    let request = args.make.request()?;
    let once = render_once(&context, args, &request)?;
    if args.open {
        viewer::open_outputs(&once.written, &once.packets);
    }
    Ok(once.outcome)
}

/// What one render did: its outcome, the paths written (and which are packets), and the
/// attachments it read, with the bytes it read of each (`watch` compares later reads to those).
pub(super) struct Once {
    pub(super) outcome: Outcome,
    pub(super) written: Vec<PathBuf>,
    pub(super) packets: Vec<PathBuf>,
    pub(super) attachments: Vec<(PathBuf, Arc<Vec<u8>>)>,
}

/// Renders the applicant once and writes its files.
pub(super) fn render_once(
    context: &Context,
    args: &RenderArgs,
    request: &Request,
) -> Result<Once, Failure> {
    let file = &args.applicant;
    let Some(bytes) = read::applicant(file)? else {
        return Ok(Once {
            outcome: Outcome::DataErrors,
            written: Vec::new(),
            packets: Vec::new(),
            attachments: Vec::new(),
        });
    };
    let outcome = render_applicant(context, file, &bytes, request);
    print::diagnostics(&outcome.diagnostics, &outcome.source);
    let attachments = outcome
        .package
        .attachments
        .iter()
        .map(|a| (a.path.clone(), Arc::clone(&a.bytes)))
        .collect();
    if outcome.has_errors() {
        print::tally(&outcome.diagnostics);
        eprintln!("エラーがあるため、何も書き出していません。");
        return Ok(Once {
            outcome: Outcome::DataErrors,
            written: Vec::new(),
            packets: Vec::new(),
            attachments,
        });
    }
    let dir = args.out.clone().unwrap_or_else(|| next_to(file));
    let mut stdout = std::io::stdout().lock();
    let mut written = Vec::new();
    let mut packets = Vec::new();
    for file in &outcome.files {
        let path = output::write_output(&dir, &file.name, &file.bytes).map_err(|e| {
            Failure::io(format!(
                "{} に書き込めません: {}",
                dir.join(&file.name).display(),
                describe(&e)
            ))
        })?;
        let _ = writeln!(stdout, "{}", path.display());
        if file.packet.is_some() {
            packets.push(path.clone());
            eprintln!(
                "  {}: {} ページ、{}",
                file.name,
                file.pages,
                print::size(file.bytes.len())
            );
        }
        written.push(path);
    }
    Ok(Once {
        outcome: Outcome::Ok,
        written,
        packets,
        attachments,
    })
}

/// Next to the input file, where a person looks for it.
fn next_to(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
