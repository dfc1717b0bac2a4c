"""Staff members by name or ID as a user writes them (「佐藤さん」「佐藤 花子」「A01」)."""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol, TypeVar

HONORIFICS = re.compile(r"(さん|様|氏|君|くん|ちゃん|係長|主任)$")


class Named(Protocol):
    staff_id: str
    name: str


N = TypeVar("N", bound=Named)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def names_match(written: str, name: str) -> bool:
    """``written`` (no spaces, no honorific) is the full name or the family name."""
    full = _norm(name)
    family = full.split(" ")[0]
    return written in (full.replace(" ", ""), family) or (
        " " not in full and len(written) >= 2 and full.startswith(written)
    )

