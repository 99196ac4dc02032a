#!/usr/bin/env python3
"""Writes N synthetic but realistic applicant files for benchmarking `yoshiki batch`.

Usage: bench/generate.py --count N --forms report|all OUT_DIR

Names, addresses, amounts and investors vary; every applicant has 1-3 investors and passes the
checks (so every file yields PDFs). With --forms all, each also has a 関心表明書, a 収支予算書 and
a 誓約書. The same N gives the same files (fixed seed).
"""

import argparse
import os
import random

PREFIXES = ["株式会社", "合同会社", ""]
STEMS = ["テックシード", "ミライ素材", "ふじのくにラボ", "駿河バイオ", "遠州ロボティクス", "富士山エナジー",
         "浜名湖マリン", "伊豆フォトニクス", "天竜ウッドテック", "大井川アグリ", "清水量子", "磐田モビリティ",
         "沼津メディカル", "掛川センシング", "藤枝マテリアル", "焼津フーズテック"]
SUFFIXES = ["", "研究所", "テクノロジーズ", "イノベーション", "ラボ"]
CITIES = [("静岡県静岡市葵区追手町", "420-0853"), ("静岡県浜松市中区板屋町", "430-0928"),
          ("静岡県沼津市大手町", "410-0801"), ("静岡県富士市本町", "417-0052"),
          ("静岡県磐田市中泉", "438-0078"), ("静岡県三島市一番町", "411-0036")]
FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤", "吉田", "山本"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "大輔", "さくら", "翔", "由美"]
VCS = ["ABCベンチャーキャピタル株式会社", "しずおかグロースパートナーズ株式会社", "東海イノベーション投資事業有限責任組合",
       "ディープテック・ファンド投資事業有限責任組合"]
CVCS = ["XYZコーポレートベンチャーズ合同会社", "富士電機産業CVC株式会社"]
CORPS = ["東海精密工業株式会社", "株式会社パートナー工業", "遠州機械株式会社"]
CATEGORIES = ["原材料費", "借上料", "外注加工費", "技術コンサルタント料", "委託費", "販路開拓費", "資料購入費",
              "通信運搬費", "調査研究費", "消耗品費", "直接人件費", "旅費", "その他"]


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"


def applicant(rng, i):
    city, postal = rng.choice(CITIES)
    name = f"{rng.choice(PREFIXES)}{rng.choice(STEMS)}{rng.choice(SUFFIXES)}{i}"
    return f'''[applicant]
name = "{name}"
postal_code = "{postal}"
address = "{city}{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
representative_title = "{rng.choice(["代表取締役", "代表取締役社長", "代表社員"])}"
representative_name = "{person(rng)}"
'''


def investment_report(rng):
    eligible = rng.randrange(60, 600) * 1_000_000
    third = -(-eligible // 3)
    count = rng.randint(1, 3)
    # The first investor is the largest and a VC or CVC, and together they reach 1/3 (STS rules).
    lead = third + rng.randrange(0, eligible // 3)
    # Each other tranche is under half the lead, so even two from one 事業会社 stay below it.
    amounts = [lead] + [rng.randrange(1, max(2, lead // 2_000_000)) * 1_000_000 for _ in range(count - 1)]
    kinds = [rng.choice(["vc", "cvc"])] + [rng.choice(["vc", "cvc", "corporate"]) for _ in range(count - 1)]
    out = f'''
[investment_report]
program = "DTSU"
phase = "STS"
round = 7
date = 2025-03-{rng.randint(1, 5):02d}
eligible_cost = {eligible}
'''
    for amount, kind in zip(amounts, kinds):
        investor = rng.choice(VCS if kind == "vc" else CVCS if kind == "cvc" else CORPS)
        out += f'''
[[investment_report.investments]]
investor = "{investor}"
investor_kind = "{kind}"
date = 2024-{rng.randint(10, 12)}-{rng.randint(1, 28):02d}
amount = {amount}
'''
    return out


def other_forms(rng):
    paragraphs = "\n\n".join(
        f"弊社は提案者の技術を用いた試作品の評価を担い、第{n}段階の実証で得られる性能と安全性を弊社の設備で検証します。"
        for n in range(1, rng.randint(2, 5)))
    out = f'''
[[letters_of_intent]]
date = 2025-02-{rng.randint(1, 28):02d}
project_name = "{rng.choice(["全固体電池用固体電解質の量産前実証", "農業用ドローンの自律飛行実証", "医療用センサーの量産試作"])}"
collaboration = "{rng.choice(["共同研究", "調達", "販路開拓"])}"
details = """
{paragraphs}
"""
partner_name = "{rng.choice(CORPS)}"
partner_address = "東京都千代田区丸の内一丁目{rng.randint(1, 9)}番1号"
signer_title = "取締役 事業開発本部長"
signer_name = "{person(rng)}"
contact_phone = "03-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
contact_email = "contact{rng.randint(1, 999)}@example.co.jp"
contact_person = "事業開発部 {person(rng)}"
'''
    rows = []
    total = 0
    for category in rng.sample(CATEGORIES, rng.randint(2, 5)):
        if rng.random() < 0.5:
            price, qty = rng.randrange(1, 80) * 1_000, rng.randint(1, 20)
            rows.append(f'''
[[budget.expenses]]
category = "{category}"
items = [{{ name = "{category}の品目", unit_price = {price}, quantity = {qty}, unit = "式" }}]
''')
            total += price * qty
        else:
            amount = rng.randrange(1, 50) * 10_000
            rows.append(f'''
[[budget.expenses]]
category = "{category}"
amount = {amount}
breakdown = "{category}一式"
''')
            total += amount
    subsidy = min(5_000_000, total // 1_000 * 1_000)
    out += f'''
[budget]
[budget.income]
subsidy = {{ amount = {subsidy}, breakdown = "補助対象経費の10/10以内" }}
own_funds = {{ amount = {total - subsidy} }}
''' + "".join(rows)
    out += f'''
[pledge]
date = 2023-07-{rng.randint(1, 28):02d}
'''
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--forms", choices=["report", "all"], default="all")
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(20251122 + args.count)
    os.makedirs(args.out, exist_ok=True)
    for i in range(1, args.count + 1):
        text = applicant(rng, i) + investment_report(rng)
        if args.forms == "all":
            text += other_forms(rng)
        with open(os.path.join(args.out, f"applicant-{i:05d}.toml"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
