"""The case number, one rule for every layer: the router's entities, the tools' argument schemas,
the engines' services and the CLI.

「010014」「０１００１４」「＃010014」「No.010014」「案件010014」「010014番」 → "010014": NFKC (全角 to
ASCII), a leading 「#」「No.」「案件」「番号」 and a trailing 「番」 dropped, digits only, leading
zeros kept (a case number is a string, never an int)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator

from store.errors import InvalidInput

MAX_LENGTH = 40
_PREFIX = re.compile(r"^(?:#|No\.?|案件(?:番号)?|番号)\s*", re.I)
_SUFFIX = re.compile(r"\s*番$")
_DIGITS = re.compile(r"[0-9]+")


def parse_case_id(raw: str) -> str:
    """The case number written in ``raw``; InvalidInput (recommend.bad_case_id) when it is none."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = _SUFFIX.sub("", _PREFIX.sub("", text)).strip()
    if len(text) > MAX_LENGTH or not _DIGITS.fullmatch(text):
        raise InvalidInput("recommend.bad_case_id", case_id=raw)
    return text


def _validate(value: str) -> str:
    try:
        return parse_case_id(value)
    except InvalidInput:
        raise ValueError("case_id must be digits") from None


# A case number in a pydantic schema (tool arguments): parsed by :func:`parse_case_id`.
CaseId = Annotated[str, AfterValidator(_validate)]


# --- near misses: 「10014」 when the office's numbers are 「010014」 ----------------------------


def case_key(case_id: str) -> str:
    """A case number without its leading zeros (「010014」 and 「10014」 share the key 「10014」)."""
    return case_id.lstrip("0")


def near_keys(written: str) -> set[str]:
    """The keys of every number at most one slip from ``written``: leading zeros added or
    dropped, one digit changed, missing or extra, two neighbours swapped. A store looks cases
    up by these keys (``crud.cases_with_keys``); :func:`suggest_case_ids` then ranks them."""
    try:
        key = case_key(parse_case_id(written))
    except InvalidInput:
        return set()
    digits = "0123456789"
    keys = {key}
    for i in range(len(key) + 1):
        keys.update(key[:i] + d + key[i:] for d in digits)  # a digit missing
        if i < len(key):
            keys.add(key[:i] + key[i + 1 :])  # an extra digit
            keys.update(key[:i] + d + key[i + 1 :] for d in digits)  # a digit off
        if i + 1 < len(key):
            keys.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])  # two swapped
    return {case_key(k) for k in keys if case_key(k)}


def _slip(a: str, b: str) -> int | None:
    """How ``b`` differs from ``a`` (both keys): 0 the same, 1 two neighbours swapped, 2 one digit
    off, 3 one digit missing or extra; None when further apart."""
    if a == b:
        return 0
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return 2
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return 1
        return None
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1:
        return None
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return 3 if short[i:] == long[i + 1 :] else None


def suggest_case_ids(written: str, visible: Iterable[str], limit: int = 3) -> list[str]:
    """The case numbers among ``visible`` (those the user may see) that ``written`` most likely
    meant, best first: the same number with leading zeros added or dropped (10014 → 010014),
    then two neighbouring digits swapped, one digit off, one digit missing or extra. ``written``
    itself is never suggested; when the same number with other zeros is there, only it is; empty
    when nothing is one slip away."""
    try:
        exact = parse_case_id(written)
    except InvalidInput:
        return []
    key = case_key(exact)
    if not key:
        return []
    ranked: list[tuple[int, int, str]] = []
    for case_id in dict.fromkeys(visible):
        if case_id == exact:
            continue
        slip = _slip(key, case_key(case_id))
        if slip is not None:
            ranked.append((slip, abs(len(case_id) - len(exact)), case_id))
    ranked.sort()
    if ranked and ranked[0][0] == 0:  # the same number but for its zeros: no other guess
        ranked = [r for r in ranked if r[0] == 0]
    return [case_id for *_, case_id in ranked[:limit]]
