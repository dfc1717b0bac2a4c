"""Queries of the matching engine: the office as plain arrays, a fingerprint of its content,
and one staff member's open cases. Single-case reads and writes (assignee + history, audit)
are the foundation's ``store.crud``.

The bulk loader reads each table with one SELECT of the needed columns, so a 35,000-case
office loads in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func
from sqlmodel import Session, col, select

from store.models import (
    Case,
    Investigation,
    Note,
    Staff,
    Taxpayer,
    WorkLog,
)

NAN = float("nan")


@dataclass(frozen=True)
class StaffRecord:
    staff_id: str
    name: str
    role: str
    years_experience: float | None
    capacity: int | None
    team: str | None


@dataclass
class MatchingTables:
    """Every case (open or not: closed cases teach the model) and every staff member.

    Per-case arrays are aligned with ``case_ids``; dates are ``date.toordinal()`` (NaN unknown).
    """

    staff: list[StaffRecord]
    case_ids: list[str]
    status: list[str]
    case_staff: list[str | None]
    locked: np.ndarray  # bool
    tax_kind: list[str]
    amount_due: np.ndarray
    periods: np.ndarray
    oldest_due: np.ndarray
    opened_on: np.ndarray
    taxpayer_id: list[str]
    # taxpayer columns, per case
    birth_date: np.ndarray
    household_size: np.ndarray
    income_salary: np.ndarray
    income_business: np.ndarray
    income_pension: np.ndarray
    income_real_estate: np.ndarray
    has_employer: np.ndarray
    fixed_asset_tax: np.ndarray
    light_vehicle_tax: np.ndarray
    welfare_recipient: np.ndarray
    # history, per case
    notes_text: list[str]
    notes_count: np.ndarray
    investigations: np.ndarray
    investigations_found: np.ndarray
    # work log rows
    log_case: np.ndarray  # int position in case_ids
    log_staff: np.ndarray  # int position in staff
    log_year: np.ndarray  # int fiscal year
    log_hours: np.ndarray
    log_result: list[str | None]
    # the export's date: the latest date seen in the data
    reference_date: dt.date


def _num(x: object) -> float:
    return NAN if x is None else float(x)  # type: ignore[arg-type]


def _ord(d: dt.date | None) -> float:
    return NAN if d is None else float(d.toordinal())


def load_tables(*, session: Session) -> MatchingTables:
    staff = [
        StaffRecord(s.staff_id, s.name, s.role, s.years_experience, s.capacity, s.team)
        for s in session.exec(select(Staff).order_by(col(Staff.staff_id))).all()
    ]
    staff_pos = {s.staff_id: i for i, s in enumerate(staff)}
    case_rows = session.exec(
        select(  # type: ignore[call-overload]
            Case.case_id, Case.taxpayer_id, Case.tax_kind, Case.amount_due, Case.oldest_due, Case.periods,
            Case.status, Case.staff_id, Case.opened_on, Case.assignment_locked,
        ).order_by(col(Case.case_id))
    ).all()
    case_pos = {r[0]: i for i, r in enumerate(case_rows)}
    tp_ids = sorted({r[1] for r in case_rows})
    tps = {}
    for i in range(0, len(tp_ids), 5000):
        chunk = tp_ids[i : i + 5000]
        for tp in session.exec(select(Taxpayer).where(col(Taxpayer.taxpayer_id).in_(chunk))).all():
            tps[tp.taxpayer_id] = tp

    def tcol(attr: str, conv: Callable[[Any], float] = _num) -> np.ndarray:
        return np.array([conv(getattr(tps[r[1]], attr)) if r[1] in tps else NAN for r in case_rows], dtype=float)

    n = len(case_rows)
    notes: dict[str, list[str]] = defaultdict(list)
    latest = dt.date(1900, 1, 1)
    for case_id, day, text in session.exec(select(Note.case_id, Note.date, Note.text)).all():  # type: ignore[call-overload]
        notes[case_id].append(text)
        latest = max(latest, day)
    inv_n = np.zeros(n)
    inv_found = np.zeros(n)
    for case_id, result, count, last in session.exec(
        select(Investigation.case_id, Investigation.result, func.count(), func.max(Investigation.date))
        .where(col(Investigation.state) == "active")
        .group_by(Investigation.case_id, Investigation.result)
    ).all():
        j = case_pos.get(case_id)
        if j is None:
            continue
        inv_n[j] += count
        if result == "found":
            inv_found[j] += count
        if last is not None:
            latest = max(latest, last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)))
    for r in case_rows:
        if r[8] is not None:
            latest = max(latest, r[8])
    logs = session.exec(
        select(  # type: ignore[call-overload]
            WorkLog.case_id, WorkLog.staff_id, WorkLog.fiscal_year, WorkLog.hours, WorkLog.result
        )
    ).all()
    logs = [row for row in logs if row[0] in case_pos and row[1] in staff_pos and row[3] and row[3] > 0]
    if latest.year == 1900:
        latest = dt.date.today()
    return MatchingTables(
        staff=staff,
        case_ids=[r[0] for r in case_rows],
        status=[r[6] for r in case_rows],
        case_staff=[r[7] for r in case_rows],
        locked=np.array([bool(r[9]) for r in case_rows], dtype=bool),
        tax_kind=[r[2] for r in case_rows],
        amount_due=np.array([_num(r[3]) for r in case_rows]),
        periods=np.array([_num(r[5]) for r in case_rows]),
        oldest_due=np.array([_ord(r[4]) for r in case_rows]),
        opened_on=np.array([_ord(r[8]) for r in case_rows]),
        taxpayer_id=[r[1] for r in case_rows],
        birth_date=tcol("birth_date", _ord),
        household_size=tcol("household_size"),
        income_salary=tcol("income_salary"),
        income_business=tcol("income_business"),
        income_pension=tcol("income_pension"),
        income_real_estate=tcol("income_real_estate"),
        has_employer=tcol("employer_id", lambda x: 0.0 if x is None else 1.0),
        fixed_asset_tax=tcol("fixed_asset_tax"),
        light_vehicle_tax=tcol("light_vehicle_tax"),
        welfare_recipient=tcol("welfare_recipient"),
        notes_text=["\n".join(notes.get(r[0], [])) for r in case_rows],
        notes_count=np.array([float(len(notes.get(r[0], []))) for r in case_rows]),
        investigations=inv_n,
        investigations_found=inv_found,
        log_case=np.array([case_pos[r[0]] for r in logs], dtype=int),
        log_staff=np.array([staff_pos[r[1]] for r in logs], dtype=int),
        log_year=np.array([int(r[2]) for r in logs], dtype=int),
        log_hours=np.array([float(r[3]) for r in logs], dtype=float),
        log_result=[r[4] for r in logs],
        reference_date=latest,
    )


def content_fingerprint(*, session: Session) -> tuple[object, ...]:
    """A cheap summary of what the hours model is fitted on (aggregates only, no rows): when it
    is unchanged, a fitted model can be reused without loading the tables."""
    staff = tuple(session.exec(select(Staff.staff_id, Staff.years_experience).order_by(col(Staff.staff_id))).all())
    cases = tuple(
        session.exec(
            select(Case.status, func.count(), func.sum(Case.amount_due)).group_by(Case.status).order_by(Case.status)
        ).all()
    )
    log = session.exec(select(func.count(), func.sum(WorkLog.hours))).one()
    notes = session.exec(select(func.count(), func.max(Note.date))).one()
    inv = session.exec(select(func.count(), func.max(Investigation.date))).one()
    return (staff, cases, tuple(log), tuple(notes), tuple(inv))


# --- one staff member -----------------------------------------------------------------------


def open_case_ids_of(*, session: Session, staff_id: str) -> list[str]:
    return list(
        session.exec(select(Case.case_id).where(Case.staff_id == staff_id, Case.status == "open")).all()
    )


# --- data quality ------------------------------------------------------------------------------


def work_log_before_opening(*, session: Session) -> tuple[int, str | None]:
    """Work-log rows in a fiscal year that ended before their case's ``opened_on`` (April–March
    years): how many, and one case id as an example. The hours model leaves them out."""
    rows = session.exec(
        select(WorkLog.case_id, WorkLog.fiscal_year, col(Case.opened_on)).join(Case, col(Case.case_id) == WorkLog.case_id)
    ).all()
    count, example = 0, None
    for case_id, year, opened in rows:
        if opened is not None and opened >= dt.date(int(year) + 1, 4, 1):
            count += 1
            example = example or case_id
    return count, example
