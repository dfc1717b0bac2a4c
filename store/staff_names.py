"""Who a name or staff ID as written means: the one resolver of the router (over its lexicon)
and the store (``crud.find_staff_by_name_or_id``, over the staff table), so that the staff
member the router accepted is the one the tool acts on, and a name two people share is asked
back in both places."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, TypeVar

_HONORIFICS = ("さん", "様", "さま", "くん", "君", "ちゃん", "係長", "主任", "主査", "課長")
_SPACES = re.compile(r"\s+")


class Named(Protocol):
    @property
    def staff_id(self) -> str: ...

    @property
    def name(self) -> str: ...


S = TypeVar("S", bound=Named)


def fold(text: str) -> str:
    """Compare names ignoring width, case, spaces and a trailing honorific."""
    s = _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()
    for suffix in _HONORIFICS:
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    return s


def resolve_staff(written: str, roster: Sequence[S]) -> list[S]:
    """Every member of ``roster`` the words could mean, best first (several → ask which).

    An exact staff ID wins; then an exact full name (spaces, width and さん etc. ignored); then
    a family or given name; then any name containing the words. Empty when nothing fits.
    """
    raw = unicodedata.normalize("NFKC", written).strip()
    if not raw:
        return []
    for staff_id in (raw, raw.upper()):
        by_id = [s for s in roster if s.staff_id == staff_id]
        if by_id:
            return by_id[:1]
    wanted = fold(raw)
    if not wanted:
        return []
    full = [s for s in roster if fold(s.name) == wanted]
    if full:
        return full
    part = [s for s in roster if wanted in (fold(p) for p in _SPACES.split(unicodedata.normalize("NFKC", s.name).strip()))]
    if part:
        return part
    return [s for s in roster if wanted in fold(s.name)]
