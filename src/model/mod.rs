//! The applicant file as Rust types: the contract of `../shared/spec/data-format.md`.
//!
//! Every table denies unknown keys, so a typo is an error rather than a silently empty field.
//! Every array of tables names, as `x-sheet` in the schema, the sheet its rows go on in a
//! spreadsheet of applicants (src/sheets/).

mod nedo;
mod shizuoka;

pub(crate) use nedo::*;
pub(crate) use shizuoka::*;

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApplicantFile {
    /// 申請者: すべての様式に共通
    pub applicant: Applicant,
    /// 静岡県の募集回（省略時: 書類の日付から、その日を提出期間に含む募集回）
    pub shizuoka: Option<ShizuokaChoice>,
    /// NEDO の事業とフェーズ（出資等に関する報告書・出資/融資意向確認書がないときに、提出書類を決める。あるときはそれと同じ値にする）
    pub nedo: Option<NedoChoice>,
    /// 添付書類: yoshiki が作らない提出書類（登記簿、決算書、契約書…）や、署名・押印してスキャンした様式
    #[serde(default)]
    #[schemars(extend("x-sheet" = "添付書類"))]
    pub attachments: Vec<Attachment>,
    /// 出資等に関する報告書 (NEDO 様式第22)
    pub investment_report: Option<InvestmentReport>,
    /// 関心表明書 (NEDO 追加資料8)
    #[serde(default)]
    #[schemars(extend("x-sheet" = "関心表明書"))]
    pub letters_of_intent: Vec<LetterOfIntent>,
    /// 収支予算書 (静岡県 様式第3号)
    pub budget: Option<Budget>,
    /// 誓約書 (静岡県 様式第4号)
    pub pledge: Option<Pledge>,
    /// 事業化状況報告書 (NEDO 様式第20)
    pub commercialization_report: Option<CommercializationReport>,
    /// 出資/融資意向確認願・確認書 (NEDO 追加資料5)
    pub investment_intents: Option<InvestmentIntents>,
    /// GXに係る取組申告書 (NEDO 追加資料11)
    pub gx_declaration: Option<GxDeclaration>,
    /// ハンズオン計画書/事業支援計画書 (NEDO 追加資料7)
    #[serde(default)]
    #[schemars(extend("x-sheet" = "支援計画"))]
    pub support_plans: Vec<SupportPlan>,
    /// 申込書 (静岡県 様式第1号)
    pub application: Option<Application>,
    /// 申込者の概要 (静岡県 様式第1－2号)
    pub applicant_overview: Option<ApplicantOverview>,
    /// 事業計画書 (静岡県 様式第2号)
    pub business_plan: Option<BusinessPlan>,
    /// 質問書 (静岡県 参考様式)
    pub question: Option<Question>,
}

// Shared by every form.
/// 申請者（すべての様式に共通）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Applicant {
    /// 名称（会社名等）
    #[schemars(length(max = 50))]
    pub name: String,
    /// フリガナ
    #[schemars(length(max = 80))]
    pub name_kana: Option<String>,
    /// 郵便番号（NNN-NNNN）
    #[schemars(length(max = 20))]
    pub postal_code: Option<String>,
    /// 所在地・住所
    #[schemars(length(max = 60))]
    pub address: String,
    /// 代表者の役職
    #[schemars(length(max = 20))]
    pub representative_title: String,
    /// 代表者の氏名
    #[schemars(length(max = 20))]
    pub representative_name: String,
    /// 電話番号
    #[schemars(length(max = 20))]
    pub phone: Option<String>,
    /// メールアドレス
    #[schemars(length(max = 80))]
    pub email: Option<String>,
}

// Which 静岡県 call for applications the file's forms are for.
/// 静岡県の募集回
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShizuokaChoice {
    /// 募集回の id（yoshiki programs で一覧。例: "r5-2"）
    #[schemars(length(max = 40))]
    pub call: String,
}

// Which NEDO program and phase the package is for, when no form names them.
/// NEDO の事業とフェーズ
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NedoChoice {
    /// 事業
    pub program: NedoProgram,
    /// フェーズ
    pub phase: Phase,
}

// A file the applicant attaches to the package: a PDF, or a scan as PNG or JPEG.
/// 添付書類
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Attachment {
    /// どの提出書類か（yoshiki check の提出書類一覧の id。例: "registry"、署名した誓約書は "pledge"）
    #[schemars(length(max = 40))]
    pub document: String,
    /// ファイル（PDF、PNG、JPEG）。申請者ファイルのフォルダからの相対パス
    #[schemars(length(max = 300))]
    pub path: String,
}
