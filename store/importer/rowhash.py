"""Content hashes of the rows the contract identifies by their full content.

Anything that writes such a row (the importer, ``record_result``) must use these functions, so
that the same fact recorded twice, or imported after being recorded, is stored once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

# Columns hashed per table, in this order; changing them changes every hash.
HASHED_COLUMNS: dict[str, tuple[str, ...]] = {
    "note": ("case_id", "date", "text", "staff_id"),
    "investigation": (
        "case_id",
        "date",
        "target_kind",
        "target_id",
        "result",
        "amount",
        "staff_id",
    ),
    "worklog": ("case_id", "staff_id", "fiscal_year", "hours", "result"),
    "action": ("case_id", "date", "action", "amount", "staff_id", "note"),
}


_NULL = "\x00"  # cannot occur in imported text (control characters are refused)
_SEP = "\x1f"


def _canonical(value: Any) -> str:
    if value is None:
        return _NULL
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)  # str, int, and dates as ISO YYYY-MM-DD


def row_hash(table: str, values: dict[str, Any]) -> str:
    """The hash of ``values`` over the hashed columns of ``table`` (absent = NULL)."""
    return hash_tuple(table, [values.get(c) for c in HASHED_COLUMNS[table]])


def hash_tuple(table: str, values: Sequence[Any]) -> str:
    payload = _SEP.join([table, *map(_canonical, values)])
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def investigation_row_hash(
    *,
    case_id: str,
    date: dt.date,
    target_kind: str,
    target_id: str | None,
    result: str,
    amount: int | None = None,
    staff_id: str | None = None,
) -> str:
    return hash_tuple(
        "investigation", [case_id, date, target_kind, target_id, result, amount, staff_id]
    )
