"""Queries of the weekly digest: what was already sent, and results recorded since a day."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from store.models import DigestSent, Investigation

CHUNK = 900


def already_sent(*, session: Session, staff_id: str, week: str) -> bool:
    stmt = select(DigestSent.id).where(DigestSent.staff_id == staff_id, DigestSent.week == week)
    return session.exec(stmt).first() is not None


def record_sent(*, session: Session, staff_id: str, week: str, surface: str) -> None:
    session.add(DigestSent(staff_id=staff_id, week=week, surface=surface))
    session.flush()


def found_since(*, session: Session, case_ids: list[str], since: dt.date) -> list[Investigation]:
    """Assets found (imported or recorded) on or after ``since`` for these cases, newest first."""
    out: list[Investigation] = []
    for start in range(0, len(case_ids), CHUNK):
        ids = case_ids[start : start + CHUNK]
        out += list(
            session.exec(
                select(Investigation).where(
                    col(Investigation.case_id).in_(ids),
                    Investigation.result == "found",
                    col(Investigation.date) >= since,
                    col(Investigation.state) == "active",
                )
            )
        )
    return sorted(out, key=lambda i: (i.date, i.case_id), reverse=True)
