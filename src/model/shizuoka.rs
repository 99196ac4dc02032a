//! The sections of the 静岡県 forms.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::{Date, Quantity, Yen};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Budget {
    /// 書類の日付（和暦で印刷）
    pub date: Option<Date>,
    /// 1 収入の部: 補助金・自己資金・その他
    pub income: BudgetIncome,
    /// 2 支出の部: 区分ごとに品目または金額
    #[serde(default)]
    #[schemars(extend("x-sheet" = "支出"))]
    pub expenses: Vec<ExpenseRow>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BudgetIncome {
    /// 補助金
    pub subsidy: IncomeLine,
    /// 自己資金
    pub own_funds: Option<IncomeLine>,
    /// その他
    pub other: Option<IncomeLine>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncomeLine {
    /// 予算額（円）
    pub amount: Yen,
    /// 積算内訳・備考
    #[serde(flatten)]
    pub text: RowText,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpenseRow {
    /// 区分（収支予算書の 13 区分のいずれか。例: 原材料費）
    #[schemars(length(max = 40))]
    pub category: String,
    /// 品目: 単価 × 数量（積算内訳に並ぶ）
    #[serde(default)]
    #[schemars(extend("x-sheet" = "支出の品目"))]
    pub items: Vec<ExpenseItem>,
    // A plain amount instead of items.
    /// 品目の代わりに書く金額（円）
    pub amount: Option<Yen>,
    /// 積算内訳（金額で書くとき）・備考
    #[serde(flatten)]
    pub text: RowText,
}

// The 積算内訳 and 備考 cells of a row of the 収支予算書, each one line.
/// 積算内訳と備考
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RowText {
    /// 積算内訳
    #[schemars(length(max = 40), example = &"見積書による")]
    pub breakdown: Option<String>,
    /// 備考
    #[schemars(length(max = 16), example = &"東京")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpenseItem {
    /// 品目名
    #[schemars(length(max = 24))]
    pub name: String,
    /// 単価（円）
    pub unit_price: Yen,
    /// 数量（小数は文字列で。例: "6.5"）
    pub quantity: Quantity,
    /// 単位（例: 個、式、人月）
    #[schemars(length(max = 6))]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pledge {
    /// 書類の日付・宛先・年度
    #[serde(flatten)]
    pub head: Letterhead,
    // The guide allows a handwritten signature instead of a seal: the name is left blank.
    /// 代表者の氏名を自署する（true: 氏名欄を空けて印刷し、手書きで署名する。押印は不要。省略時: false）
    #[serde(default)]
    pub sign_by_hand: bool,
}

/// 申込書（静岡県 様式第1号）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Application {
    /// 書類の日付・宛先・年度
    #[serde(flatten)]
    pub head: Letterhead,
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

/// 職・氏名
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonInCharge {
    /// 職 (部署・役職名)
    #[schemars(length(max = 28))]
    pub title: String,
    /// 氏名
    #[schemars(length(max = 28))]
    pub name: String,
}

// 会社名・所在地・代表者 come from [applicant].
/// 申込者の概要（静岡県 様式第1－2号。会社名等・所在地・代表者は [applicant] から）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApplicantOverview {
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
    #[schemars(length(max = 150))]
    pub problem: String,
    /// 上記の解決策
    #[schemars(length(max = 150))]
    pub solution: String,
    /// 大学の研究シーズ、技術シーズの概要
    pub seeds: UniversitySeeds,
    /// 備考
    #[schemars(length(max = 60))]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// 担当者の部署・役職名
    #[schemars(length(max = 28))]
    pub title: String,
    /// 担当者の氏名
    #[schemars(length(max = 28))]
    pub name: String,
    /// 担当者の電話番号
    #[schemars(length(max = 20))]
    pub phone: String,
    /// 担当者のメールアドレス
    #[schemars(length(max = 50))]
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UniversitySeeds {
    /// 概要
    #[schemars(length(max = 100))]
    pub summary: String,
    /// 大学・学部
    #[schemars(length(max = 28))]
    pub university: String,
    /// 研究者名
    #[schemars(length(max = 28))]
    pub researcher: String,
}

/// 事業計画書（静岡県 様式第2号）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BusinessPlan {
    /// 1 テーマ名
    #[schemars(length(max = 60))]
    pub theme: String,
    /// 1 目的
    #[schemars(length(max = 4000))]
    pub purpose: String,
    /// 2 目標とする成果
    #[schemars(length(max = 4000))]
    pub goals: String,
    /// 3 製品・技術の比較（新規性・優位性・市場性・他との比較）
    #[schemars(length(max = 4000))]
    pub comparison: String,
    /// 4 進捗状況と問題点
    #[schemars(length(max = 4000))]
    pub progress: String,
    // 5 事業の内容・スケジュール (at least one entry; an empty one is the form's error)
    /// 5 事業の内容・スケジュール（1 件以上）
    #[serde(default)]
    #[schemars(extend("x-sheet" = "スケジュール"))]
    pub schedule: Vec<ScheduleEntry>,
    /// 6 事業推進体制
    #[schemars(length(max = 4000))]
    pub structure: String,
    /// 7 年度別事業予算 (2か年度にわたる継続申請の場合のみ)
    pub yearly_budget: Option<YearlyBudget>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScheduleEntry {
    /// 実施（予定）時期
    #[schemars(length(max = 24))]
    pub period: String,
    /// 実施内容
    #[schemars(length(max = 2000))]
    pub content: String,
    /// 実施場所
    #[schemars(length(max = 30))]
    pub place: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearlyBudget {
    // The fiscal year of 1年目 (西暦); the program's fiscal year when absent.
    /// 1年目の年度（西暦。省略時: 様式定義の年度）
    pub first_year: Option<i32>,
    /// 区分ごとの 1年目・2年目の額
    #[schemars(extend("x-sheet" = "年度別予算"))]
    pub rows: Vec<YearlyBudgetRow>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearlyBudgetRow {
    // 区分: one of the program's expense categories
    /// 区分（収支予算書の 13 区分のいずれか）
    #[schemars(length(max = 40))]
    pub category: String,
    /// 1年目
    pub first: Yen,
    /// 2年目
    pub second: Yen,
    /// 備考
    #[schemars(length(max = 16), example = &"研究員")]
    pub note: Option<String>,
}

/// 質問書（静岡県 参考様式。会社名等は [applicant] から）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Question {
    /// 担当者名
    #[schemars(length(max = 30))]
    pub contact_person: String,
    /// 電話番号
    #[schemars(length(max = 20))]
    pub phone: String,
    /// FAX 番号
    #[schemars(length(max = 20))]
    pub fax: Option<String>,
    /// メールアドレス
    #[schemars(length(max = 60))]
    pub email: String,
    /// 質問内容
    #[schemars(length(max = 800))]
    pub content: String,
}

// The head of a 静岡県 letter (申込書, 誓約書): its date, and the program values the file may
// set itself instead of the program definition's.
/// 書類の日付・宛先・年度
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Letterhead {
    /// 書類の日付（和暦で印刷）
    pub date: Date,
    // Overrides the program definition's addressee.
    /// 宛先（省略時: 様式定義の知事名）
    #[schemars(length(max = 40), example = &"静岡県知事 鈴木 康友 様")]
    pub addressee: Option<String>,
    // Overrides the program definition's fiscal year (西暦, printed as 令和N年度).
    /// 年度（西暦。令和N年度と印刷。省略時: 様式定義の年度）
    #[schemars(example = 2024)]
    pub fiscal_year: Option<i32>,
}
