//! The command line's words: the clap types, and how they become the library's requests.
//! Nothing below the CLI knows clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use yoshiki::batch::Shard;
use yoshiki::forms::{self, Form};
use yoshiki::package::Policy;
use yoshiki::typeset::Standard;
use yoshiki::{Context, Delivery, Format, Request};

use super::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "yoshiki",
    about = "申請者データ (TOML) から補助金・助成金の申請様式を PDF で作ります",
    long_about = None
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands, in the order of the work: start a file, check it, render it, many at once,
/// then the lists and the tools.
#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// 記入用の申請者ファイルを作る（各キーの意味と例をコメントで付ける）。--program で事業・フェーズに必要な様式だけ、--sheet で多数の申請者を書く表計算ファイル (xlsx)
    Init(InitArgs),
    /// 検査して計算結果と提出書類の一覧を表示する（何も書き出さない）
    Check(CheckArgs),
    /// 様式を PDF に書き出す（エラーがあれば何も書き出さない）
    Render(RenderArgs),
    /// 書き出した後も申請者ファイル（と使用中のテンプレート・様式定義・添付ファイル）を見張り、変わるたびに書き直す。エラーのときは前回の PDF がそのまま残る。Ctrl-C で終了
    Watch(RenderArgs),
    /// 多数の申請者ファイルをまとめて PDF にする（エラーのある申請者は飛ばし、他は書き出す）
    Batch(BatchArgs),
    /// 表計算ファイル (xlsx, ods, csv) の申請者を、1 人 1 つの申請者ファイル (TOML) に書き出す
    Import(ImportArgs),
    /// yoshiki batch の報告を操作する
    Report {
        #[command(subcommand)]
        action: ReportAction,
    },
    /// 使える様式の一覧
    Forms,
    /// 様式定義の募集回・公募回（提出期間・所定の期間・宛先・上限額）と、init --program の事業・フェーズの一覧
    Programs {
        #[command(subcommand)]
        action: Option<ExportAction>,
        /// このフォルダの様式定義 (nedo.toml, shizuoka.toml) を一覧する
        #[arg(long, value_name = "フォルダ")]
        programs: Option<PathBuf>,
    },
    /// 申請者ファイルの JSON Schema を出力する（エディタの補完・検査用）
    Schema(SchemaArgs),
    /// シェルの補完スクリプトを出力する（bash: source <(yoshiki completions bash)）
    Completions {
        /// シェル
        #[arg(value_enum, value_name = "シェル")]
        shell: ShellArg,
    },
    /// 組み込みのテンプレートまたは様式定義をフォルダに書き出す（編集して --templates / --programs で使う）
    Export {
        /// 書き出すもの
        #[arg(value_enum, value_name = "種類")]
        what: ExportWhat,
        /// 書き出し先フォルダ（既存のファイルは上書きしない）
        #[arg(value_name = "フォルダ")]
        dir: PathBuf,
    },
    /// 組み込みのテンプレートを書き出す（yoshiki export templates と同じ。以前の書き方）
    #[command(hide = true)]
    Templates {
        #[command(subcommand)]
        action: ExportAction,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum ExportAction {
    /// 組み込みのファイルをフォルダに書き出す（yoshiki export と同じ。以前の書き方）
    #[command(hide = true)]
    Export {
        /// 書き出し先フォルダ（既存のファイルは上書きしない）
        #[arg(value_name = "フォルダ")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum ExportWhat {
    /// テンプレート (*.typ)
    Templates,
    /// 様式定義 (nedo.toml, shizuoka.toml)
    Programs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    /// 標準出力でなく、申請者ファイルの #:schema 行が指す場所に書き出す（ファイル・フォルダを指定。省略時: ./yoshiki.schema.json）
    #[arg(long)]
    pub write: bool,
    /// --write で、#:schema 行を読む申請者ファイル、またはそれを含むフォルダ
    #[arg(value_name = "申請者ファイル", requires = "write")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// 表計算ファイル (xlsx, ods, csv): 「申請者」シートに 1 行 1 人、表ごとのシートに id で申請者を示す行
    #[arg(required = true, value_name = "表計算ファイル")]
    pub paths: Vec<PathBuf>,
    /// 書き出し先フォルダ: フォルダ/<id>.toml
    #[arg(long, short, value_name = "フォルダ")]
    pub out: PathBuf,
    /// 既存の申請者ファイルを上書きする
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub(super) enum ReportAction {
    /// シャードごとの報告 (report-I-of-N.json) を、分けずに実行したときと同じ report.json と report.csv にまとめる
    Merge {
        /// --shard で各シャードが報告を書いた出力先フォルダ
        #[arg(value_name = "フォルダ")]
        dir: PathBuf,
    },
}

/// `render` and `watch`.
#[derive(Debug, Args)]
pub(super) struct RenderArgs {
    /// 申請者ファイル (.toml)
    #[arg(value_name = "申請者ファイル")]
    pub applicant: PathBuf,
    /// 出力先フォルダ（省略時: 申請者ファイルと同じフォルダ）
    #[arg(long, short, value_name = "フォルダ")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub make: MakeArgs,
    /// 書き出した後、PDF ビューアーで開く（ビューアーがなくても失敗にはしない）
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// 申請者ファイル (.toml)
    #[arg(value_name = "申請者ファイル")]
    pub applicant: PathBuf,
    #[command(flatten)]
    pub forms: FormArgs,
    #[command(flatten)]
    pub package: PackageArgs,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub(super) struct BatchArgs {
    /// 申請者ファイル、それを含むフォルダ（サブフォルダの *.toml も対象）、または申請者の表計算ファイル (xlsx, ods, csv)
    #[arg(required = true, value_name = "入力")]
    pub paths: Vec<PathBuf>,
    /// 出力先フォルダ: フォルダ/<入力の下のパス（.toml を除く）>/ に各様式、フォルダ/report.json と フォルダ/report.csv に結果
    #[arg(long, short, value_name = "フォルダ")]
    pub out: PathBuf,
    /// 並列数（省略時: CPU のコア数）
    #[arg(long, short, value_name = "数")]
    pub jobs: Option<usize>,
    /// 入力もテンプレートも前回から変わっていない申請者を飛ばす
    #[arg(long)]
    pub skip_unchanged: bool,
    /// 全体を N 個に分けた I 番目だけを処理する（例: 2/3）。ジョブ配列で複数台に分散するとき
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub make: MakeArgs,
    /// 終わりに処理時間の内訳（読み込みと検査・組版・PDF 書き出し・ファイル書き込み）を表示する
    #[arg(long)]
    pub timings: bool,
    /// 開発用: Typst の処理時間の記録を Chrome trace 形式で書き出す（テンプレートのどこに時間がかかるかを調べる）
    #[arg(long, value_name = "ファイル", hide = true)]
    pub typst_trace: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// 作るファイル（省略時または - : 標準出力）
    #[arg(value_name = "ファイル")]
    pub file: Option<PathBuf>,
    /// 申請者ファイルの代わりに、多数の申請者を 1 行ずつ書く表計算ファイル (xlsx) を作る（見出し・説明・選択肢・記入例つき。yoshiki batch ファイル.xlsx で PDF に）
    #[arg(long, value_name = "ファイル.xlsx", conflicts_with = "file")]
    pub sheet: Option<PathBuf>,
    #[command(flatten)]
    pub forms: FormArgs,
    /// この事業・フェーズで必要な様式と添付書類の欄を作る
    #[arg(long, value_name = "事業", value_parser = program_names())]
    pub program: Option<String>,
    /// 形式が必須とするキーだけを書く（省略できるキーと表は書かない）
    #[arg(long, conflicts_with = "sheet")]
    pub minimal: bool,
    /// 既存のファイルを上書きする
    #[arg(long)]
    pub force: bool,
}

/// The names `init --program` takes, from the program data (`yoshiki programs`).
fn program_names() -> clap::builder::PossibleValuesParser {
    let profiles = yoshiki::package::profiles(&yoshiki::Programs::embedded());
    clap::builder::PossibleValuesParser::new(
        profiles
            .into_iter()
            .map(|p| clap::builder::PossibleValue::new(p.name).help(p.title)),
    )
}

/// What `render`, `watch` and `batch` make of each applicant, and from which templates and
/// program definitions.
#[derive(Debug, Args)]
pub(super) struct MakeArgs {
    #[command(flatten)]
    pub forms: FormArgs,
    #[command(flatten)]
    pub delivery: DeliveryArgs,
    #[command(flatten)]
    pub package: PackageArgs,
    #[command(flatten)]
    pub sources: SourceArgs,
}

impl MakeArgs {
    pub(super) fn request(&self) -> Result<Request, Failure> {
        Ok(Request {
            forms: self.forms.resolve()?,
            delivery: self.delivery.delivery(),
            attachments: self.package.policy(),
            strict: self.package.strict,
        })
    }
}

/// The submission package: where attachments may be read from, and how strict the checklist is.
#[derive(Debug, Args)]
pub(super) struct PackageArgs {
    /// 添付ファイル ([[attachments]]) を読んでよいフォルダ（省略時: 申請者ファイルのフォルダ。その外は読まない）
    #[arg(long, value_name = "フォルダ")]
    pub attachments_root: Option<PathBuf>,
    /// 提出書類の不足（必須の書類がない、署名・押印が要る書類が生成したものだけ）を警告でなくエラーにする
    #[arg(long)]
    pub strict: bool,
}

impl PackageArgs {
    pub(super) fn policy(&self) -> Policy {
        Policy {
            root: self.attachments_root.clone(),
        }
    }
}

/// Which forms (`--form`, repeatable).
#[derive(Debug, Args)]
pub(super) struct FormArgs {
    /// この様式だけを対象にする（複数可。名前は `yoshiki forms` で確認）
    #[arg(long = "form", value_name = "様式名")]
    pub names: Vec<String>,
}

impl FormArgs {
    /// The named forms; an unknown name is a usage error listing the known ones.
    pub(super) fn resolve(&self) -> Result<Vec<&'static Form>, Failure> {
        self.names
            .iter()
            .map(|name| {
                forms::find(name).ok_or_else(|| {
                    let names: Vec<&str> = forms::FORMS.iter().map(|f| f.name).collect();
                    Failure::usage(format!(
                        "様式 \"{name}\" はありません。使える様式: {}",
                        names.join(", ")
                    ))
                })
            })
            .collect()
    }
}

/// The shape of the output.
#[derive(Debug, Args)]
pub(super) struct DeliveryArgs {
    /// 事業ごとに、生成した様式と添付書類を提出順に 1 つの PDF（申請書類一式）にまとめる（書類ごとのしおり付き。質問書は別）
    #[arg(long)]
    pub packet: bool,
    /// 出力形式
    #[arg(long, value_enum, default_value = "pdf", value_name = "形式")]
    pub format: FormatArg,
    /// ページ画像の解像度（ピクセル/インチ）
    #[arg(long, default_value_t = 144.0, value_parser = parse_ppi, value_name = "数")]
    pub ppi: f32,
    /// PDF の規格
    #[arg(long, value_enum, value_name = "規格")]
    pub pdf_standard: Option<StandardArg>,
}

impl DeliveryArgs {
    pub(super) fn delivery(&self) -> Delivery {
        Delivery {
            format: match self.format {
                FormatArg::Pdf => Format::Pdf,
                FormatArg::Png => Format::Png { ppi: self.ppi },
            },
            packet: self.packet,
            standard: self.pdf_standard.map(StandardArg::standard),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum FormatArg {
    /// PDF
    Pdf,
    /// ページごとの画像
    Png,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum StandardArg {
    /// PDF/A-2b: 長期保存用（見た目を保存）
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u: A-2b に加え、すべての文字を Unicode で持つ
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-3b
    #[value(name = "a-3b")]
    A3b,
    /// PDF/UA-1: アクセシビリティ（タグ付き、構造あり）
    #[value(name = "ua-1")]
    Ua1,
}

impl StandardArg {
    fn standard(self) -> Standard {
        match self {
            StandardArg::A2b => Standard::A2b,
            StandardArg::A2u => Standard::A2u,
            StandardArg::A3b => Standard::A3b,
            StandardArg::Ua1 => Standard::Ua1,
        }
    }
}

fn parse_ppi(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(ppi) if (18.0..=1200.0).contains(&ppi) => Ok(ppi),
        _ => Err("18 から 1200 までの数を指定してください".to_owned()),
    }
}

/// Where templates and program definitions come from.
#[derive(Debug, Args)]
pub(super) struct SourceArgs {
    /// このフォルダのテンプレート (*.typ) を組み込みのものの代わりに使う（`yoshiki export templates` で雛形を作れる）
    #[arg(long, value_name = "フォルダ")]
    pub templates: Option<PathBuf>,
    /// このフォルダの様式定義 (nedo.toml, shizuoka.toml) を組み込みのものの代わりに使う
    #[arg(long, value_name = "フォルダ")]
    pub programs: Option<PathBuf>,
}

impl SourceArgs {
    /// The context these folders (or the embedded files) make.
    pub(super) fn context(&self) -> Result<Context, Failure> {
        Context::with_dirs(self.templates.as_deref(), self.programs.as_deref()).map_err(Failure::io)
    }

    /// The files `watch` watches besides the applicant's.
    pub(super) fn watched(&self) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        if let Some(dir) = &self.templates {
            paths.extend(super::watch::files_below(dir, &["typ"]));
        }
        if let Some(dir) = &self.programs {
            paths.extend(super::watch::files_below(dir, &["toml"]));
        }
        paths
    }
}
