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
from retrieval.numerals import int_to_kanji

_NUMBERED = re.compile(r"^[0-9０-９]+[ \u3000]")
_ITEM_NUMBERED = re.compile(r"^[\u3000 ]*[一二三四五六七八九十]+[ \u3000]")
_CARRIES_ON = ("この場合において", "ただし", "但し")
ITEM_INDENT = "\u3000"


def _paragraph(number: int | None, text: str) -> str:
    lines = text.splitlines()
    head = lines[0]
    out = [head if number is None or _NUMBERED.match(head) else f"{number} {head}"]
    item = 0
    for line in lines[1:]:
        stripped = line.strip()
        if (
            stripped.endswith("。")
            or stripped.startswith(_CARRIES_ON)
            or _ITEM_NUMBERED.match(line)
        ):
            out.append(line)  # a later sentence of the paragraph, or an item already numbered
            continue
        item += 1
        out.append(f"{ITEM_INDENT}{int_to_kanji(item)} {stripped}")
    return "\n".join(out)


def numbered_paragraphs(text: str) -> list[str]:
    """The paragraphs of a statute's text, numbered (an article of one paragraph keeps it
    unnumbered, as the official text does), with their items numbered."""
    parts = paragraphs(text)
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
