"""Kanji numerals ↔ digits and article labels ↔ article keys (第十五条の七 ↔ ``15-7``)."""

from __future__ import annotations

import re

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

NUMBER = r"[0-9０-９]+|[〇零一二三四五六七八九十百千]+"
# 「条の七」 is a branch number; 「条の2項」 (colloquial for 条2項) names a paragraph, not 条の2.
_ARTICLE_RE = re.compile(
    rf"第?\s*({NUMBER})\s*条((?:\s*の\s*(?:{NUMBER})(?![0-9０-９〇零一二三四五六七八九十百千]|\s*[項号]))*)"
)


def kanji_to_int(text: str) -> int:
    """``百四十一`` → 141, ``二〇`` → 20, ``１４１`` → 141."""
    text = text.translate(_FULLWIDTH).strip()
    if text.isdigit():
        return int(text)
    if all(ch in _DIGITS for ch in text):  # positional: 二〇二五
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a numeral: {text}")
    return total + current


def int_to_kanji(value: int) -> str:
    """141 → ``百四十一``."""
    if value == 0:
        return "〇"
    names = "〇一二三四五六七八九"
    out = ""
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        q, value = divmod(value, unit)
        if q:
            out += ("" if q == 1 else names[q]) + name
    if value:
        out += names[value]
    return out


def article_key(label: str) -> str | None:
    """``第十五条の七`` / ``15条の7`` / ``第76条関係`` → ``15-7`` / ``76``; None when no article."""
    match = _ARTICLE_RE.search(label)
    if not match:
        return None
    parts = [kanji_to_int(match.group(1))]
    parts += [kanji_to_int(n) for n in re.findall(NUMBER, match.group(2) or "")]
    return "-".join(str(p) for p in parts)


def article_label(key: str) -> str:
    """``15-7`` → ``第十五条の七``."""
    nums = [int(p) for p in key.split("-")]
    return "第" + int_to_kanji(nums[0]) + "条" + "".join("の" + int_to_kanji(n) for n in nums[1:])


# English: 「Article 76」「Art. 15-7」「article 76(2)」 (the paragraph in brackets is not the key).
_ENGLISH_RE = re.compile(r"\b(?:article|art\.)\s*([0-9]+(?:-[0-9]+)*)", re.IGNORECASE)


def find_article_keys(text: str) -> list[tuple[int, int, str]]:
    """Every article reference in ``text`` as (start, end, key)."""
    out = []
    for match in _ARTICLE_RE.finditer(text):
        key = article_key(match.group(0))
        if key:
            out.append((match.start(), match.end(), key))
    out += [(m.start(), m.end(), m.group(1)) for m in _ENGLISH_RE.finditer(text)]
    return sorted(out)


_PARAGRAPH_RE = re.compile(rf"\s*(?:の|第)?\s*({NUMBER})\s*項")


def paragraph_after(text: str, end: int) -> int | None:
    """The paragraph named right after an article reference ending at ``end``: 「2項」「の2項」
    「第二項」 → 2; None when none is named."""
    match = _PARAGRAPH_RE.match(text, end)
    return kanji_to_int(match.group(1)) if match else None
