//! `yoshiki check`: loads and checks, prints the figures, the rules and the package's
//! checklists, writes nothing.

use std::io::Write;

use yoshiki::{Checked, Request};

use super::args::CheckArgs;
use super::{CommandResult, Outcome, print, read};

pub(super) fn run(args: &CheckArgs) -> CommandResult {
    let request = Request {
        attachments: args.package.policy(),
        strict: args.package.strict,
        ..Request::pdfs(args.forms.resolve()?)
    };
    let context = args.sources.context()?;
    let file = &args.applicant;
    let Some(bytes) = read::applicant(file)? else {
        return Ok(Outcome::DataErrors);
    };
    let Checked { prepared, package } =
        match yoshiki::check_applicant(&context, file, &bytes, &request) {
            Ok(checked) => checked,
            Err(diagnostics) => {
                let source = String::from_utf8_lossy(&bytes);
                print::diagnostics(&diagnostics, source.trim_start_matches('\u{feff}'));
                print::tally(&diagnostics);
                return Ok(Outcome::DataErrors);
            }
        };
    print::diagnostics(&prepared.diagnostics, prepared.source());
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}: {}", file.display(), prepared.applicant());
    for line in prepared.summary.iter().chain(&package.lines()) {
        let _ = writeln!(stdout, "{line}");
    }
    print::tally(&prepared.diagnostics);
    if prepared.has_errors() {
        Ok(Outcome::DataErrors)
    } else {
        let _ = writeln!(stdout, "書き出す PDF: {} 件", prepared.documents.len());
        Ok(Outcome::Ok)
    }
}
