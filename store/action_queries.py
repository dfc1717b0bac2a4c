"""Queries of the actions (actions.csv) and the open cases the worklist and 時効 read."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.models import Action, Case

CHUNK = 900  # ids per IN (...) (SQLite's bound-parameter limit is comfortably above)


def has_actions(*, session: Session) -> bool:
    """True once the store holds any actions.csv row (else 時効 is counted from oldest_due)."""
    return session.exec(select(Action.id).limit(1)).first() is not None


def actions_of(*, session: Session, case_ids: list[str]) -> dict[str, list[tuple[dt.date, str, int | None]]]:
    """(date, action, amount) per case, oldest first."""
    out: dict[str, list[tuple[dt.date, str, int | None]]] = defaultdict(list)
    for start in range(0, len(case_ids), CHUNK):
        ids = case_ids[start : start + CHUNK]
        tbl = Action.__table__  # type: ignore[attr-defined]
        rows = session.connection().execute(
            sa_select(tbl.c.case_id, tbl.c.date, tbl.c.action, tbl.c.amount)
            .where(tbl.c.case_id.in_(ids))
            .order_by(tbl.c.case_id, tbl.c.date, tbl.c.id)
        )
        for case_id, date, action, amount in rows:
            out[case_id].append((date, action, amount))
    return dict(out)


def list_actions(*, session: Session, case_id: str) -> list[Action]:
    """A case's actions, newest first (the case page)."""
    return list(
        session.exec(
            select(Action).where(Action.case_id == case_id).order_by(col(Action.date).desc(), col(Action.id).desc())
        )
    )


def open_cases(*, session: Session, staff_id: str | None = None, case_ids: list[str] | None = None) -> list[Case]:
    """Open cases, of one staff member or among ``case_ids`` when given."""
    stmt = select(Case).where(col(Case.status) == "open")
    if staff_id is not None:
        stmt = stmt.where(Case.staff_id == staff_id)
    if case_ids is not None:
        found: list[Case] = []
        for start in range(0, len(case_ids), CHUNK):
            found += list(session.exec(stmt.where(col(Case.case_id).in_(case_ids[start : start + CHUNK]))))
        return sorted(found, key=lambda c: c.case_id)
    return list(session.exec(stmt.order_by(col(Case.case_id))))
