//! `yoshiki batch`: many applicants on every core, each isolated; a progress bar or a line per
//! applicant, then a summary with every error, and `--timings`.

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use yoshiki::batch::{self, Options, Outcome as Applicant, Status, Timings};
use yoshiki::diag::Severity;

use super::args::BatchArgs;

/// A line on stderr that is not written when stderr is gone (a closed pipe, `2>&1 | head`):
/// the batch goes on, its PDFs and reports are what it is for. (`eprintln!` would panic.)
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
use super::{CommandResult, Failure, Outcome};

pub(super) fn run(args: &BatchArgs) -> CommandResult {
    let context = args.make.sources.context()?;
    let options = Options {
        out: args.out.clone(),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        skip_unchanged: args.skip_unchanged,
        shard: args.shard,
        request: args.make.request()?,
    };
    if args.typst_trace.is_some() {
        yoshiki::typeset::start_trace();
    }
    let started = Instant::now();
    let progress = Progress::new();
    let warned = Cell::new(0);
    let finished = batch::execute(&context, &args.paths, &options, |outcome, total| {
        progress.done(outcome, total);
        if outcome
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning)
        {
            warned.set(warned.get() + 1);
        }
    })
    .map_err(Failure::io);
    progress.finish();
    let finished = finished?;
    if let Some(path) = &args.typst_trace {
        write_trace(&context, path)?;
    }

    let seconds = started.elapsed().as_secs_f64();
    let summary = &finished.summary;
    say!(
        "申請者 {} 件: 書き出し {}、変更なし {}、エラー {}。PDF {} 件、{:.1} 秒（{:.0} PDF/秒）。結果: {}、{}",
        summary.applicants,
        summary.written,
        summary.unchanged,
        summary.failed,
        summary.pdfs_written,
        seconds,
        summary.pdfs_written as f64 / seconds.max(1e-9),
        finished.report.display(),
        finished.report.with_extension("csv").display()
    );
    if warned.get() > 0 {
        say!(
            "警告のあった申請者 {} 件（PDF は書き出しました。警告の内容は report.json、件数は report.csv の「警告数」に）",
            warned.get()
        );
    }
    if args.timings {
        print_timings(&finished.timings, summary.pdfs_written, seconds);
    }
    print_failed(&finished.failed);
    Ok(if summary.failed > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Ok
    })
}

/// At most this many failed applicants are listed at the end; the reports have them all.
const LISTED: usize = 50;

/// The failed applicants, last, so that they are what stays on the screen: where each one's
/// first error is, and what.
pub(super) fn print_failed(failed: &[String]) {
    if failed.is_empty() {
        return;
    }
    say!("エラーのあった申請者 {} 件:", failed.len());
    for line in failed.iter().take(LISTED) {
        say!("  {line}");
    }
    if failed.len() > LISTED {
        say!(
            "  …ほか {} 件は report.csv / report.json にあります",
            failed.len() - LISTED
        );
    }
}

/// `--timings`: where the time went, per phase and per form, in total and per PDF. Numbers
/// first, so that the columns line up whatever the labels' widths.
fn print_timings(timings: &Timings, pdfs: usize, wall: f64) {
    let jobs = timings.workers;
    let ms_per = |d: Duration, n: usize| d.as_secs_f64() * 1000.0 / n.max(1) as f64;
    let line = |time: Duration, label: &str| {
        say!(
            "  {:8.2} 秒 {:8.3} ms/PDF  {label}",
            time.as_secs_f64(),
            ms_per(time, pdfs)
        );
    };
    let typeset = timings.typeset();
    let busy = timings.prepare + typeset.compile + typeset.export + timings.housekeeping;
    say!("入力の読み込み（作業スレッドが始まる前）:");
    say!(
        "  {:8.2} 秒              フォルダの一覧、表計算ファイルの読み込みと申請者ファイルへの変換",
        timings.inputs.as_secs_f64()
    );
    say!("処理時間の内訳（作業スレッド {jobs} 本の合計）:");
    line(timings.prepare, "読み込みと検査");
    line(typeset.compile, "組版 (Typst compile)");
    line(typeset.export, "PDF 書き出し (typst-pdf)");
    line(timings.housekeeping, "キャッシュ整理");
    say!(
        "  作業スレッドの稼働率 {:.0} %",
        100.0 * busy.as_secs_f64() / (wall * jobs as f64).max(1e-9)
    );
    say!("様式ごと（1 件あたり、組版 + PDF 書き出し）:");
    for (form, (count, time)) in &timings.forms {
        say!(
            "  {count:6} 件 {:7.3} + {:7.3} ms  {form}",
            ms_per(time.compile, *count),
            ms_per(time.export, *count)
        );
    }
    say!("書き込みスレッド {} 本の合計:", batch::WRITERS);
    line(
        timings.write,
        "ファイル書き込み（一時ファイル、fsync、rename）",
    );
}

/// A progress bar on a terminal; a plain line per applicant otherwise (logs, CI).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    seen: Cell<usize>,
}

impl Progress {
    fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
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
            seen: Cell::new(0),
        }
    }

    fn done(&self, outcome: &Applicant, total: usize) {
        self.seen.set(self.seen.get() + 1);
        let errors: Vec<String> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        let what = match outcome.status {
            Status::Written => format!("PDF {} 件", outcome.files.len()),
            Status::Unchanged => "変更なし".to_owned(),
            Status::Failed => format!("エラー {} 件", errors.len()),
        };
        let label = outcome.input.label();
        let failed = outcome.status == Status::Failed;
        // A failed applicant's line is followed by every one of its errors: what to fix where.
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                if failed {
                    bar.println(format!("{label}: {what}"));
                    errors.iter().for_each(|l| bar.println(format!("  {l}")));
                }
                bar.inc(1);
            }
            None => {
                say!("[{}/{total}] {label}: {what}", self.seen.get());
                if failed {
                    errors.iter().for_each(|l| say!("  {l}"));
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Typst's timing spans of the batch, as a Chrome trace (`--typst-trace FILE`).
fn write_trace(context: &yoshiki::Context, path: &std::path::Path) -> Result<(), Failure> {
    let cannot = |why: String| Failure::io(format!("{} に書き込めません: {why}", path.display()));
    let file = std::fs::File::create(path).map_err(|e| cannot(yoshiki::files::describe(&e)))?;
    yoshiki::typeset::write_trace(&context.assets, std::io::BufWriter::new(file)).map_err(cannot)
}
