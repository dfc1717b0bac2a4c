"""A statute's text laid out for reading: each paragraph (項) with its number, each item (号)
with its kanji number, as the official text prints them:

    1 給料、賃金…差し押えることができない。
    この場合において、…計算するものとする。
    一 所得税法第百八十三条…に相当する金額
    …
    五 その給料等の金額から前各号に掲げる金額の合計額を控除した金額の百分の二十…
    2 給料等に基き支払を受けた金銭は、…

The corpus's copies of most statutes lost these numbers (地方税法 kept its paragraph numbers).
The paragraphs are those of :func:`retrieval.cite.paragraphs`, so 「76条2項」 (the paragraph a
question names) is the paragraph numbered 2 here. Display only: nothing here ranks."""

from __future__ import annotations

import re

from retrieval.cite import paragraphs
from retrieval.numerals import int_to_kanji, kanji_to_int

_NUMBERED = re.compile(r"^[0-9０-９]+[ \u3000]")
_ITEM_NUMBERED = re.compile(r"^[\u3000 ]*[一二三四五六七八九十]+[ \u3000]")
_SUB_ITEM = re.compile(r"^[\u3000 ]*[イロハニホヘトチリヌルヲワカヨタレソツネナラム][ \u3000]")
_CARRIES_ON = ("この場合において", "ただし", "但し")
ITEM_INDENT = "\u3000"


# What introduces items: 「次に掲げる金額」「次の各号のいずれか」「左に掲げる者」; and (strictly)
# what always does, so that its paragraph must have items.
_LEAD_IN = re.compile(r"次に|次の|左に|左の|各号")
_STRICT_LEAD_IN = re.compile(r"次に掲げる|次の各号|次のいずれか|左に掲げる|左の各号")
_PAIRED = re.compile(r"(各号|第[一二三四五六七八九十]+号)に定める|それぞれ当該各号")
# 「第十三号」 naming an item (not a law's number: 「法律第七十号」「政令第三号」)
_ITEM_REF = re.compile(
    r"(?<!法律)(?<!政令)(?<!省令)(?<!規則)(?<!告示)第([一二三四五六七八九十]+)号"
)


def _is_item(line: str) -> bool:
    """A line of a paragraph after its first that is an item (号): one not ending a sentence."""
    stripped = line.strip()
    return not (
        stripped.endswith("。")
        or stripped.startswith(_CARRIES_ON)
        or _ITEM_NUMBERED.match(line)
        or _SUB_ITEM.match(line)
        or stripped.startswith("|")  # a row of a table
    )


def _plausible(parts: list[str]) -> bool:
    """Whether the paragraphs read from the text are the article's: every paragraph with items
    introduces them (「次に掲げる」). A definitions article whose terms and definitions lost their
    layout (「国税」 / 「国が課する税…をいう。」) reads as items and paragraphs in turn, and items
    ending in 「。」 read as paragraphs: not so."""
    whole = "".join(parts)
    if _PAIRED.search(whole):
        return False  # items of two parts (「…に掲げる者」 and 「当該各号に定める者」) lost their pairing
    most = max((sum(_is_item(ln) for ln in p.splitlines()[1:]) for p in parts), default=0)
    if any(kanji_to_int(m.group(1)) > most for m in _ITEM_REF.finditer(whole)):
        return False  # 「第十三号」 named but fewer items in the copy: one was lost
    for part in parts:
        lines = part.splitlines()
        items = [ln for ln in lines[1:] if _is_item(ln)]
        rest = [ln for ln in lines if ln not in items]
        if items and not any(_LEAD_IN.search(ln) for ln in rest):
            return False
        if not items and any(_STRICT_LEAD_IN.search(ln) for ln in rest):
            return False  # items that end in 「。」 read as paragraphs: 「…すること。」
    return True


def _paragraph(number: int | None, text: str) -> str:
    lines = text.splitlines()
    head = lines[0]
    out = [head if number is None or _NUMBERED.match(head) else f"{number} {head}"]
    item = 0
    for line in lines[1:]:
        if _SUB_ITEM.match(line):  # 「イ …」 of the item before
            out.append(f"{ITEM_INDENT * 2}{line.strip()}")
            continue
        if not _is_item(line):
            out.append(line)  # a later sentence of the paragraph, or an item already numbered
            continue
        item += 1
        out.append(f"{ITEM_INDENT}{int_to_kanji(item)} {line.strip()}")
    return "\n".join(out)


def numbered_paragraphs(text: str) -> list[str]:
    """The paragraphs of a statute's text, numbered (an article of one paragraph keeps it
    unnumbered, as the official text does), with their items numbered; the paragraphs as they
    are when the text's layout does not tell them apart reliably."""
    parts = paragraphs(text)
    if not _plausible(parts):
        return parts
    single = len(parts) == 1
    return [_paragraph(None if single else i, part) for i, part in enumerate(parts, start=1)]


def numbered_text(text: str) -> str:
    """The whole article laid out (every 項 and 号 numbered)."""
    return "\n".join(numbered_paragraphs(text))


def numbered_part(text: str, part: str) -> str:
    """``part`` (one paragraph of ``text``) with the numbers it has in the whole article;
    ``part`` as it is when it is not one of the article's paragraphs."""
    parts = paragraphs(text)
    stripped = part.strip()
    for i, p in enumerate(parts):
        if p.strip() == stripped:
            return numbered_paragraphs(text)[i]
    return part
