"""Staff look-ups for the login and the session, delegated to the store.

Until ``store.crud`` lands (foundation), a minimal ORM fallback keeps login usable.
"""

from __future__ import annotations

from sqlmodel import Session, select

from store.models import Staff


def get_staff(*, session: Session, staff_id: str) -> Staff | None:
    return session.get(Staff, staff_id)


def list_staff(*, session: Session) -> list[Staff]:
    rows = session.exec(select(Staff)).all()
    return sorted(rows, key=lambda s: (s.team or "", s.role != "supervisor", s.staff_id))
