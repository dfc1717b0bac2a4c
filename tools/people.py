"""Staff members by name or ID as a user writes them (「佐藤さん」「佐藤 花子」「A01」)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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


def resolve_staff(written: str, staff: Iterable[N]) -> list[N]:
    """Staff members ``written`` designates: an exact ID first, else every name match."""
    people = list(staff)
    key = HONORIFICS.sub("", _norm(written)).replace(" ", "")
    by_id = [p for p in people if p.staff_id.lower() == key.lower()]
    if by_id:
        return by_id
    return [p for p in people if key and names_match(key, p.name)]
