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
    version,
    about = "申請者データ (TOML) から補助金・助成金の申請様式を PDF で作ります",
    long_about = None
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// 様式を PDF に書き出す（エラーがあれば何も書き出さない）
    Render(RenderArgs),
    /// 書き出した後も申請者ファイル（と使用中のテンプレート・様式定義）を見張り、変わるたびに書き直す。
    /// エラーのときは前回の PDF がそのまま残る。Ctrl-C で終了
    Watch(RenderArgs),
    /// 記入用の申請者ファイルを作る（各キーの意味と例をコメントで付ける）。--sheet で多数の申請者を書く表計算ファイル (xlsx)
    Init(InitArgs),
    /// 申請者ファイルの JSON Schema を出力する（エディタの補完・検査用: yoshiki schema > yoshiki.schema.json）
    Schema,
    /// 組み込みのテンプレートを操作する
    Templates {
        #[command(subcommand)]
        action: ExportAction,
    },
    /// 様式定義の募集回・公募回（提出期間・所定の期間・宛先・上限額）の一覧。export で書き出す
    Programs {
        #[command(subcommand)]
        action: Option<ExportAction>,
        /// このフォルダの様式定義 (nedo.toml, shizuoka.toml) を一覧する
        #[arg(long, value_name = "DIR")]
        programs: Option<PathBuf>,
    },
    /// 検査して計算結果を表示する（何も書き出さない）
    Check(CheckArgs),
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
}

#[derive(Debug, Subcommand)]
pub(super) enum ExportAction {
    /// 組み込みのファイルをフォルダに書き出す（編集して --templates / --programs で使う）
    Export {
        /// 書き出し先フォルダ（既存のファイルは上書きしない）
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// 表計算ファイル (xlsx, ods, csv): 「申請者」シートに 1 行 1 人、表ごとのシートに id で申請者を示す行
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 書き出し先フォルダ: DIR/<id>.toml
    #[arg(long, short)]
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
        dir: PathBuf,
    },
}

/// `render` and `watch`.
#[derive(Debug, Args)]
pub(super) struct RenderArgs {
    /// 申請者ファイル (.toml)
    pub applicant: PathBuf,
    /// 出力先フォルダ（省略時: 申請者ファイルと同じフォルダ）
    #[arg(long, short)]
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
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 出力先フォルダ: DIR/<PATH の下のパス（.toml を除く）>/ に各様式、DIR/report.json と DIR/report.csv に結果
    #[arg(long, short)]
    pub out: PathBuf,
    /// 並列数（省略時: CPU のコア数）
    #[arg(long, short)]
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
}

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// 作るファイル（省略時または - : 標準出力）
    pub file: Option<PathBuf>,
    /// 申請者ファイルの代わりに、多数の申請者を 1 行ずつ書く表計算ファイル (xlsx) を作る（見出し・説明・選択肢・記入例つき。yoshiki batch FILE.xlsx で PDF に）
    #[arg(long, value_name = "FILE.xlsx", conflicts_with = "file")]
    pub sheet: Option<PathBuf>,
    #[command(flatten)]
    pub forms: FormArgs,
    /// この事業・フェーズで必要な様式と添付書類の欄を作る（shizuoka、nedo-dtsu-sts、nedo-gx-pca など。
    /// 一覧は yoshiki programs）
    #[arg(long, value_name = "PROGRAM")]
    pub program: Option<String>,
    /// 既存のファイルを上書きする
    #[arg(long)]
    pub force: bool,
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
    #[arg(long, value_name = "DIR")]
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
    #[arg(long = "form", value_name = "NAME")]
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
    /// すべての様式を提出順に 1 つの PDF にまとめる（様式ごとのしおり付き）
    #[arg(long)]
    pub packet: bool,
    /// 出力形式: pdf、または確認用のページ画像 png
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: FormatArg,
    /// png の解像度（ピクセル/インチ）
    #[arg(long, default_value_t = 144.0, value_parser = parse_ppi)]
    pub ppi: f32,
    /// PDF の規格: a-2b（長期保存用 PDF/A-2b）、a-2u、a-3b、ua-1（アクセシビリティ）
    #[arg(long, value_enum, value_name = "STANDARD")]
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
    Pdf,
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
    /// このフォルダのテンプレート (*.typ) を組み込みのものの代わりに使う（`yoshiki templates export` で雛形を作れる）
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// このフォルダの様式定義 (nedo.toml, shizuoka.toml) を組み込みのものの代わりに使う
    #[arg(long, value_name = "DIR")]
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
