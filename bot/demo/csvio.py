"""Write CSV files with exactly the data contract's columns and formats.

Booleans become ``1``/``0``, ``None`` an empty cell (unknown), dates ISO ``YYYY-MM-DD``, amounts
whole yen. Files are UTF-8 without BOM with ``\\n`` line ends, so the same rows give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from store.csvfile import SafeWriter
from store.importer.spec import BY_NAME

# The generator's truth, written under ``truth/`` and never among the import files.
TRUTH_COLUMNS: dict[str, tuple[str, ...]] = {
    "holdings.csv": ("taxpayer_id", "target_kind", "target_id", "amount"),
    "odds.csv": ("taxpayer_id", "target_kind", "target_id", "probability"),
    "case_truth.csv": ("case_id", "effort_hours", "difficulty"),
    "staff_truth.csv": ("staff_id", "speed", "level"),
    "hardship_truth.csv": ("taxpayer_id", "hardship", "welfare"),
}


def contract_columns(filename: str) -> tuple[str, ...]:
    """The contract's columns of ``filename``, in the importer's order (one definition)."""
    return tuple(column.name for column in BY_NAME[filename].columns)


def format_cell(value: Any) -> str:
    """One cell in the contract's form."""
    kind = type(value)
    if kind is str:
        return value
    if value is None:
        return ""
    if kind is bool:
        return "1" if value else "0"
    if kind is int:
        return str(value)
    if kind is float:
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ``rows`` (mappings; missing keys are unknown) under ``columns``; return the row count."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = SafeWriter(fh)  # the one CSV writer (formula cells neutralised)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([v if type(v) is str else format_cell(v) for v in map(row.get, columns)])
            count += 1
    return count


def write_contract_file(directory: Path, filename: str, rows: Iterable[Mapping[str, Any]]) -> int:
    return write_csv(directory / filename, contract_columns(filename), rows)
