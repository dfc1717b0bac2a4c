"""Law names, their abbreviations, and the synonyms between officers' words and statute words.

Synonym groups are canonicalised on both sides (documents and queries) by the one tokenizer, so
「給料」 in a question meets 「給与」 in 第七十六条. Only add a group when the words mean the same
thing in collection work — never to make one question pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# source_id → the name as the corpus writes it, and the short names officers use.
LAWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "334AC0000000147": ("国税徴収法", ("徴収法", "徴法", "National Tax Collection Act")),
    "334CO0000000329": ("国税徴収法施行令", ("徴収法施行令", "徴収令", "徴令")),
    "337M50000040031": ("国税徴収法施行規則", ("徴収法施行規則", "徴収規則", "徴規")),
    "337AC0000000066": ("国税通則法", ("通則法", "通法", "Act on General Rules for National Taxes")),
    "337CO0000000135": ("国税通則法施行令", ("通則法施行令", "通則令")),
    "325AC0000000226": ("地方税法", ("地税法", "地法", "Local Tax Act")),
    "333AC0000000192": ("国民健康保険法", ("国保法", "National Health Insurance Act")),
    "332AC0000000094": (
        "滞納処分と強制執行等との手続の調整に関する法律",
        ("滞調法", "滞納処分と強制執行等との手続の調整に関する法律"),
    ),
    "354AC0000000004": ("民事執行法", ("民執法", "Civil Execution Act")),
    "325AC0000000144": ("生活保護法", ("生保法", "Public Assistance Act")),
    "nta-choshu-kihon-tsutatsu": ("国税徴収法基本通達", ("徴収法基本通達", "徴基通", "基本通達")),
    "nta-taichohou-tsutatsu": (
        "滞納処分と強制執行等との手続の調整に関する法律の逐条通達",
        ("滞調法逐条通達", "滞調法通達", "逐条通達"),
    ),
}

# When an article number is asked without a law, try the laws in this order.
LAW_PRIORITY = (
    "334AC0000000147",
    "325AC0000000226",
    "337AC0000000066",
    "333AC0000000192",
    "332AC0000000094",
    "354AC0000000004",
    "325AC0000000144",
    "334CO0000000329",
    "337CO0000000135",
    "337M50000040031",
)

# Synonym groups: the first word is the canonical form (as Sudachi normalises it); the others
# are mapped onto it. Officers' words on the right, statute words on the left.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("給与", "給料", "賃金", "月給", "サラリー"),
    ("預貯金", "預金", "貯金", "口座", "銀行口座", "預貯金口座", "普通預金"),
    ("自動車", "車", "車両", "クルマ", "マイカー"),
    ("差し押さえ", "差し押さえる", "差押", "差押さえ", "押さえ", "押さえる"),
    ("分割", "分納", "分割払い", "分割納付", "分割納入"),
    ("退職手当", "退職金"),
    ("不動産", "土地", "建物", "家屋", "自宅", "マイホーム"),
    ("生命保険", "生保", "保険金"),
    ("売掛金", "売り掛け金", "売掛", "売上債権"),
    ("公売", "オークション", "競り売り"),
    ("督促", "督促状"),
    ("催告", "催告書"),
    ("捜索", "家宅捜索"),
    ("延滞金", "遅延損害金"),
    ("滞納者", "滞納している人"),
    ("年金", "公的年金"),
    ("国民健康保険", "国保"),
    ("生活保護", "ナマポ"),
    ("換価", "現金化", "お金に換える"),
    ("取り立て", "取立", "取り立てる", "回収"),
    ("時効", "消滅時効"),
    ("調査", "調べる", "調べ", "問い合わせる", "問い合わせ", "照会"),
    ("捜索", "探す", "家捜し"),
    ("猶予", "待つ", "延期"),
    ("停止", "止める", "やめる", "ストップ"),
    ("通知", "連絡"),
    ("送達", "届ける"),
    ("納付", "払う", "支払う", "納める"),
    ("無償", "只", "ただ"),
    ("身分証明書", "身分証", "職員証", "徴税吏員証"),
    ("疾病", "病気", "怪我", "けが"),
    ("事業", "商売", "自営"),
    ("親族", "親戚"),
    ("官公署", "役所", "役場", "市役所"),
    ("債務", "借金", "ローン"),
    ("隠蔽", "隠す"),
    ("買い受け", "買う", "購入"),
    ("参加", "加わる"),
    ("配当", "分配"),
    ("価額", "値段"),
    ("要請", "頼む", "依頼"),
)

# Officers' phrases that the tokenizer cannot map word by word: the statute words are added to
# the question (query side only; the question keeps its own words too).
EXPANSIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("取れなくなる", "取れなくなり", "時効になる", "時効にかかる"), "時効 消滅"),
    (("国の税金", "国の税"), "国税"),
    (("わからない", "分からない", "不明の", "行方不明"), "不明"),
    (("タダ同然", "ただ同然", "タダで", "安く譲", "安く売"), "無償 著しく低い額"),
    (("競売",), "強制換価手続"),
    (("生活用品", "生活必需品", "家財道具"), "生活 欠くことができない 家具 寝具 衣服"),
    (("一番高い", "最も高い"), "最高価"),
    (("知らせる", "知らせ", "伝える"), "通知"),
    (("会社", "勤め先", "勤務先"), "事業者"),
    (("地震", "台風", "火事", "水害"), "災害"),
    (("売ったお金", "売れたお金", "売却代金"), "換価代金"),
    (("口座",), "預貯金 金融機関"),
    (
        ("よその市", "他の市", "別の市", "ほかの市", "よその自治体", "他の自治体", "他の町"),
        "他の地方団体",
    ),
    (("より先に", "先に回収", "先に取れる", "優先して"), "優先"),
    (("払いすぎ", "払い過ぎ", "多く払", "二重に払", "返金"), "過誤納 還付"),
    # the statute's names of the local taxes officers call by their everyday names
    (("市民税", "町民税", "村民税", "区民税", "住民税"), "市町村民税"),
    (("県民税", "都民税", "府民税", "道民税", "住民税"), "道府県民税"),
)

# English words of collection work → the statute words (query side, matched in lower case):
# questions asked in English reach the Japanese text through them.
ENGLISH_TERMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("seize", "seizure", "attach", "garnish"), "差押え"),
    (("delinquen", "arrears", "unpaid tax", "overdue"), "滞納"),
    (("salary", "wage", "pay check", "paycheck"), "給与"),
    (("pension",), "年金"),
    (("bank account", "deposit", "savings"), "預貯金"),
    (("real estate", "land", "house", "building"), "不動産"),
    (("car", "vehicle"), "自動車"),
    (("public auction", "auction", "bid"), "公売 入札"),
    (("sell", "sale", "realiz", "convert"), "換価 売却"),
    (("distribut",), "配当"),
    (("refund", "overpaid", "overpay"), "還付 過誤納"),
    (("apply the refund", "applied to", "offset", "set off"), "充当"),
    (("statute of limitation", "prescription", "time limit", "expire"), "時効 消滅"),
    (("secondary tax liability", "secondary liability", "second-order"), "第二次納税義務"),
    (("inherit", "heir", "died", "deceased"), "相続"),
    (("business", "shop", "store"), "事業"),
    (("transfer", "handed", "gave away", "gift"), "譲渡 譲受"),
    (("free of charge", "for nothing", "below market", "cheap"), "無償 著しく低い額"),
    (("installment", "instalment"), "分割"),
    (("postpone", "grace", "defer", "suspend", "suspension"), "猶予 停止"),
    (("reminder", "demand letter", "dunning"), "督促"),
    (("search",), "捜索"),
    (("at night", "late at night", "night"), "夜間 日没 日出"),
    (("inspect", "investigat", "question", "inquir"), "質問 検査 調査"),
    (("serve", "service of", "deliver", "notice by publication", "public notice"), "送達 公示送達"),
    (("late payment", "delinquency charge", "penalty interest", "interest"), "延滞金 延滞税"),
    (("exempt", "waive", "reduc"), "免除 減免"),
    (("appeal", "objection", "review"), "不服申立て 審査請求"),
    (("mortgage",), "抵当権"),
    (("pledge",), "質権"),
    (("third party", "someone else", "another person"), "第三者"),
    (("premium", "health insurance"), "保険料 国民健康保険"),
    (("welfare", "public assistance", "benefit"), "保護 保護金品"),
    (("court", "civil execution", "compulsory execution"), "強制執行 裁判所"),
    (("company", "corporation"), "法人 会社"),
    (("director", "officer"), "役員"),
    (("collateral", "security"), "担保"),
    (("disaster", "earthquake", "typhoon", "fire"), "災害"),
    (("household goods", "furniture", "necessities"), "生活 欠くことができない 家具"),
    (("must be left", "left to him", "left to her", "living expenses"), "差押禁止 生活費"),
    (("local tax", "resident tax", "property tax", "municipal tax"), "地方税 地方団体の徴収金"),
    (("resident tax", "inhabitant tax"), "市町村民税 道府県民税"),
    (("fixed asset tax", "property tax"), "固定資産税"),
    (("light vehicle tax", "light motor vehicle tax"), "軽自動車税"),
    (("automobile tax",), "自動車税"),
    (("national tax",), "国税"),
)

# Words that say which body of law a question is about when it names no statute.
# English words are matched in lower case.
DOMAIN_HINTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "地方税", "住民税", "市民税", "県民税", "町民税", "村民税", "固定資産税",
            "軽自動車税", "自動車税", "事業税", "市税", "町税", "村税", "県税",
            "local tax", "resident tax", "property tax", "municipal tax",
        ),
        ("325AC0000000226",),
    ),
    (("国税", "国の税金", "税務署", "national tax", "tax office"), ("334AC0000000147", "337AC0000000066")),
    (("国保", "国民健康保険", "health insurance"), ("333AC0000000192",)),
    (("生活保護", "保護費", "被保護者", "福祉事務所", "public assistance", "welfare"), ("325AC0000000144",)),
    # a court's execution: the Civil Execution Act, and the act coordinating it with 滞納処分
    (
        ("強制執行", "執行裁判所", "執行官", "差押命令", "債務名義", "civil execution", "court"),
        ("354AC0000000004", "332AC0000000094"),
    ),
)

SYNONYMS: dict[str, str] = {word: group[0] for group in SYNONYM_GROUPS for word in group[1:]}


def expand_query(text: str) -> str:
    """The question plus the statute words of the officers' phrases it contains."""
    added = [words for phrases, words in EXPANSIONS if any(p in text for p in phrases)]
    lower = text.lower()
    added += [words for phrases, words in ENGLISH_TERMS if any(p in lower for p in phrases)]
    return text if not added else text + " " + " ".join(added)


_TAX_IN_CAPTION = re.compile(r"([^\sのにるはをが、（）()]+?税)に係る")


def tax_names(captions: Iterable[str]) -> tuple[str, ...]:
    """The taxes the captions name (「固定資産税に係る滞納処分」 → 固定資産税), longest first."""
    found = (part for c in captions for m in _TAX_IN_CAPTION.findall(c) for part in re.split("及び|又は", m))
    names = {n for n in found if n.endswith("税") and not n.endswith("課税") and len(n) >= 3}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def taxes_in(text: str, names: Sequence[str]) -> frozenset[str]:
    """The taxes of ``names`` (longest first) that ``text`` names; 軽自動車税 is not 自動車税."""
    found: list[str] = []
    for name in names:
        if name in text and not any(name in longer for longer in found):
            found.append(name)
    return frozenset(found)


def domain_laws(text: str) -> tuple[str, ...]:
    """The laws a question's domain words point to (empty when none)."""
    out: list[str] = []
    text = text.lower()
    for words, sources in DOMAIN_HINTS:
        if any(w in text for w in words):
            out += [s for s in sources if s not in out]
    return tuple(out)


def law_names(extra: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(name or abbreviation, source_id), longest first so 国税徴収法施行令 wins over 国税徴収法.

    ``extra`` adds names of statutes the office added (source_id → name).
    """
    pairs = []
    for source_id, (name, abbrevs) in LAWS.items():
        pairs.append((name, source_id))
        pairs += [(a, source_id) for a in abbrevs]
    for source_id, name in (extra or {}).items():
        pairs.append((name, source_id))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def find_law(text: str, extra: dict[str, str] | None = None) -> tuple[str, int, int] | None:
    """The first law named in ``text`` (full name or abbreviation) as (source_id, start, end)."""
    best: tuple[str, int, int] | None = None
    text = text.lower()  # English names in any case (「National Tax Collection Act」)
    for name, source_id in law_names(extra):
        pos = text.find(name.lower())
        if pos < 0:
            continue
        if best is None or pos < best[1] or (pos == best[1] and pos + len(name) > best[2]):
            best = (source_id, pos, pos + len(name))
    return best
