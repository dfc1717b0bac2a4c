"""Queries of the staff ratings (👍 +1 / 👎 -1) on search hits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, func, select

from store.errors import InvalidInput, NotFound
from store.models import SURFACES, Rating, Staff

MAX_QUERY_CHARS = 1000


def add_rating(
    *,
    session: Session,
    doc_id: str,
    query: str,
    value: int,
    staff_id: str | None = None,
    surface: str = "web",
) -> Rating:
    """Store one rating; the caller's session commits."""
    doc_id = (doc_id or "").strip()
    query = (query or "").strip()
    if not doc_id:
        raise InvalidInput("error.invalid_input", detail="doc_id is empty")
    if not query or len(query) > MAX_QUERY_CHARS:
        raise InvalidInput("error.invalid_input", detail="query is empty or too long")
    if value not in (1, -1):
        raise InvalidInput("error.invalid_input", detail=f"rating must be 1 or -1, not {value}")
    if surface not in SURFACES:
        raise InvalidInput("error.invalid_input", detail=f"unknown surface {surface}")
    if staff_id is not None and session.get(Staff, staff_id) is None:
        raise NotFound(what="staff", ident=staff_id)
    rating = Rating(doc_id=doc_id, query=query, value=value, staff_id=staff_id, surface=surface)
    session.add(rating)
    session.flush()
    return rating


def list_ratings(
    *, session: Session, doc_ids: Sequence[str] | None = None, limit: int = 5000
) -> list[Rating]:
    """The most recent ratings first (optionally only on some documents)."""
    stmt = select(Rating)
    if doc_ids is not None:
        stmt = stmt.where(col(Rating.doc_id).in_(list(doc_ids)))
    stmt = stmt.order_by(col(Rating.created_at).desc(), col(Rating.id).desc()).limit(limit)
    return list(session.exec(stmt))


def ratings_mark(*, session: Session) -> tuple[int, int]:
    """(how many ratings, the newest id): changes with every rating added (ratings are only
    ever added), so a search result kept with it is known to be current."""
    count, newest = session.exec(
        select(func.count(), func.max(Rating.id)).select_from(Rating)
    ).one()
    return int(count), int(newest or 0)
