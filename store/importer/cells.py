"""Cell converters: one per column kind. Each returns the value or raises :class:`BadCell`."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from store.importer.spec import Column

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Bidirectional controls (U+202E "right-to-left override" and kin) make a name display as
# something else; no export needs them.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# An ID is a code: no spaces or controls, and no leading = + - @ (a spreadsheet formula).
_BAD_ID = re.compile(r"^[=+\-@]|[\s\x00-\x1f\x7f]")
# Every date of the contract is a past event (birth, due date, note, inquiry): a date before
# 1900 or more than ten years ahead is an export error (9999-12-31 for "unknown", say).
FIRST_DATE = dt.date(1900, 1, 1)
FUTURE_YEARS = 10
# No integer column may exceed this, whatever its own range (the store's integers are 64-bit).
MAX_INT = 10**15
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class BadCell(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def normalise(raw: str) -> str:
    """Strip, and fold full-width digits and letters (NFKC) in codes, numbers and dates."""
    s = raw.strip()
    return s if s.isascii() else unicodedata.normalize("NFKC", s).strip()


def _range(col: Column, value: float, shown: str) -> None:
    if col.low is not None and value < col.low:
        if col.low == 0:
            raise BadCell("import.negative", value=shown)
        raise BadCell("import.out_of_range", value=shown, low=_fmt(col.low), high=_fmt(col.high))
    if col.high is not None and value > col.high:
        raise BadCell("import.out_of_range", value=shown, low=_fmt(col.low), high=_fmt(col.high))


def _fmt(bound: float | None) -> str:
    if bound is None:
        return ""
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def to_id(col: Column, s: str) -> str:
    return s


def to_text(col: Column, raw: str) -> str:
    return raw.strip().replace("\r\n", "\n").replace("\r", "\n")


def to_date(col: Column, s: str) -> dt.date:
    if not _DATE.fullmatch(s):
        raise BadCell("import.bad_date", value=s)
    try:
        value = dt.date.fromisoformat(s)
    except ValueError:
        raise BadCell("import.bad_date", value=s) from None
    last = dt.date.today() + dt.timedelta(days=round(365.25 * FUTURE_YEARS))
    if not FIRST_DATE <= value <= last:
        raise BadCell("import.date_out_of_range", value=s, low=FIRST_DATE.isoformat(), high=last.isoformat())
    return value


def to_int(col: Column, s: str) -> int:
    if not _INT.fullmatch(s):
        raise BadCell("import.bad_int", value=s)
    if len(s) > 20 or abs(value := int(s)) > MAX_INT:
        raise BadCell("import.too_large", column=col.name)
    _range(col, value, s)
    return value


def to_float(col: Column, s: str) -> float:
    if not _FLOAT.fullmatch(s):
        raise BadCell("import.bad_number", value=s)
    value = float(s)
    if not math.isfinite(value):
        raise BadCell("import.bad_number", value=s)
    _range(col, value, s)
    return value


def to_bool(col: Column, s: str) -> bool:
    if s == "1":
        return True
    if s == "0":
        return False
    raise BadCell("import.bad_bool", value=s)


def to_enum(col: Column, s: str) -> str:
    value = s.lower()
    if value not in col.choices:
        raise BadCell("import.bad_enum", value=s, allowed=" / ".join(col.choices))
    return value


CONVERTERS: dict[str, Callable[[Column, str], Any]] = {
    "id": to_id,
    "text": to_text,
    "date": to_date,
    "int": to_int,
    "float": to_float,
    "bool": to_bool,
    "enum": to_enum,
}


def convert(col: Column, raw: str) -> Any:
    """The typed value of one cell; an empty cell is the column's default (NULL)."""
    return converter(col)(raw)


def converter(col: Column) -> Callable[[str], Any]:
    """A fast one-argument converter for the cells of ``col`` (built once per file)."""
    required, default = col.required, col.default

    def empty() -> Any:
        if required:
            raise BadCell("import.required_value")
        return default

    if col.kind == "text":

        def text(raw: str) -> Any:
            s = raw.strip()
            if not s:
                return empty()
            if not s.isascii() and _BIDI.search(s):
                raise BadCell("import.bidi_control")
            return s.replace("\r\n", "\n").replace("\r", "\n") if "\r" in s else s

        return text

    if col.kind == "id":

        def ident(raw: str) -> Any:
            s = raw.strip()
            if not s.isascii():
                if _BIDI.search(s):
                    raise BadCell("import.bidi_control")
                s = unicodedata.normalize("NFKC", s).strip()
            if not s:
                return empty()
            if _BAD_ID.search(s):
                raise BadCell("import.bad_id", value=s)
            return s

        return ident

    typed = CONVERTERS[col.kind]

    def other(raw: str) -> Any:
        s = raw.strip()
        if not s.isascii():
            s = unicodedata.normalize("NFKC", s).strip()
        if not s:
            return empty()
        return typed(col, s)

    return other
