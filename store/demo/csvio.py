"""Write CSV files with exactly the data contract's columns and formats.

Booleans become ``1``/``0``, ``None`` an empty cell (unknown), dates ISO ``YYYY-MM-DD``, amounts
whole yen. Files are UTF-8 without BOM with ``\\n`` line ends, so the same rows give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

# file -> (required columns, optional columns), as in docs of the data contract.
CONTRACT_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "areas.csv": (("area_code", "name"), ("lat", "lon")),
    "institutions.csv": (
        ("institution_id", "kind", "name"),
        ("electronic_inquiry", "inquiry_cost_yen"),
    ),
    "branches.csv": (("branch_id", "institution_id", "name", "area_code"), ("lat", "lon")),
    "employers.csv": (("employer_id", "name"), ("area_code", "lat", "lon", "industry")),
    "taxpayers.csv": (
        ("taxpayer_id", "birth_date", "area_code"),
        (
            "name",
            "name_kana",
            "address",
            "household_size",
            "income_salary",
            "income_business",
            "income_pension",
            "income_real_estate",
            "employer_id",
            "fixed_asset_tax",
            "light_vehicle_tax",
            "welfare_recipient",
        ),
    ),
    "cases.csv": (
        ("case_id", "taxpayer_id", "tax_kind", "amount_due", "oldest_due"),
        ("periods", "status", "staff_id", "opened_on"),
    ),
    "notes.csv": (("case_id", "date", "text"), ("staff_id",)),
    "investigations.csv": (
        ("case_id", "date", "target_kind", "result"),
        ("target_id", "amount", "staff_id"),
    ),
    "staff.csv": (
        ("staff_id", "name", "role"),
        ("years_experience", "capacity", "team", "slack_user_id", "teams_user_id"),
    ),
    "work_log.csv": (("case_id", "staff_id", "fiscal_year", "hours"), ("result",)),
}

# The generator's truth, written under ``truth/`` and never among the import files.
TRUTH_COLUMNS: dict[str, tuple[str, ...]] = {
    "holdings.csv": ("taxpayer_id", "target_kind", "target_id", "amount"),
    "case_truth.csv": ("case_id", "effort_hours", "difficulty"),
    "staff_truth.csv": ("staff_id", "speed", "level"),
}


def contract_columns(filename: str) -> tuple[str, ...]:
    required, optional = CONTRACT_COLUMNS[filename]
    return required + optional


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
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([v if type(v) is str else format_cell(v) for v in map(row.get, columns)])
            count += 1
    return count


def write_contract_file(directory: Path, filename: str, rows: Iterable[Mapping[str, Any]]) -> int:
    return write_csv(directory / filename, contract_columns(filename), rows)
