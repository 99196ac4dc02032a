//! The command line: `yoshiki render`, `watch`, `check`, `batch`, `forms`, `templates export`.
//!
//! Exit codes: 0 success, 1 the data has errors (nothing written), 2 usage or I/O problem.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::batch::{self, Shard, Status};
use crate::deliver::{Delivery, Format, deliver};
use crate::diag::{Diagnostic, Severity};
use crate::program::{self, Programs};
use crate::typeset::world::{Assets, TEMPLATES};
use crate::{Prepared, forms, output, prepare, review, starter, typeset};

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
        #[command(flatten)]
        output: OutputArgs,
        /// 書き出した後、PDF ビューアーで開く（ビューアーがなくても失敗にはしない）
        #[arg(long)]
        open: bool,
    },
    /// 書き出した後も申請者ファイル（と使用中のテンプレート・様式定義）を見張り、変わるたびに書き直す。
    /// エラーのときは前回の PDF がそのまま残る。Ctrl-C で終了
    Watch {
        /// 申請者ファイル (.toml)
        applicant: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
        /// 最初に書き出した後、PDF ビューアーで開く
        #[arg(long)]
        open: bool,
    },
    /// 記入用の申請者ファイルを作る（各キーの意味と例をコメントで付ける）
    Init {
        /// 作るファイル（省略時または - : 標準出力）
        file: Option<PathBuf>,
        /// この様式のキーだけを書く（複数可。省略時: すべての様式）
        #[arg(long = "form", value_name = "NAME")]
        forms: Vec<String>,
        /// 既存のファイルを上書きする
        #[arg(long)]
        force: bool,
    },
    /// 申請者ファイルの JSON Schema を出力する（エディタの補完・検査用: yoshiki schema > yoshiki.schema.json）
    Schema,
    /// 組み込みのテンプレートを操作する
    Templates {
        #[command(subcommand)]
        action: ExportAction,
    },
    /// 組み込みの様式定義（公募回・宛先・上限額など）を操作する
    Programs {
        #[command(subcommand)]
        action: ExportAction,
    },
    /// 検査して計算結果を表示する（何も書き出さない）
    Check {
        /// 申請者ファイル (.toml)
        applicant: PathBuf,
        #[arg(long = "form", value_name = "NAME")]
        forms: Vec<String>,
    },
    /// 多数の申請者ファイルをまとめて PDF にする（エラーのある申請者は飛ばし、他は書き出す）
    Batch {
        /// 申請者ファイル、またはそれを含むフォルダ（サブフォルダの *.toml も対象）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 出力先フォルダ: DIR/<申請者ファイル名>/ に各様式、DIR/report.json に結果
        #[arg(long, short)]
        out: PathBuf,
        /// 並列数（省略時: CPU のコア数）
        #[arg(long, short)]
        jobs: Option<usize>,
        /// 入力もテンプレートも前回から変わっていない申請者を飛ばす
        #[arg(long)]
        skip_unchanged: bool,
        /// 全体を N 個に分けた I 番目だけを処理する（例: 2/3）。ジョブ配列で複数台に分散するとき
        #[arg(long, value_name = "I/N")]
        shard: Option<Shard>,
        #[arg(long = "form", value_name = "NAME")]
        forms: Vec<String>,
        /// 終わりに処理時間の内訳（読み込みと検査・組版・PDF 書き出し・ファイル書き込み）を表示する
        #[arg(long)]
        timings: bool,
    },
    /// 使える様式の一覧
    Forms,
}

#[derive(Debug, Subcommand)]
enum ExportAction {
    /// 組み込みのファイルをフォルダに書き出す（編集して --templates / --programs で使う）
    Export {
        /// 書き出し先フォルダ（既存のファイルは上書きしない）
        dir: PathBuf,
    },
}

/// What `render` and `watch` write, and from which templates and program definitions.
#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// 出力先フォルダ（省略時: 申請者ファイルと同じフォルダ）
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// この様式だけを書き出す（複数可。名前は `yoshiki forms` で確認）
    #[arg(long = "form", value_name = "NAME")]
    forms: Vec<String>,
    /// すべての様式を提出順に 1 つの PDF にまとめる（様式ごとのしおり付き）
    #[arg(long)]
    packet: bool,
    /// 出力形式: pdf、または確認用のページ画像 png
    #[arg(long, value_enum, default_value = "pdf")]
    format: FormatArg,
    /// png の解像度（ピクセル/インチ）
    #[arg(long, default_value_t = 144.0, value_parser = parse_ppi)]
    ppi: f32,
    /// PDF の規格: a-2b（長期保存用 PDF/A-2b）、a-2u、a-3b、ua-1（アクセシビリティ）
    #[arg(long, value_enum, value_name = "STANDARD")]
    pdf_standard: Option<typeset::Standard>,
    /// このフォルダのテンプレート (*.typ) を組み込みのものの代わりに使う（`yoshiki templates export` で雛形を作れる）
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// このフォルダの様式定義 (nedo.toml, shizuoka.toml) を組み込みのものの代わりに使う
    #[arg(long, value_name = "DIR")]
    programs: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Png,
}

fn parse_ppi(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(ppi) if (18.0..=1200.0).contains(&ppi) => Ok(ppi),
        _ => Err("18 から 1200 までの数を指定してください".to_owned()),
    }
}

impl OutputArgs {
    fn delivery(&self) -> Delivery {
        Delivery {
            format: match self.format {
                FormatArg::Pdf => Format::Pdf,
                FormatArg::Png => Format::Png { ppi: self.ppi },
            },
            packet: self.packet,
            standard: self.pdf_standard,
        }
    }

    /// Switches to the user's templates and program definitions (read again on every call, so
    /// that `watch` picks up their changes).
    fn load_user_files(&self) -> Result<(), Outcome> {
        if let Some(dir) = &self.templates {
            Assets::use_templates_dir(dir).map_err(|message| {
                eprintln!("yoshiki: {message}");
                Outcome::UsageOrIo
            })?;
        }
        if let Some(dir) = &self.programs {
            Programs::use_dir(dir).map_err(|message| {
                eprintln!("yoshiki: {message}");
                Outcome::UsageOrIo
            })?;
        }
        Ok(())
    }
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
            output,
            open,
        } => match output.load_user_files() {
            Ok(()) => {
                let (outcome, written) = render(&applicant, &output);
                if open && let Some(first) = written.first() {
                    review::open_in_viewer(first);
                }
                outcome
            }
            Err(outcome) => outcome,
        },
        Command::Watch {
            applicant,
            output,
            open,
        } => watch(&applicant, &output, open),
        Command::Init { file, forms, force } => init(file.as_deref(), &forms, force),
        Command::Schema => {
            let schema = serde_json::to_string_pretty(&starter::schema()).unwrap_or_default();
            println!("{schema}");
            Outcome::Ok
        }
        Command::Templates {
            action: ExportAction::Export { dir },
        } => export(&dir, TEMPLATES),
        Command::Programs {
            action: ExportAction::Export { dir },
        } => export(&dir, program::SOURCES),
        Command::Check { applicant, forms } => check(&applicant, &forms),
        Command::Batch {
            paths,
            out,
            jobs,
            skip_unchanged,
            shard,
            forms,
            timings,
        } => {
            let jobs =
                jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            batch(
                &paths,
                batch::Options {
                    out,
                    jobs,
                    skip_unchanged,
                    forms,
                },
                shard,
                timings,
            )
        }
        Command::Forms => list_forms(),
    };
    outcome.into()
}

fn batch(
    paths: &[PathBuf],
    options: batch::Options,
    shard: Option<Shard>,
    show_timings: bool,
) -> Outcome {
    if let Err(outcome) = known_forms(&options.forms) {
        return outcome;
    }
    let started = std::time::Instant::now();
    let mut inputs = match batch::collect(paths) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("yoshiki: {message}");
            return Outcome::UsageOrIo;
        }
    };
    if let Some(shard) = shard {
        inputs.retain(|input| shard.contains(&input.key));
    }
    if let Err(e) = std::fs::create_dir_all(&options.out) {
        eprintln!("yoshiki: {} を作れません: {e}", options.out.display());
        return Outcome::UsageOrIo;
    }

    let mut report = match batch::ReportWriter::create(&options.out, shard) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("yoshiki: {} に書き込めません: {e}", options.out.display());
            return Outcome::UsageOrIo;
        }
    };
    let progress = Progress::new(inputs.len());
    let run = batch::run(&inputs, &options, |index, outcome| {
        progress.done(&outcome);
        report.add(index, outcome);
    });
    progress.finish();
    let timings = match run {
        Ok(timings) => timings,
        Err(message) => {
            eprintln!("yoshiki: {message}");
            return Outcome::UsageOrIo;
        }
    };
    let report_path = options.out.join(batch::report_name(shard));
    let (report_path, summary, errors) = match report.finish() {
        Ok(done) => done,
        Err(e) => {
            eprintln!("yoshiki: {} に書き込めません: {e}", report_path.display());
            return Outcome::UsageOrIo;
        }
    };

    // What to fix where: every error of every failed applicant, one line each.
    for d in &errors {
        eprintln!("{d}");
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "申請者 {} 件: 書き出し {}、変更なし {}、エラー {}。PDF {} 件、{:.1} 秒（{:.0} PDF/秒）。結果: {}",
        summary.applicants,
        summary.written,
        summary.unchanged,
        summary.failed,
        summary.pdfs_written,
        seconds,
        summary.pdfs_written as f64 / seconds.max(1e-9),
        report_path.display()
    );
    if show_timings {
        print_timings(&timings, summary.pdfs_written, seconds);
    }
    if summary.failed > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Ok
    }
}

/// `--timings`: where the time went, per phase and per form, in total and per PDF. Numbers
/// first, so that the columns line up whatever the labels' widths.
fn print_timings(timings: &batch::Timings, pdfs: usize, wall: f64) {
    let jobs = timings.workers;
    let ms_per = |d: std::time::Duration, n: usize| d.as_secs_f64() * 1000.0 / n.max(1) as f64;
    let line = |time: std::time::Duration, label: &str| {
        eprintln!(
            "  {:8.2} 秒 {:8.3} ms/PDF  {label}",
            time.as_secs_f64(),
            ms_per(time, pdfs)
        );
    };
    let typeset = timings.typeset();
    let busy = timings.prepare + typeset.compile + typeset.export + timings.housekeeping;
    eprintln!("処理時間の内訳（作業スレッド {jobs} 本の合計）:");
    line(timings.prepare, "読み込みと検査");
    line(typeset.compile, "組版 (Typst compile)");
    line(typeset.export, "PDF 書き出し (typst-pdf)");
    line(timings.housekeeping, "キャッシュ整理");
    eprintln!(
        "  作業スレッドの稼働率 {:.0} %",
        100.0 * busy.as_secs_f64() / (wall * jobs as f64).max(1e-9)
    );
    eprintln!("様式ごと（1 件あたり、組版 + PDF 書き出し）:");
    for (form, (count, time)) in &timings.forms {
        eprintln!(
            "  {count:6} 件 {:7.3} + {:7.3} ms  {form}",
            ms_per(time.compile, *count),
            ms_per(time.export, *count)
        );
    }
    eprintln!("書き込みスレッド {} 本の合計:", batch::WRITERS);
    line(
        timings.write,
        "ファイル書き込み（一時ファイル、fsync、rename）",
    );
}

/// A progress bar on a terminal; a plain line per applicant otherwise (logs, CI).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    seen: std::cell::Cell<usize>,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} 件 {per_sec} 残り {eta} {msg}",
            );
            if let Ok(style) = style {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            total,
            seen: std::cell::Cell::new(0),
        }
    }

    fn done(&self, outcome: &batch::Outcome) {
        self.seen.set(self.seen.get() + 1);
        let what = match outcome.status {
            Status::Written => format!("PDF {} 件", outcome.files.len()),
            Status::Unchanged => "変更なし".to_owned(),
            Status::Failed => format!(
                "エラー {} 件",
                outcome.diagnostics.iter().filter(|d| d.is_error()).count()
            ),
        };
        match &self.bar {
            Some(bar) => {
                if outcome.status == Status::Failed {
                    bar.println(format!("{}: {what}", outcome.input.file.display()));
                }
                bar.inc(1);
            }
            None => eprintln!(
                "[{}/{}] {}: {what}",
                self.seen.get(),
                self.total,
                outcome.input.file.display()
            ),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn known_forms(only: &[String]) -> Result<(), Outcome> {
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
    Ok(())
}

fn list_forms() -> Outcome {
    let mut stdout = std::io::stdout().lock();
    for form in forms::ALL {
        let _ = writeln!(
            stdout,
            "{:<26} {}  {}  [{}]",
            form.name, form.title, form.source, form.section
        );
    }
    Outcome::Ok
}

/// Reads the file and loads and checks it; prints the diagnostics. `Err` is the outcome to exit with.
fn load_and_check(file: &Path, only: &[String]) -> Result<Prepared, Outcome> {
    known_forms(only)?;
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

/// Renders one applicant as `output` asks; returns the outcome and the files written.
fn render(file: &Path, output: &OutputArgs) -> (Outcome, Vec<PathBuf>) {
    let prepared = match load_and_check(file, &output.forms) {
        Ok(p) => p,
        Err(outcome) => return (outcome, Vec::new()),
    };
    if prepared.has_errors() {
        print_tally(&prepared.diagnostics);
        eprintln!("エラーがあるため、何も書き出していません。");
        return (Outcome::DataErrors, Vec::new());
    }
    let (files, warnings) = match deliver(&prepared, &output.delivery()) {
        Ok(done) => done,
        Err(errors) => {
            print_diagnostics(&errors, Some(&prepared.loaded.source));
            eprintln!("エラーがあるため、何も書き出していません。");
            return (Outcome::DataErrors, Vec::new());
        }
    };
    print_diagnostics(&warnings, Some(&prepared.loaded.source));
    let dir = output.out.clone().unwrap_or_else(|| default_out_dir(file));
    let mut stdout = std::io::stdout().lock();
    let mut written = Vec::new();
    for file in &files {
        match output::write_output(&dir, &file.name, &file.bytes) {
            Ok(path) => {
                let _ = writeln!(stdout, "{}", path.display());
                written.push(path);
            }
            Err(e) => {
                eprintln!(
                    "yoshiki: {} に書き込めません: {e}",
                    dir.join(&file.name).display()
                );
                return (Outcome::UsageOrIo, written);
            }
        }
    }
    (Outcome::Ok, written)
}

/// Renders, then renders again whenever the applicant file or a template or program file in
/// use changes. A failed render writes nothing, so the last good files stay for the viewer.
fn watch(file: &Path, output: &OutputArgs, open: bool) -> Outcome {
    let watched = || {
        let mut paths = vec![file.to_path_buf()];
        if let Some(dir) = &output.templates {
            paths.extend(review::files_below(dir, &["typ"]));
        }
        if let Some(dir) = &output.programs {
            paths.extend(review::files_below(dir, &["toml"]));
        }
        paths
    };
    let mut seen = review::fingerprint(&watched());
    let mut first = true;
    loop {
        let started = std::time::Instant::now();
        let (outcome, written) = match output.load_user_files() {
            Ok(()) => render(file, output),
            Err(outcome) => (outcome, Vec::new()),
        };
        if first {
            if !file.exists() {
                return Outcome::UsageOrIo;
            }
            if open && let Some(path) = written.first() {
                review::open_in_viewer(path);
            }
            first = false;
        }
        let ms = started.elapsed().as_millis();
        match outcome {
            Outcome::Ok => {
                eprintln!("書き出しました（{ms} ms）。変更を待っています…（Ctrl-C で終了）")
            }
            _ => eprintln!(
                "前回の出力はそのままです。ファイルの変更を待っています…（Ctrl-C で終了）"
            ),
        }
        // Polling, not file-system events: it works the same on every system and network
        // drive, and reading a few small files five times a second costs nothing.
        loop {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let now = review::fingerprint(&watched());
            if now != seen {
                seen = now;
                break;
            }
        }
    }
}

/// Writes a starter applicant file (stdout for none or `-`), never over a file unless forced.
fn init(file: Option<&Path>, only: &[String], force: bool) -> Outcome {
    if let Err(outcome) = known_forms(only) {
        return outcome;
    }
    let chosen: Vec<&forms::FormInfo> = forms::ALL
        .iter()
        .copied()
        .filter(|f| only.iter().any(|n| n == f.name))
        .collect();
    let text = starter::starter(&chosen);
    match file {
        None => print!("{text}"),
        Some(path) if path == Path::new("-") => print!("{text}"),
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true);
            if force {
                options.create(true).truncate(true);
            } else {
                options.create_new(true);
            }
            let written = options
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()));
            match written {
                Ok(()) => eprintln!(
                    "{} を作りました。【記入】をすべて書き換えてから yoshiki check で確かめてください",
                    path.display()
                ),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    eprintln!(
                        "yoshiki: {} は既にあります（上書きするときは --force）",
                        path.display()
                    );
                    return Outcome::UsageOrIo;
                }
                Err(e) => {
                    eprintln!("yoshiki: {} に書き込めません: {e}", path.display());
                    return Outcome::UsageOrIo;
                }
            }
        }
    }
    Outcome::Ok
}

/// Writes embedded files (templates or program definitions) into `dir`, never over a file.
fn export(dir: &Path, files: &[(&str, &str)]) -> Outcome {
    for (name, text) in files {
        let path = dir.join(name);
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
        });
        match written {
            Ok(()) => println!("{}", path.display()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!(
                    "yoshiki: {} は既にあります（上書きしません）",
                    path.display()
                );
                return Outcome::UsageOrIo;
            }
            Err(e) => {
                eprintln!("yoshiki: {} に書き込めません: {e}", path.display());
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
