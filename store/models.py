"""SQLModel tables: every entity of the data contract plus the assistant's own records.

Imported entities keep the contract's column names. Rows that the contract de-duplicates by
their full content (notes, investigations, work log) carry ``row_hash``, unique.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

INSTITUTION_KINDS = (
    "bank",
    "post_bank",
    "credit_union",
    "online_bank",
    "ja_bank",
    "life_insurer",
    "securities",
)
DEPOSIT_KINDS = ("bank", "post_bank", "credit_union", "online_bank", "ja_bank")
# Which target kind an inquiry to an institution of each kind is about.
TARGET_OF_INSTITUTION_KIND = {
    **{kind: "deposit" for kind in DEPOSIT_KINDS},
    "life_insurer": "life_insurance",
    "securities": "securities",
}
TARGET_KINDS = (
    "deposit",
    "life_insurance",
    "securities",
    "salary",
    "pension",
    "real_estate",
    "vehicle",
    "receivable",
)
# The target kinds named by an institution, each with the institution kinds it may name.
INSTITUTION_TARGETS: dict[str, tuple[str, ...]] = {
    target: tuple(k for k in INSTITUTION_KINDS if TARGET_OF_INSTITUTION_KIND[k] == target)
    for target in ("deposit", "life_insurance", "securities")
}
CASE_STATUSES = ("open", "suspended", "closed")
STAFF_ROLES = ("staff", "supervisor")
WORK_RESULTS = ("paid_full", "installment", "seized", "suspended", "ongoing")
INVESTIGATION_RESULTS = ("found", "not_found")
# actions.csv: 督促, 催告, 納付, 分納誓約, 差押, 差押解除, 執行停止, 執行停止の取消, 猶予 and its end.
ACTION_KINDS = (
    "demand",
    "reminder",
    "payment",
    "pledge",
    "seizure",
    "seizure_released",
    "suspension",
    "suspension_revoked",
    "deferral",
    "deferral_end",
)
# The chat surfaces the data contract names (staff.csv's slack_user_id / teams_user_id).
CONTRACT_SURFACES = ("slack", "teams")
# Where a chat turn, a change or an audit row came from: the assistant's own origins, and the chat
# surfaces. ``bot.surfaces`` registers each of its surfaces here (``register_surface``); the
# contract's are known without it. Every chat surface may carry staff identities.
ORIGINS = ("cli", "web", "import", "system")
SURFACES: list[str] = ["cli", "web", *CONTRACT_SURFACES, "import", "system"]


def register_surface(name: str) -> None:
    """Know ``name`` (lower-case ASCII) as a chat surface, listed after the others."""
    if not name.isascii() or not name.isidentifier() or name != name.lower():
        raise ValueError(f"a surface is named in lower-case ASCII, not {name!r}")
    if name not in SURFACES:
        SURFACES.insert(SURFACES.index("import"), name)


def unregister_surface(name: str) -> None:
    """Forget a chat surface registered with :func:`register_surface` (tests)."""
    if name in SURFACES and name not in ORIGINS and name not in CONTRACT_SURFACES:
        SURFACES.remove(name)


def chat_surfaces() -> tuple[str, ...]:
    """The chat surfaces known to the store, in order (staff.csv's ``<surface>_user_id`` columns)."""
    return tuple(s for s in SURFACES if s not in ORIGINS)


# Named constraints, so that migrations can alter them on every engine (SQLite batch mode too).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Now, timezone-aware in UTC (SQLModel's datetime columns refuse naive values)."""
    return dt.datetime.now(dt.UTC)


# --- reference data ------------------------------------------------------------------


class Area(SQLModel, table=True):
    area_code: str = Field(primary_key=True)
    name: str
    lat: float | None = None
    lon: float | None = None


class Institution(SQLModel, table=True):
    institution_id: str = Field(primary_key=True)
    kind: str = Field(index=True)
    name: str
    electronic_inquiry: bool | None = None
    inquiry_cost_yen: int | None = None


class Branch(SQLModel, table=True):
    branch_id: str = Field(primary_key=True)
    institution_id: str = Field(foreign_key="institution.institution_id", index=True)
    name: str
    area_code: str = Field(foreign_key="area.area_code", index=True)
    lat: float | None = None
    lon: float | None = None


class Employer(SQLModel, table=True):
    employer_id: str = Field(primary_key=True)
    name: str
    area_code: str | None = Field(default=None, foreign_key="area.area_code", index=True)
    lat: float | None = None
    lon: float | None = None
    industry: str | None = None


class Staff(SQLModel, table=True):
    staff_id: str = Field(primary_key=True)
    name: str = Field(index=True)
    role: str
    years_experience: float | None = None
    capacity: int | None = None
    team: str | None = Field(default=None, index=True)


class StaffIdentity(SQLModel, table=True):
    """A staff member's user id on one chat surface (``slack``, ``teams``, …): who a message from
    that surface comes from. One id names one staff member; one staff member has at most one id
    per surface. staff.csv's ``<surface>_user_id`` columns import into these rows."""

    __table_args__ = (UniqueConstraint("staff_id", "surface"),)

    surface: str = Field(primary_key=True)
    user_id: str = Field(primary_key=True)
    staff_id: str = Field(foreign_key="staff.staff_id")  # indexed by the unique (staff_id, surface)


# --- taxpayers and cases ---------------------------------------------------------------


class Taxpayer(SQLModel, table=True):
    taxpayer_id: str = Field(primary_key=True)
    birth_date: dt.date
    area_code: str = Field(foreign_key="area.area_code", index=True)
    name: str | None = None
    name_kana: str | None = None
    address: str | None = None
    household_size: int | None = None
    income_salary: int | None = None
    income_business: int | None = None
    income_pension: int | None = None
    income_real_estate: int | None = None
    employer_id: str | None = Field(default=None, foreign_key="employer.employer_id", index=True)
    fixed_asset_tax: bool | None = None
    light_vehicle_tax: bool | None = None
    welfare_recipient: bool | None = None


class Case(SQLModel, table=True):
    case_id: str = Field(primary_key=True)
    taxpayer_id: str = Field(foreign_key="taxpayer.taxpayer_id", index=True)
    tax_kind: str
    amount_due: int
    oldest_due: dt.date
    periods: int | None = None
    status: str = Field(default="open", index=True)
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id", index=True)
    opened_on: dt.date | None = None
    # Not imported: a supervisor's lock keeps the case with its assignee during optimisation.
    assignment_locked: bool = False


class Note(SQLModel, table=True):
    """経過記録."""

    __table_args__ = (Index("ix_note_case_date", "case_id", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.case_id")
    date: dt.date
    text: str = Field(sa_column=Column(Text, nullable=False))
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id")
    row_hash: str = Field(unique=True)


class Investigation(SQLModel, table=True):
    """財産調査履歴: imported history and results recorded later by staff."""

    __table_args__ = (
        Index("ix_investigation_target", "target_kind", "target_id"),
        Index("ix_investigation_case_date", "case_id", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.case_id")
    date: dt.date = Field(index=True)
    target_kind: str
    target_id: str | None = None
    result: str
    amount: int | None = None
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id", index=True)
    # Where the row came from: "import", or the surface a staff member recorded it through.
    source: str = "import"
    recorded_by: str | None = None
    recorded_at: dt.datetime | None = None
    row_hash: str = Field(unique=True)
    # "active"; "superseded" (corrected by the row ``superseded_by``) or "undone" (取り消し).
    # Rows are never deleted (the audit keeps them); only active rows reach the recommender.
    state: str = Field(default="active", index=True)
    superseded_by: int | None = None
    changed_by: str | None = None  # who corrected or undid it, and when
    changed_at: dt.datetime | None = None


class WorkLog(SQLModel, table=True):
    """処理実績: hours per case, staff member and fiscal year."""

    __table_args__ = (Index("ix_worklog_staff_year", "staff_id", "fiscal_year"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.case_id", index=True)
    staff_id: str = Field(foreign_key="staff.staff_id")
    fiscal_year: int
    hours: float
    result: str | None = None
    row_hash: str = Field(unique=True)


class Action(SQLModel, table=True):
    """処分・収納の経過 (actions.csv): the events that renew or suspend 消滅時効."""

    __table_args__ = (Index("ix_action_case_date", "case_id", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.case_id")
    date: dt.date
    action: str
    amount: int | None = None
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id")
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    row_hash: str = Field(unique=True)


# --- the assistant's own records ---------------------------------------------------------


class CaseAssignment(SQLModel, table=True):
    """Who held each case when, and who changed it."""

    __table_args__ = (Index("ix_caseassignment_case_changed", "case_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: str = Field(foreign_key="case.case_id")
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id", index=True)
    previous_staff_id: str | None = None
    changed_at: dt.datetime = Field(default_factory=utcnow)
    changed_by: str | None = None  # a staff_id, or None for an import / optimisation run
    surface: str = "import"
    reason: str | None = None


class ChatEvent(SQLModel, table=True):
    """Delivered chat events, to drop retried deliveries."""

    __table_args__ = (UniqueConstraint("surface", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    surface: str
    event_id: str
    received_at: dt.datetime = Field(default_factory=utcnow, index=True)


class ChatRequest(SQLModel, table=True):
    """One accepted chat message of a staff member: the rate limit counts these across every
    replica of the server (rows older than a few minutes are pruned as new ones arrive)."""

    __table_args__ = (Index("ix_chatrequest_staff_at", "staff_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str
    at: dt.datetime = Field(default_factory=utcnow)


class AssignmentPlanRecord(SQLModel, table=True):
    """A supervisor's assignment plan between the optimisation run and its application, kept in
    the store so that any replica of the web server can show, apply or discard it."""

    __table_args__ = (Index("ix_assignmentplanrecord_by_created", "created_by", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    created_by: str  # the supervisor's staff_id
    created_at: dt.datetime = Field(default_factory=utcnow)
    development_weight: float
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    applied_at: dt.datetime | None = None


class Rating(SQLModel, table=True):
    """A staff member's 👍 (+1) / 👎 (-1) on one search hit."""

    id: int | None = Field(default=None, primary_key=True)
    doc_id: str = Field(index=True)
    query: str = Field(sa_column=Column(Text, nullable=False))
    value: int
    staff_id: str | None = Field(default=None, foreign_key="staff.staff_id", index=True)
    surface: str = "web"
    created_at: dt.datetime = Field(default_factory=utcnow)


class DigestSent(SQLModel, table=True):
    """A weekly digest delivered to a staff member: `choshu digest --send` sends one per ISO week."""

    __table_args__ = (UniqueConstraint("staff_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str = Field(foreign_key="staff.staff_id")
    week: str  # ISO week, e.g. 2026-W49
    surface: str  # slack | teams
    sent_at: dt.datetime = Field(default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Every read of a taxpayer's data and every change: who, when, which case, where."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    staff_id: str | None = Field(default=None, index=True)
    user_ref: str | None = None  # platform user id when the staff member is unknown
    surface: str
    action: str
    case_id: str | None = Field(default=None, index=True)
    allowed: bool = True
    detail: str | None = None
    # Where from: the client's IP address (web), the terminal (CLI), when known.
    origin: str | None = None
    # The operating-system account behind a CLI command (beside staff_id for `chat --as`).
    os_user: str | None = None
    # The tamper-evident chain (store/audit_chain.py): position and HMAC over the previous
    # row's hash and this row's fields, set when the row is committed.
    seq: int | None = Field(default=None, unique=True)
    chain_hash: str | None = None


class WebSession(SQLModel, table=True):
    """A logged-in browser: the cookie holds a random token, the store its SHA-256, so every
    replica shares sessions, logout deletes the row and a supervisor can end them."""

    __table_args__ = (Index("ix_websession_staff", "staff_id"),)

    token_hash: str = Field(primary_key=True)
    staff_id: str
    method: str  # "demo" or "oidc"
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_seen_at: dt.datetime = Field(default_factory=utcnow)
    origin: str | None = None


class ConversationState(SQLModel, table=True):
    """What one staff member's chat on one surface and thread remembers between turns: the
    case in focus, the last tool call, its 「もっと見せて」 cursor and a pending confirmation.
    In the store, so that any replica continues the conversation."""

    surface: str = Field(primary_key=True)
    staff_id: str = Field(primary_key=True)
    thread: str = Field(primary_key=True, default="")  # Slack thread, Teams conversation, "" (web)
    case_id: str | None = None
    last_tool: str | None = None
    last_args: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    more: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    pending: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    recorded: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))  # the last result recorded here
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ChatHistory(SQLModel, table=True):
    """One message of a web chat (the user's text or the reply), shown again after a reload;
    deleted after the retention setting."""

    __table_args__ = (Index("ix_chathistory_staff_at", "staff_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: str
    surface: str
    at: dt.datetime = Field(default_factory=utcnow)
    role: str  # "user" | "bot"
    text: str = Field(sa_column=Column(Text))
    reply: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
