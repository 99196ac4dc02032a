//! The command line: `yoshiki render`, `yoshiki check`, `yoshiki forms`.
//!
//! Exit codes: 0 success, 1 the data has errors (nothing written), 2 usage or I/O problem.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::{Diagnostic, Severity};
use crate::{Prepared, forms, output, prepare, typeset_all};

#[derive(Debug, Parser)]
#[command(
    name = "yoshiki",
    version,
    about = "申請者データ (TOML) から補助金・助成金の申請様式を PDF で作ります",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 様式を PDF に書き出す（エラーがあれば何も書き出さない）
    Render {
        /// 申請者ファイル (.toml)
        applicant: PathBuf,
        /// 出力先フォルダ（省略時: 申請者ファイルと同じフォルダ）
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// この様式だけを書き出す（複数可。名前は `yoshiki forms` で確認）
        #[arg(long = "form", value_name = "NAME")]
        forms: Vec<String>,
    },
    /// 検査して計算結果を表示する（何も書き出さない）
    Check {
        /// 申請者ファイル (.toml)
        applicant: PathBuf,
        #[arg(long = "form", value_name = "NAME")]
        forms: Vec<String>,
    },
    /// 使える様式の一覧
    Forms,
}

/// Outcome of a command, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok = 0,
    DataErrors = 1,
    UsageOrIo = 2,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome as u8)
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Render {
            applicant,
            out,
            forms,
        } => render(&applicant, out.as_deref(), &forms),
        Command::Check { applicant, forms } => check(&applicant, &forms),
        Command::Forms => list_forms(),
    };
    outcome.into()
}

fn list_forms() -> Outcome {
    let mut stdout = std::io::stdout().lock();
    for form in forms::ALL {
        let _ = writeln!(
            stdout,
            "{:<20} {}  {}  [{}]",
            form.name, form.title, form.source, form.section
        );
    }
    Outcome::Ok
}

/// Reads the file and loads and checks it; prints the diagnostics. `Err` is the outcome to exit with.
fn load_and_check(file: &Path, only: &[String]) -> Result<Prepared, Outcome> {
    if let Some(unknown) = only
        .iter()
        .find(|n| !forms::ALL.iter().any(|f| f.name == n.as_str()))
    {
        let names: Vec<&str> = forms::ALL.iter().map(|f| f.name).collect();
        eprintln!(
            "yoshiki: 様式 \"{unknown}\" はありません。使える様式: {}",
            names.join(", ")
        );
        return Err(Outcome::UsageOrIo);
    }
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("yoshiki: {} を読めません: {e}", file.display());
            return Err(Outcome::UsageOrIo);
        }
    };
    match prepare(file, &bytes, only) {
        Ok(prepared) => {
            print_diagnostics(&prepared.diagnostics, Some(&prepared.loaded.source));
            Ok(prepared)
        }
        Err(diagnostics) => {
            let source = String::from_utf8_lossy(&bytes);
            print_diagnostics(&diagnostics, Some(source.trim_start_matches('\u{feff}')));
            print_tally(&diagnostics);
            Err(Outcome::DataErrors)
        }
    }
}

fn check(file: &Path, only: &[String]) -> Outcome {
    let prepared = match load_and_check(file, only) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "{}: {}",
        file.display(),
        prepared.loaded.data.applicant.name.trim()
    );
    for line in &prepared.summary {
        let _ = writeln!(stdout, "{line}");
    }
    print_tally(&prepared.diagnostics);
    if prepared.has_errors() {
        Outcome::DataErrors
    } else {
        let _ = writeln!(stdout, "書き出す PDF: {} 件", prepared.documents.len());
        Outcome::Ok
    }
}

fn render(file: &Path, out: Option<&Path>, only: &[String]) -> Outcome {
    let prepared = match load_and_check(file, only) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    if prepared.has_errors() {
        print_tally(&prepared.diagnostics);
        eprintln!("エラーがあるため、PDF は書き出していません。");
        return Outcome::DataErrors;
    }
    let (rendered, warnings) = match typeset_all(&prepared) {
        Ok(done) => done,
        Err(errors) => {
            print_diagnostics(&errors, Some(&prepared.loaded.source));
            eprintln!("エラーがあるため、PDF は書き出していません。");
            return Outcome::DataErrors;
        }
    };
    print_diagnostics(&warnings, Some(&prepared.loaded.source));
    let dir = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| default_out_dir(file));
    let mut stdout = std::io::stdout().lock();
    for pdf in &rendered {
        match output::write_atomic(&dir, &pdf.name, &pdf.pdf) {
            Ok(path) => {
                let _ = writeln!(stdout, "{}", path.display());
            }
            Err(e) => {
                eprintln!(
                    "yoshiki: {} に書き込めません: {e}",
                    dir.join(&pdf.name).display()
                );
                return Outcome::UsageOrIo;
            }
        }
    }
    Outcome::Ok
}

/// Next to the input file, where a person looks for it.
fn default_out_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], source: Option<&str>) {
    let color = std::io::stderr().is_terminal();
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let _ = write!(stderr, "{}", d.render(source, color));
    }
}

fn print_tally(diagnostics: &[Diagnostic]) {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings > 0 {
        eprintln!("エラー {errors} 件、警告 {warnings} 件");
    }
}
