"""Law names, their abbreviations, and the synonyms between officers' words and statute words.

Synonym groups are canonicalised on both sides (documents and queries) by the one tokenizer, so
「給料」 in a question meets 「給与」 in 第七十六条. Only add a group when the words mean the same
thing in collection work — never to make one question pass.
"""

from __future__ import annotations

# source_id → the name as the corpus writes it, and the short names officers use.
LAWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "334AC0000000147": ("国税徴収法", ("徴収法", "徴法")),
    "334CO0000000329": ("国税徴収法施行令", ("徴収法施行令", "徴収令", "徴令")),
    "337M50000040031": ("国税徴収法施行規則", ("徴収法施行規則", "徴収規則", "徴規")),
    "337AC0000000066": ("国税通則法", ("通則法", "通法")),
    "337CO0000000135": ("国税通則法施行令", ("通則法施行令", "通則令")),
    "325AC0000000226": ("地方税法", ("地税法", "地法")),
    "333AC0000000192": ("国民健康保険法", ("国保法",)),
    "332AC0000000094": (
        "滞納処分と強制執行等との手続の調整に関する法律",
        ("滞調法", "滞納処分と強制執行等との手続の調整に関する法律"),
    ),
    "354AC0000000004": ("民事執行法", ("民執法",)),
    "325AC0000000144": ("生活保護法", ("生保法",)),
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
)

SYNONYMS: dict[str, str] = {
    word: group[0] for group in SYNONYM_GROUPS for word in group[1:]
}


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
    for name, source_id in law_names(extra):
        pos = text.find(name)
        if pos < 0:
            continue
        if best is None or pos < best[1] or (pos == best[1] and pos + len(name) > best[2]):
            best = (source_id, pos, pos + len(name))
    return best
