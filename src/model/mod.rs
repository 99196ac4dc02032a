//! The applicant file as Rust types: the contract of `../shared/spec/data-format.md`.
//!
//! Every table denies unknown keys, so a typo is an error rather than a silently empty field.

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
    /// 出資等に関する報告書 (NEDO 様式第22)
    pub investment_report: Option<InvestmentReport>,
    /// 関心表明書 (NEDO 追加資料8)
    #[serde(default)]
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

/// 申請者: shared by every form.
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
