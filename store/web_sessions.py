"""Server-side web sessions: the browser holds a random token, the store its SHA-256.

Every replica reads the same rows, so logging out (deleting the row) or a supervisor ending a
staff member's sessions takes effect everywhere at once; a copied cookie is worthless after
either. A session ends after ``idle`` without a request and after ``lifetime`` in any case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from store.models import WebSession, utcnow

__all__ = ["WebSession", "active", "create", "end", "end_all_of", "resolve", "token_hash"]

# A session's last_seen_at is written at most this often (not on every request).
TOUCH_EVERY = dt.timedelta(seconds=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def create(
    *,
    session: Session,
    staff_id: str,
    method: str,
    origin: str | None,
    idle: dt.timedelta,
    lifetime: dt.timedelta,
) -> str:
    """A new session for ``staff_id``; returns the token for the cookie (never stored).
    Sessions that have expired meanwhile (anyone's) are deleted on the way."""
    now = utcnow()
    session.execute(
        delete(WebSession).where(
            (col(WebSession.last_seen_at) < now - idle) | (col(WebSession.created_at) < now - lifetime)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=token_hash(token), staff_id=staff_id, method=method, origin=origin))
    session.flush()
    return token


def resolve(
    *, session: Session, token: str, idle: dt.timedelta, lifetime: dt.timedelta
) -> WebSession | None:
    """The live session of ``token``, or None (unknown, logged out, ended, idle or too old;
    an expired row is deleted)."""
    if not token:
        return None
    row = session.get(WebSession, token_hash(token))
    if row is None:
        return None
    now = utcnow()
    if now - _aware(row.last_seen_at) > idle or now - _aware(row.created_at) > lifetime:
        session.delete(row)
        session.flush()
        return None
    if now - _aware(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
        session.flush()
    return row


def end(*, session: Session, token: str) -> bool:
    """Delete the session of ``token`` (logout)."""
    result = session.execute(delete(WebSession).where(col(WebSession.token_hash) == token_hash(token)))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def end_all_of(*, session: Session, staff_id: str) -> int:
    """Delete every session of ``staff_id``; returns how many there were."""
    result = session.execute(delete(WebSession).where(col(WebSession.staff_id) == staff_id))
    return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ActiveSessions:
    staff_id: str
    count: int
    last_seen_at: dt.datetime
    origin: str | None


def active(*, session: Session, idle: dt.timedelta, lifetime: dt.timedelta) -> list[ActiveSessions]:
    """Staff members with live sessions, most recently active first."""
    now = utcnow()
    stmt = (
        select(WebSession.staff_id, func.count(), func.max(WebSession.last_seen_at), func.max(WebSession.origin))
        .where(col(WebSession.last_seen_at) > now - idle, col(WebSession.created_at) > now - lifetime)
        .group_by(WebSession.staff_id)
    )
    rows = [ActiveSessions(s, int(n), _aware(last), origin) for s, n, last, origin in session.exec(stmt).all()]
    return sorted(rows, key=lambda r: r.last_seen_at, reverse=True)
