//! The command line on top of the library: one module per command, the clap types apart
//! ([`args`]). A command returns its outcome or a [`Failure`], which is printed once, here.
//!
//! Exit codes: 0 success, 1 the data has errors (nothing written), 2 usage or I/O problem.

mod args;
mod batch;
mod check;
mod export;
mod import;
mod init;
mod japanese;
mod print;
mod read;
mod render;
mod report;
mod schema;
mod viewer;
mod watch;

use std::process::ExitCode;

use args::{Command, ExportAction, ExportWhat, ReportAction, ShellArg};

/// Outcome of a command, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Ok = 0,
    DataErrors = 1,
    UsageOrIo = 2,
}

/// A command that could not do its work: a usage or I/O problem, said once, in Japanese.
#[derive(Debug)]
pub(crate) struct Failure {
    message: String,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    pub(crate) fn io(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub(crate) type CommandResult = Result<Outcome, Failure>;

pub(crate) fn main() -> ExitCode {
    let cli = match japanese::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let outcome = match run(cli.command) {
        Ok(outcome) => outcome,
        Err(failure) => {
            eprintln!("yoshiki: {failure}");
            Outcome::UsageOrIo
        }
    };
    ExitCode::from(outcome as u8)
}

fn run(command: Command) -> CommandResult {
    match command {
        Command::Render(args) => render::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Report {
            action: ReportAction::Merge { dir },
        } => report::merge(&dir),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions { shell } => {
            let shell = match shell {
                ShellArg::Bash => clap_complete::Shell::Bash,
                ShellArg::Zsh => clap_complete::Shell::Zsh,
                ShellArg::Fish => clap_complete::Shell::Fish,
                ShellArg::Powershell => clap_complete::Shell::PowerShell,
            };
            // Into memory first: clap_complete panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut japanese::command(), "yoshiki", &mut script);
            print::out(&String::from_utf8_lossy(&script));
            Ok(Outcome::Ok)
        }
        Command::Export {
            what: ExportWhat::Templates,
            dir,
        }
        | Command::Templates {
            action: ExportAction::Export { dir },
        } => export::run(&dir, &yoshiki::typeset::embedded_templates()),
        Command::Export {
            what: ExportWhat::Programs,
            dir,
        }
        | Command::Programs {
            action: Some(ExportAction::Export { dir }),
            ..
        } => export::run(&dir, yoshiki::PROGRAM_SOURCES),
        Command::Programs {
            action: None,
            programs,
        } => export::list_programs(programs.as_deref()),
        Command::Forms => export::list_forms(),
    }
}
