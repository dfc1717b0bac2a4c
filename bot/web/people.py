"""Staff look-ups for the login and the session (the chat tools' store queries, reused)."""

from __future__ import annotations

from sqlmodel import Session

from store.models import Staff
from tools import queries


def get_staff(*, session: Session, staff_id: str) -> Staff | None:
    return queries.get_staff(session=session, staff_id=staff_id)


def list_staff(*, session: Session) -> list[Staff]:
    """Grouped by team, the supervisor of each team first (the login list)."""
    rows = queries.list_staff(session=session)
    return sorted(rows, key=lambda s: (s.team or "", s.role != "supervisor", s.staff_id))
