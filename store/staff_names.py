"""Who a name or staff ID as written means: the one resolver of the router (over its lexicon)
and the store (``crud.find_staff_by_name_or_id``, over the staff table), so that the staff
member the router accepted is the one the tool acts on, and a name two people share is asked
back in both places."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

from store.romaji import romaji_key

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


def resolve_staff(written: str, roster: Sequence[S], *, reading: Reading | None = None) -> list[S]:
    """Every member of ``roster`` the words could mean, best first (several → ask which).

    An exact staff ID wins; then an exact full name (spaces, width and さん etc. ignored); then
    a family or given name; then any name containing the words; then, for words in Latin
    letters and when ``reading`` gives each name's reading (「木村 葵」 → 「キムラ アオイ」), the
    names read so ("Kimura", "Aoi Kimura", "Suzuki-san"). Empty when nothing fits.
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
    contained = [s for s in roster if wanted in fold(s.name)]
    if contained or reading is None or not (is_latin(raw) or is_kana(raw)):
        return contained
    return by_romaji(raw, roster, reading)


# A name → its reading in kana, family and given name apart (「木村 葵」 → 「キムラ アオイ」).
Reading = Callable[[str], str]
_LATIN_HONORIFIC = re.compile(r"[\s-]*(san|sama|kun|chan)$", re.I)


def is_latin(text: str) -> bool:
    """Latin letters and no Japanese: a name written in romaji."""
    return any("a" <= ch.lower() <= "z" for ch in text) and not any(ord(ch) > 0x2FFF for ch in text)


def is_kana(text: str) -> bool:
    """Kana only (「すずき」「スズキ」): a name written as it reads."""
    return bool(text) and all("\u3041" <= ch <= "\u30fa" or ch == "ー" for ch in text)


@lru_cache(maxsize=8192)
def romaji_keys(name: str, reading: Reading) -> tuple[frozenset[str], frozenset[str]]:
    """The loose romaji keys (``store.romaji.romaji_key``) of a name: of the whole name in either
    order ("kimuraoi", "aoikimura"), and of each part ("kimura", "aoi")."""
    parts = [romaji_key(p) for p in _SPACES.split(reading(name).strip()) if p]
    return frozenset({romaji_key("".join(parts)), romaji_key("".join(reversed(parts)))}), frozenset(parts)


def strip_latin_honorific(written: str) -> str:
    """"Suzuki-san" → "Suzuki"."""
    return _LATIN_HONORIFIC.sub("", written.strip())


def by_romaji(written: str, roster: Sequence[S], reading: Reading) -> list[S]:
    """The members whose name reads as ``written`` (Latin letters or kana): a whole name first,
    then a family or given name (two 吉田 → both, to ask which)."""
    wanted = romaji_key(strip_latin_honorific(written))
    if len(wanted) < 2:
        return []
    whole: list[S] = []
    part: list[S] = []
    for member in roster:
        full, parts = romaji_keys(member.name, reading)
        if wanted in full:
            whole.append(member)
        elif wanted in parts:
            part.append(member)
    return whole or part
