"""Text normalisation and case numbers in every form officers type.

「010014」「０１００１４」「No.010014」「案件010014」「＃010014」「010014番」 → "010014" (leading zeros kept):
this module finds the numbers in a sentence; what a case number is, is ``store.ids``.
"""

from __future__ import annotations

import re
import unicodedata

from store.errors import InvalidInput
from store.ids import parse_case_id

# A run of 3+ digits that is not part of an amount, a date, a decimal or an ID like "S012".
_CASE_RE = re.compile(
    r"(?:(?<=No\.)|(?<=No)|(?<=NO\.)|(?<=NO)|(?<=no\.)|(?<=#)|(?<=案件)|(?<=番号)|(?<![A-Za-z0-9.]))"
    r"(\d{3,})"
    r"(?![\d.]|\s*(?:円|万|千|億|年|月|日|%|件|時間|歳|人|条|号|項))"
)
_ARTICLE_RE = re.compile(r"第?\d+条")


def normalize(text: str) -> str:
    """NFKC, unified spaces and dashes, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u3000", " ").replace("ー", "ー")
    return re.sub(r"\s+", " ", text).strip()


def case_ids(text: str) -> list[str]:
    """Case numbers in normalised ``text``, in order, without duplicates."""
    found: list[str] = []
    for m in _CASE_RE.finditer(text):
        try:
            case_id = parse_case_id(m.group(1))
        except InvalidInput:  # digits of another script
            continue
        if case_id not in found:
            found.append(case_id)
    return found


def mask(text: str) -> str:
    """What the intent classifier sees: digits collapsed so numbers do not look like words."""
    return re.sub(r"\d+", "0", text.lower())
