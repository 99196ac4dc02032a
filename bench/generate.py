#!/usr/bin/env python3
"""Writes N synthetic but realistic applicant files for benchmarking `yoshiki batch`.

Usage: bench/generate.py --count N --forms report|all|every [--xlsx BOOK --schema SCHEMA] OUT_DIR

Names, addresses, amounts and investors vary; every applicant has 1-3 investors and passes the
checks (so every file yields PDFs). With --forms all, each also has a 関心表明書, a 収支予算書 and
a 誓約書. With --forms every, each has all twelve forms: its 出資等に関する報告書 and 関心表明書
generated, the other NEDO forms from fixtures/nedo-supporting.toml and the 静岡県 package from
fixtures/shizuoka-package.toml (whose amounts agree with each other), under its own name. The
same N gives the same files (fixed seed).

With --xlsx, the same applicants are also written as one workbook, laid out as `yoshiki batch`
reads it (README, "Spreadsheets of applicants"): a 申請者 sheet with a row per applicant and a
sheet per array of tables, named by `x-sheet` in the schema (`yoshiki schema > SCHEMA`).
"""

import argparse
import datetime
import os
import random
import tomllib
import zipfile
from xml.sax.saxutils import escape

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
date = 2023-07-{rng.randint(3, 28):02d}
'''
    return out


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def fixture_from(name, first_section):
    """A fixture's text from its section `first_section` to the end."""
    with open(os.path.join(ROOT, "fixtures", name), encoding="utf-8") as f:
        text = f.read()
    return "\n" + text[text.index(first_section):]


def every_form(rng, i):
    """The forms beyond the 出資等に関する報告書, all twelve in all. The 事業計画書 and the
    収支予算書 vary by applicant too (their theme, an item and a trip), so that none of them is
    typeset from Typst's cache of the one before."""
    letter = other_forms(rng)
    letter = letter[: letter.index("[budget]")]
    nedo = fixture_from("nedo-supporting.toml", "[commercialization_report]")
    # The 意向確認書 of the same program, phase and round as the generated 報告書.
    nedo = nedo.replace('program = "GX"\nphase = "PCA"\nround = 4', 'program = "DTSU"\nphase = "STS"\nround = 7', 1)
    shizuoka = fixture_from("shizuoka-package.toml", "[shizuoka]")
    shizuoka = shizuoka.replace("市場テスト\"", f"市場テスト（第{i}号）\"", 1)
    shizuoka = shizuoka.replace('name = "筐体材料"', f'name = "筐体材料 {rng.choice("ABCDEFGH")}-{i}"', 1)
    shizuoka = shizuoka.replace("展示会出張 2名×2回", f"展示会出張 2名×2回（{rng.choice(['東京', '大阪', '名古屋', '福岡'])}）", 1)
    return letter + nedo + shizuoka


def sheet_names(schema):
    """The sheet of each array of tables, by its dotted key path (`x-sheet` in the schema)."""
    defs = schema.get("$defs", {})

    def resolve(node):
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    names = {}

    def walk(node, path):
        for key, prop in resolve(node).get("properties", {}).items():
            here = f"{path}.{key}" if path else key
            target = resolve(prop)
            if "x-sheet" in prop:
                names[here] = prop["x-sheet"]
                walk(target["items"], here)
            elif "properties" in target:
                walk(target, here)

    walk(schema, "")
    return names


def rows_of(applicant_id, table, names):
    """The applicant's rows: {sheet: [row dict]}, the main sheet's under "申請者"."""
    sheets = {"申請者": [{"id": applicant_id}]}

    def fill(row, table, prefix, path, sheet):
        for key, value in table.items():
            here = f"{path}.{key}" if path else key
            header = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                fill(row, value, header, here, sheet)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                child = names[here]
                for entry in value:
                    child_row = {"id": applicant_id}
                    if sheet != "申請者":
                        child_row[path] = len(sheets[sheet])
                    sheets.setdefault(child, []).append(child_row)
                    fill(child_row, entry, "", here, child)
            elif isinstance(value, list):
                row[header] = ", ".join(str(v) for v in value)
            else:
                row[header] = value

    fill(sheets["申請者"][0], table, "", "", "申請者")
    return sheets


EPOCH = datetime.date(1899, 12, 30)


def cell_xml(ref, value):
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="1"><v>{(value - EPOCH).days}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def column_name(n):
    name = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def sheet_xml(rows):
    headers = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    lines = [[cell_xml(f"{column_name(c)}1", h) for c, h in enumerate(headers)]]
    for r, row in enumerate(rows, start=2):
        lines.append([cell_xml(f"{column_name(c)}{r}", row[h]) for c, h in enumerate(headers) if h in row])
    body = "".join(f'<row r="{i}">{"".join(cells)}</row>' for i, cells in enumerate(lines, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{body}</sheetData></worksheet>')


def write_xlsx(path, sheets):
    """A minimal workbook: inline strings, numbers, booleans, and dates in the yyyy-mm-dd style."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(1, len(names) + 1)) + "</Types>")
        book.writestr("_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
            + "</sheets></workbook>")
        book.writestr("xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{rel}/styles" Target="styles.xml"/></Relationships>')
        book.writestr("xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
        for i, n in enumerate(names, start=1):
            book.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(sheets[n]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--forms", choices=["report", "all", "every"], default="all")
    parser.add_argument("--xlsx", help="also write the applicants as one workbook")
    parser.add_argument("--schema", help="yoshiki schema's output (for --xlsx: the sheet names)")
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(20251122 + args.count)
    os.makedirs(args.out, exist_ok=True)
    names = None
    if args.xlsx:
        import json
        with open(args.schema, encoding="utf-8") as f:
            names = sheet_names(json.load(f))
    workbook = {}
    for i in range(1, args.count + 1):
        text = applicant(rng, i) + investment_report(rng)
        if args.forms == "all":
            text += other_forms(rng)
        elif args.forms == "every":
            # The 申込者の概要 prints the フリガナ.
            text = text.replace("postal_code = ", 'name_kana = "カブシキガイシャシンセイシャ"\npostal_code = ', 1)
            text += every_form(rng, i)
        with open(os.path.join(args.out, f"applicant-{i:05d}.toml"), "w", encoding="utf-8") as f:
            f.write(text)
        if names is not None:
            for sheet, rows in rows_of(f"applicant-{i:05d}", tomllib.loads(text), names).items():
                workbook.setdefault(sheet, []).extend(rows)
    if names is not None:
        write_xlsx(args.xlsx, workbook)


if __name__ == "__main__":
    main()
