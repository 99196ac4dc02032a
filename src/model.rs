//! The applicant file as Rust types: the contract of `../shared/spec/data-format.md`.
//!
//! Every table denies unknown keys, so a typo is an error rather than a silently empty field.

use serde::Deserialize;

use crate::values::{Date, Quantity, Yen};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantFile {
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
    /// 申込書 (静岡県 様式第1号)
    pub application: Option<Application>,
    /// 申込者の概要 (静岡県 様式第1-2号)
    pub applicant_overview: Option<ApplicantOverview>,
    /// 事業計画書 (静岡県 様式第2号)
    pub business_plan: Option<BusinessPlan>,
    /// 質問書 (静岡県 参考様式)
    pub question: Option<Question>,
}

/// 申請者: shared by every form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub name: String,
    pub name_kana: Option<String>,
    pub postal_code: Option<String>,
    pub address: String,
    pub representative_title: String,
    pub representative_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestmentReport {
    pub program: NedoProgram,
    pub phase: Phase,
    /// 公募回: selects the 所定の期間 from the program definition.
    pub round: Option<u32>,
    /// 書類の日付
    pub date: Date,
    /// (A) 助成対象費用
    pub eligible_cost: Yen,
    pub investments: Vec<Investment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum NedoProgram {
    /// ディープテック・スタートアップ支援事業
    #[serde(rename = "DTSU")]
    Dtsu,
    /// GX分野のディープテック・スタートアップに対する実用化研究開発・量産化実証支援事業
    #[serde(rename = "GX")]
    Gx,
}

impl NedoProgram {
    pub fn code(self) -> &'static str {
        match self {
            NedoProgram::Dtsu => "DTSU",
            NedoProgram::Gx => "GX",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Phase {
    /// 実用化研究開発(前期)
    #[serde(rename = "STS")]
    Sts,
    /// 実用化研究開発(後期)
    #[serde(rename = "PCA")]
    Pca,
    /// 量産化実証
    #[serde(rename = "DMP")]
    Dmp,
}

impl Phase {
    pub fn code(self) -> &'static str {
        match self {
            Phase::Sts => "STS",
            Phase::Pca => "PCA",
            Phase::Dmp => "DMP",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    /// 出資等の実施者の名称
    pub investor: String,
    pub investor_kind: InvestorKind,
    /// 着金日
    pub date: Date,
    /// (B) 着金額
    pub amount: Yen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvestorKind {
    /// VC等
    Vc,
    Cvc,
    /// 事業会社
    Corporate,
    /// 金融機関 (融資)
    Bank,
    /// エンジェル等: never counted towards a requirement
    Other,
}

impl InvestorKind {
    pub fn label(self) -> &'static str {
        match self {
            InvestorKind::Vc => "VC等",
            InvestorKind::Cvc => "CVC",
            InvestorKind::Corporate => "事業会社",
            InvestorKind::Bank => "金融機関（融資）",
            InvestorKind::Other => "その他",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterOfIntent {
    pub date: Date,
    pub project_name: String,
    pub collaboration: String,
    pub details: String,
    pub partner_name: String,
    pub partner_address: String,
    pub signer_title: String,
    pub signer_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub contact_person: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub date: Option<Date>,
    pub income: BudgetIncome,
    #[serde(default)]
    pub expenses: Vec<ExpenseRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetIncome {
    /// 補助金
    pub subsidy: IncomeLine,
    /// 自己資金
    pub own_funds: Option<IncomeLine>,
    /// その他
    pub other: Option<IncomeLine>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeLine {
    pub amount: Yen,
    pub breakdown: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseRow {
    pub category: String,
    #[serde(default)]
    pub items: Vec<ExpenseItem>,
    /// A plain amount instead of items.
    pub amount: Option<Yen>,
    pub breakdown: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenseItem {
    pub name: String,
    pub unit_price: Yen,
    pub quantity: Quantity,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    pub date: Date,
    /// Overrides the program definition's addressee.
    pub addressee: Option<String>,
    /// Overrides the program definition's fiscal year (西暦, printed as 令和N年度).
    pub fiscal_year: Option<i32>,
}

/// 申込書 (静岡県 様式第1号).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// 書類の日付
    pub date: Date,
    /// Overrides the program definition's addressee.
    pub addressee: Option<String>,
    /// Overrides the program definition's fiscal year (西暦, printed as 令和N年度).
    pub fiscal_year: Option<i32>,
    /// 1 総事業費
    pub total_cost: Yen,
    /// 2 交付申請見込額: 補助金所要額
    pub subsidy_required: Yen,
    /// 2 交付申請見込額: 補助金に係る消費税仕入控除税額
    pub consumption_tax_deduction: Yen,
    /// 2 交付申請見込額: 補助金額 (= 補助金所要額 − 控除税額)
    pub subsidy: Yen,
    /// 3 事業完了予定年月日
    pub completion_date: Date,
    /// 責任者
    pub responsible: PersonInCharge,
    /// 作成者
    pub preparer: PersonInCharge,
}

/// 職・氏名 of a person named on a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonInCharge {
    /// 職 (部署・役職名)
    pub title: String,
    /// 氏名
    pub name: String,
}

/// 申込者の概要 (静岡県 様式第1-2号). 会社名・所在地・代表者 come from [applicant].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantOverview {
    /// 責任者: 部署・役職名, 氏名
    pub responsible: PersonInCharge,
    /// 担当者: 部署・役職名, 氏名, 電話番号, メールアドレス
    pub contact: Contact,
    /// 資本金 (円)
    pub capital: Yen,
    /// 従業員数 (人)
    pub employees: u32,
    /// 設立年月日
    pub established: Date,
    /// 解決したい課題
    pub problem: String,
    /// 上記の解決策
    pub solution: String,
    /// 大学の研究シーズ、技術シーズの概要
    pub seeds: UniversitySeeds,
    /// 備考
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub title: String,
    pub name: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UniversitySeeds {
    /// 概要
    pub summary: String,
    /// 大学・学部
    pub university: String,
    /// 研究者名
    pub researcher: String,
}

/// 事業計画書 (静岡県 様式第2号).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessPlan {
    /// 1 テーマ名
    pub theme: String,
    /// 1 目的
    pub purpose: String,
    /// 2 目標とする成果
    pub goals: String,
    /// 3 製品・技術の比較（新規性・優位性・市場性・他との比較）
    pub comparison: String,
    /// 4 進捗状況と問題点
    pub progress: String,
    /// 5 事業の内容・スケジュール (at least one entry; an empty one is the form's error)
    #[serde(default)]
    pub schedule: Vec<ScheduleEntry>,
    /// 6 事業推進体制
    pub structure: String,
    /// 7 年度別事業予算 (2か年度にわたる継続申請の場合のみ)
    pub yearly_budget: Option<YearlyBudget>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleEntry {
    /// 実施（予定）時期
    pub period: String,
    /// 実施内容
    pub content: String,
    /// 実施場所
    pub place: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyBudget {
    /// The fiscal year of 1年目 (西暦); the program's fiscal year when absent.
    pub first_year: Option<i32>,
    pub rows: Vec<YearlyBudgetRow>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearlyBudgetRow {
    /// 区分: one of the program's expense categories
    pub category: String,
    /// 1年目
    pub first: Yen,
    /// 2年目
    pub second: Yen,
    /// 備考
    pub note: Option<String>,
}

/// 質問書 (静岡県 参考様式). 会社名等 comes from [applicant].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// 担当者名
    pub contact_person: String,
    pub phone: String,
    pub fax: Option<String>,
    pub email: String,
    /// 質問内容
    pub content: String,
}
