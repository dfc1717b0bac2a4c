"""The data contract's import files as data: columns, their types, keys and references."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from store.models import (
    ACTION_KINDS,
    CASE_STATUSES,
    CONTRACT_SURFACES,
    INSTITUTION_KINDS,
    INVESTIGATION_RESULTS,
    STAFF_ROLES,
    TARGET_KINDS,
    WORK_RESULTS,
)

Kind = Literal["id", "text", "date", "int", "float", "bool", "enum"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = False
    ref: str | None = None  # file whose key this column names
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    default: object = None  # value for an empty cell
    surface: str | None = None  # a chat surface's user id: imported as an identity row, not a column


@dataclass(frozen=True)
class FileSpec:
    name: str  # file name in the import directory
    table: str  # table name in the store
    columns: tuple[Column, ...]
    key: str | None = None  # primary-key column; None = rows are identified by their content
    required: bool = False
    column_map: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_map", {c.name: c for c in self.columns})

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def table_columns(self) -> tuple[Column, ...]:
        """The columns stored in the file's table (not the identity columns)."""
        return tuple(c for c in self.columns if c.surface is None)

    @property
    def identity_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.surface is not None)


def _lat(name: str) -> Column:
    return Column(name, "float", low=-90, high=90)


def _lon(name: str) -> Column:
    return Column(name, "float", low=-180, high=180)


MAX_YEN = 10**12  # a trillion yen: above it, an amount is an export error, not a tax debt


def _yen(name: str, *, required: bool = False, signed: bool = False) -> Column:
    return Column(name, "int", required=required, low=-MAX_YEN if signed else 0, high=MAX_YEN)


AREAS = FileSpec(
    "areas.csv",
    "area",
    (Column("area_code", "id", True), Column("name", "text", True), _lat("lat"), _lon("lon")),
    key="area_code",
)
INSTITUTIONS = FileSpec(
    "institutions.csv",
    "institution",
    (
        Column("institution_id", "id", True),
        Column("kind", "enum", True, choices=INSTITUTION_KINDS),
        Column("name", "text", True),
        Column("electronic_inquiry", "bool"),
        _yen("inquiry_cost_yen"),
    ),
    key="institution_id",
)
BRANCHES = FileSpec(
    "branches.csv",
    "branch",
    (
        Column("branch_id", "id", True),
        Column("institution_id", "id", True, ref="institutions.csv"),
        Column("name", "text", True),
        Column("area_code", "id", True, ref="areas.csv"),
        _lat("lat"),
        _lon("lon"),
    ),
    key="branch_id",
)
EMPLOYERS = FileSpec(
    "employers.csv",
    "employer",
    (
        Column("employer_id", "id", True),
        Column("name", "text", True),
        Column("area_code", "id", ref="areas.csv"),
        _lat("lat"),
        _lon("lon"),
        Column("industry", "text"),
    ),
    key="employer_id",
)


def identity_column_name(surface: str) -> str:
    return f"{surface}_user_id"


def staff_spec(surfaces: Sequence[str]) -> FileSpec:
    """staff.csv with one ``<surface>_user_id`` column per chat surface (into StaffIdentity rows)."""
    return FileSpec(
        "staff.csv",
        "staff",
        (
            Column("staff_id", "id", True),
            Column("name", "text", True),
            Column("role", "enum", True, choices=STAFF_ROLES),
            Column("years_experience", "float", low=0, high=60),
            Column("capacity", "int", low=0, high=100_000),
            Column("team", "text"),
            *(Column(identity_column_name(s), "id", surface=s) for s in surfaces),
        ),
        key="staff_id",
    )


STAFF = staff_spec(CONTRACT_SURFACES)  # the contract's columns (importing reads ``files_for``)
TAXPAYERS = FileSpec(
    "taxpayers.csv",
    "taxpayer",
    (
        Column("taxpayer_id", "id", True),
        Column("birth_date", "date", True),
        Column("area_code", "id", True, ref="areas.csv"),
        Column("name", "text"),
        Column("name_kana", "text"),
        Column("address", "text"),
        Column("household_size", "int", low=1, high=99),
        _yen("income_salary"),
        _yen("income_business", signed=True),  # business and rental income can be a loss
        _yen("income_pension"),
        _yen("income_real_estate", signed=True),
        Column("employer_id", "id", ref="employers.csv"),
        Column("fixed_asset_tax", "bool"),
        Column("light_vehicle_tax", "bool"),
        Column("welfare_recipient", "bool"),
    ),
    key="taxpayer_id",
    required=True,
)
CASES = FileSpec(
    "cases.csv",
    "case",
    (
        Column("case_id", "id", True),
        Column("taxpayer_id", "id", True, ref="taxpayers.csv"),
        Column("tax_kind", "text", True),
        _yen("amount_due", required=True),
        Column("oldest_due", "date", True),
        Column("periods", "int", low=0, high=10_000),
        Column("status", "enum", choices=CASE_STATUSES, default="open"),
        Column("staff_id", "id", ref="staff.csv"),
        Column("opened_on", "date"),
    ),
    key="case_id",
    required=True,
)
NOTES = FileSpec(
    "notes.csv",
    "note",
    (
        Column("case_id", "id", True, ref="cases.csv"),
        Column("date", "date", True),
        Column("text", "text", True),
        Column("staff_id", "id", ref="staff.csv"),
    ),
)
INVESTIGATIONS = FileSpec(
    "investigations.csv",
    "investigation",
    (
        Column("case_id", "id", True, ref="cases.csv"),
        Column("date", "date", True),
        Column("target_kind", "enum", True, choices=TARGET_KINDS),
        Column("result", "enum", True, choices=INVESTIGATION_RESULTS),
        Column("target_id", "id"),  # checked against target_kind (see validate.py)
        _yen("amount"),
        Column("staff_id", "id", ref="staff.csv"),
    ),
)
WORK_LOG = FileSpec(
    "work_log.csv",
    "worklog",
    (
        Column("case_id", "id", True, ref="cases.csv"),
        Column("staff_id", "id", True, ref="staff.csv"),
        Column("fiscal_year", "int", True, low=1900, high=2100),
        Column("hours", "float", True, low=0, high=10000),
        Column("result", "enum", choices=WORK_RESULTS),
    ),
)
ACTIONS = FileSpec(
    "actions.csv",
    "action",
    (
        Column("case_id", "id", True, ref="cases.csv"),
        Column("date", "date", True),
        Column("action", "enum", True, choices=ACTION_KINDS),
        _yen("amount"),
        Column("staff_id", "id", ref="staff.csv"),
        Column("note", "text"),
    ),
)

# In load order: a file comes after every file it refers to.
FILES: tuple[FileSpec, ...] = (
    AREAS,
    INSTITUTIONS,
    BRANCHES,
    EMPLOYERS,
    STAFF,
    TAXPAYERS,
    CASES,
    NOTES,
    INVESTIGATIONS,
    WORK_LOG,
    ACTIONS,
)
BY_NAME: dict[str, FileSpec] = {f.name: f for f in FILES}


@lru_cache(maxsize=8)
def files_for(surfaces: tuple[str, ...]) -> tuple[FileSpec, ...]:
    """:data:`FILES` with staff.csv reading the user ids of ``surfaces`` (those the store knows:
    ``files_for(store.models.chat_surfaces())``)."""
    if surfaces == CONTRACT_SURFACES:
        return FILES
    staff = staff_spec(surfaces)
    return tuple(staff if f.name == "staff.csv" else f for f in FILES)


EMPLOYER_TARGETS = ("salary",)
