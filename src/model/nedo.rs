//! The sections of the NEDO forms (DTSU and GX).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::{Date, Quantity, YearMonth, Yen};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InvestmentReport {
    /// 事業
    pub program: NedoProgram,
    /// フェーズ
    pub phase: Phase,
    // 公募回: selects the 所定の期間 from the program definition.
    /// 公募回（所定の期間の確認に使う。例: 7）
    pub round: Option<u32>,
    /// 書類の日付
    pub date: Date,
    /// (A) 助成対象費用
    pub eligible_cost: Yen,
    /// 出資・融資: 1 件ごとに報告書 1 枚
    #[schemars(extend("x-sheet" = "出資"))]
    pub investments: Vec<Investment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub(crate) enum NedoProgram {
    /// ディープテック・スタートアップ支援事業
    #[serde(rename = "DTSU")]
    Dtsu,
    /// GX分野のディープテック・スタートアップに対する実用化研究開発・量産化実証支援事業
    #[serde(rename = "GX")]
    Gx,
}

impl NedoProgram {
    pub(crate) fn code(self) -> &'static str {
        match self {
            NedoProgram::Dtsu => "DTSU",
            NedoProgram::Gx => "GX",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub(crate) enum Phase {
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
    pub(crate) fn code(self) -> &'static str {
        match self {
            Phase::Sts => "STS",
            Phase::Pca => "PCA",
            Phase::Dmp => "DMP",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Investment {
    /// 出資等の実施者の名称
    #[schemars(length(max = 50))]
    pub investor: String,
    /// 出資者の種類
    pub investor_kind: InvestorKind,
    /// 着金日
    pub date: Date,
    /// (B) 着金額
    pub amount: Yen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum InvestorKind {
    /// VC等（ベンチャーキャピタル等）
    Vc,
    /// CVC（事業会社のコーポレートベンチャーキャピタル）
    Cvc,
    /// 事業会社
    Corporate,
    /// 金融機関（融資）
    Bank,
    // Never counted towards a requirement.
    /// その他（エンジェル等。要件に算入されない）
    Other,
}

impl InvestorKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            InvestorKind::Vc => "VC等",
            InvestorKind::Cvc => "CVC",
            InvestorKind::Corporate => "事業会社",
            InvestorKind::Bank => "金融機関（融資）",
            InvestorKind::Other => "その他",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LetterOfIntent {
    /// 書類の日付
    pub date: Date,
    /// 事業名
    #[schemars(length(max = 80))]
    pub project_name: String,
    /// 連携の形（例: 共同研究）
    #[schemars(length(max = 40))]
    pub collaboration: String,
    /// 事業連携の内容（自由記述。段落は空行で区切る）
    #[schemars(length(max = 8000))]
    pub details: String,
    /// 連携先（関心表明者）の名称
    #[schemars(length(max = 60))]
    pub partner_name: String,
    /// 連携先の住所
    #[schemars(length(max = 80))]
    pub partner_address: String,
    /// 署名者と連絡先
    #[serde(flatten)]
    pub signer: Signer,
}

// The yearly report after the project, with the 収益納付額.
/// 事業化状況報告書（NEDO 様式第20）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CommercializationReport {
    /// 書類の日付
    pub date: Date,
    /// 助成事業の名称
    #[schemars(length(max = 80))]
    pub project_name: String,
    /// 助成事業が完了した年度 (西暦の年度)
    pub completion_fiscal_year: i32,
    /// 報告対象年度 (西暦の年度)
    pub fiscal_year: i32,
    // 事業化の状況 (free text, optional)
    /// 事業化の状況（自由記述）
    #[schemars(length(max = 2000))]
    pub status: Option<String>,
    /// (B) 助成対象費用（控除額）
    pub eligible_cost: Yen,
    /// (C) 助成金確定額
    pub final_grant: Yen,
    /// (D) 助成事業に係る支出額
    pub expenditure: Yen,
    /// (E) 前年度までの累積納付額
    #[serde(default)]
    pub paid_before: Yen,
    /// 中小企業に該当する
    #[serde(default)]
    pub small_business: bool,
    /// 報告対象年度の単体決算で赤字の利益
    #[serde(default)]
    #[schemars(example = ["operating"])]
    pub deficits: Vec<Deficit>,
    /// 赤字を理由に本年度納付額の免除を希望する (様式第21 を提出する)
    #[serde(default)]
    pub exemption_requested: bool,
    // The yearly figures whose 収益額 add up to (A).
    /// 年度ごとの収益（収益額の合計が (A)）
    #[schemars(extend("x-sheet" = "収益"))]
    pub years: Vec<RevenueYear>,
}

// One fiscal year of the project's revenue: 収益額 = 総収入額 − 製造原価 − 販売管理費等.
/// 年度ごとの収益（収益額 = 総収入額 − 製造原価 − 販売管理費等）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevenueYear {
    /// 年度（西暦）
    pub fiscal_year: i32,
    /// 総収入額
    pub revenue: Yen,
    /// 製造原価
    pub cost_of_sales: Yen,
    /// 販売管理費等
    pub sga: Yen,
}

// Which profit of the single-entity accounts was negative.
/// 単体決算で赤字の利益
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Deficit {
    /// 営業利益
    Operating,
    /// 経常利益
    Ordinary,
    /// 純利益
    Net,
}

impl Deficit {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Deficit::Operating => "営業利益",
            Deficit::Ordinary => "経常利益",
            Deficit::Net => "純利益",
        }
    }
}

// One PDF per investor or lender.
/// 出資/融資意向確認願・確認書（NEDO 追加資料5）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InvestmentIntents {
    /// 事業
    pub program: NedoProgram,
    /// フェーズ
    pub phase: Phase,
    // 公募回: selects the 所定の期間.
    /// 公募回（所定の期間の確認に使う）
    pub round: Option<u32>,
    /// 確認願の日付
    pub date: Date,
    /// 出資者・融資者: 1 件ごとに確認書 1 枚
    #[schemars(extend("x-sheet" = "出資・融資意向"))]
    pub investors: Vec<InvestmentIntent>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InvestmentIntent {
    // 出資者名 (the company, not the fund)
    /// 出資者名（ファンドではなく会社名）
    #[schemars(length(max = 60))]
    pub investor: String,
    /// 出資者の住所
    #[schemars(length(max = 80))]
    pub investor_address: String,
    // "bank" prints 融資, every other kind 出資.
    /// 出資者の種類（bank は「融資」、それ以外は「出資」と印刷）
    pub investor_kind: InvestorKind,
    /// 代表者又は業務執行責任者と連絡先
    #[serde(flatten)]
    pub signer: Signer,
    /// 確認書の日付
    pub date: Date,
    // 「YYYY年M月末までに」
    /// 出資/融資の期限（"YYYY-MM"。「YYYY年M月末までに」と印刷）
    pub deadline: YearMonth,
    /// 金 … 円
    pub amount: Yen,
    // 出資/融資の条件 (free text)
    /// 出資/融資の条件（自由記述）
    #[schemars(length(max = 4000))]
    pub conditions: String,
}

/// GXに係る取組申告書（NEDO 追加資料11）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GxDeclaration {
    // 書類の日付 (not printed; the PDF's date)
    /// 書類の日付（印刷しない。PDF の日付）
    pub date: Option<Date>,
    // i. 自らの排出削減の取組: "implemented" (すでに実施) | "planned" (今後実施)
    /// i. 自らの排出削減の取組
    pub own_reduction: OwnReduction,
    /// ii. サプライチェーンでの炭素中立に向けた取組
    #[schemars(length(max = 4000))]
    pub supply_chain: String,
    /// iii. 製品・サービスを通じた市場での取組
    #[schemars(length(max = 4000))]
    pub market: String,
    /// 4. 本申告書に記載の内容に虚偽はありません
    #[serde(default)]
    pub no_false_statement: bool,
    /// CO₂排出削減の取組 1. 解決につながる課題とその根拠
    #[schemars(length(max = 4000))]
    pub issue: String,
    // 2. の「20XX年」: the year of the sales forecast
    /// 2. の「20XX年」: 販売見込の年（西暦）
    pub target_year: i32,
    /// (a) 製品・サービス1単位あたりの年間のCO₂削減量 [t-CO₂/年]
    pub reduction_per_unit: Quantity,
    /// (b) 販売見込
    pub sales: Quantity,
    /// (b′) 内、国内の販売見込
    pub domestic_sales: Quantity,
    /// 販売単位 (台, 基, MW, …)
    #[schemars(length(max = 10))]
    pub sales_unit: String,
    /// (d) 算出根拠
    #[schemars(length(max = 4000))]
    pub basis: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OwnReduction {
    /// すでに実施しています。
    Implemented,
    /// 今後（又は交付決定以降に）、実施します
    Planned,
}

// Written by the supporter.
/// ハンズオン計画書/事業支援計画書（NEDO 追加資料7）
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SupportPlan {
    // "hands-on" (パートナーVC候補) | "business-support" (事業会社等)
    /// 計画書の種類
    pub kind: SupportKind,
    // 書類の日付 (not printed; the PDF's date)
    /// 書類の日付（印刷しない。PDF の日付）
    pub date: Option<Date>,
    /// パートナーVC候補または事業支援者名・住所
    #[schemars(length(max = 60))]
    pub supporter_name: String,
    /// 支援者の住所
    #[schemars(length(max = 80))]
    pub supporter_address: String,
    /// 代表者又は業務執行責任者氏名
    #[schemars(length(max = 40))]
    pub representative_name: String,
    // 対象の提案者及び事業名: the 事業名 (the 提案者 is the applicant)
    /// 対象の事業名（提案者は申請者）
    #[schemars(length(max = 80))]
    pub project_name: String,
    /// 1. 技術評価
    #[schemars(length(max = 6000))]
    pub technology: String,
    /// 2. 事業性評価
    #[schemars(length(max = 6000))]
    pub business: String,
    /// 3. ハンズオン計画または事業支援計画
    #[schemars(length(max = 6000))]
    pub plan: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SupportKind {
    /// ハンズオン計画書 (パートナーVC候補)
    HandsOn,
    /// 事業支援計画書 (事業会社や各種機関)
    BusinessSupport,
}

// Who signs a document a partner or an investor writes, and whom NEDO may contact: the same
// keys in the 関心表明書 and the 出資/融資意向確認書.
/// 署名者と連絡先
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signer {
    /// 署名者（代表者又は業務執行責任者）の役職
    #[schemars(length(max = 40))]
    pub signer_title: String,
    /// 署名者（代表者又は業務執行責任者）の氏名
    #[schemars(length(max = 30))]
    pub signer_name: String,
    /// 連絡先の電話番号
    #[schemars(length(max = 20))]
    pub contact_phone: String,
    /// 連絡先のメールアドレス
    #[schemars(length(max = 80))]
    pub contact_email: String,
    /// 連絡先の担当者（部署・氏名）
    #[schemars(length(max = 40))]
    pub contact_person: String,
}
