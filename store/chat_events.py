"""Delivered chat events, so that a platform's retry or a repeated event id is handled once;
accepted chat requests per staff member, so that the rate limit holds across server replicas."""

from __future__ import annotations

import datetime as dt
import threading
import time
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from store.models import ChatEvent, ChatRequest, utcnow

MAX_EVENT_ID = 255
KEEP_EVENTS = timedelta(days=7)  # platforms retry within minutes


PRUNE_EVERY = 60.0  # seconds: forgetting week-old events needs no DELETE on every turn
_last_prune = [float("-inf")]
_prune_lock = threading.Lock()


def _due_for_pruning() -> bool:
    """True at most once per ``PRUNE_EVERY`` seconds in this process (each replica prunes)."""
    now = time.monotonic()
    with _prune_lock:
        if now - _last_prune[0] < PRUNE_EVERY:
            return False
        _last_prune[0] = now
        return True


def first_delivery(*, session: Session, surface: str, event_id: str) -> bool:
    """Record ``(surface, event_id)``; True the first time, False for every repeat.

    Commits at once (in a savepoint-free way), so a later failure of the handler does not
    reopen the event to a retry that would answer twice. Events older than a week are
    forgotten on the way (the table is shared by every replica and would only grow).
    """
    event_id = event_id[:MAX_EVENT_ID]
    if _due_for_pruning():
        session.exec(delete(ChatEvent).where(col(ChatEvent.received_at) < utcnow() - KEEP_EVENTS))
    if session.exec(
        select(ChatEvent.id).where(ChatEvent.surface == surface, ChatEvent.event_id == event_id)
    ).first() is not None:
        return False
    session.add(ChatEvent(surface=surface, event_id=event_id))
    try:
        session.commit()
    except IntegrityError:  # a concurrent delivery of the same event won the race
        session.rollback()
        return False
    return True


RATE_WINDOW = timedelta(minutes=1)


def admit_request(*, session: Session, staff_id: str, limit: int, window: timedelta = RATE_WINDOW) -> bool:
    """Count ``staff_id``'s requests in the last ``window`` (on every replica): below ``limit``
    the request is recorded and True returned; at the limit, False and nothing is recorded.

    Commits at once, so the other replicas see the request while it is being answered. Under a
    burst spread over replicas a request or two more may pass (the count is not locked).
    """
    now = utcnow()
    if session.get_bind().dialect.name == "postgresql":
        return _admit_pg(session=session, staff_id=staff_id, limit=limit, window=window, now=now)
    session.exec(
        delete(ChatRequest).where(
            col(ChatRequest.staff_id) == staff_id, col(ChatRequest.at) < now - 2 * window
        )
    )
    recent = session.exec(
        select(func.count())
        .select_from(ChatRequest)
        .where(col(ChatRequest.staff_id) == staff_id, col(ChatRequest.at) >= now - window)
    ).one()
    if int(recent) >= limit:
        session.commit()
        return False
    session.add(ChatRequest(staff_id=staff_id, at=now))
    session.commit()
    return True


# PostgreSQL: prune, count and record in one round trip. A count lost in a server crash is
# harmless, so this commit does not wait for the disk (it is one of every chat turn's two; the
# audit record keeps the durable one). The CTEs share one snapshot: the pruned rows (older
# than two windows) are never among the counted ones (the last window).
_ADMIT_PG = text(
    """
    WITH _durability AS (SELECT set_config('synchronous_commit', 'off', true) AS v),
         pruned AS (DELETE FROM chatrequest WHERE staff_id = :staff_id AND at < :prune_before)
    INSERT INTO chatrequest (staff_id, at)
    SELECT :staff_id, :now FROM _durability
    WHERE (SELECT count(*) FROM chatrequest WHERE staff_id = :staff_id AND at >= :count_from) < :limit
    RETURNING id
    """
)


def _admit_pg(*, session: Session, staff_id: str, limit: int, window: timedelta, now: dt.datetime) -> bool:
    admitted = session.execute(
        _ADMIT_PG,
        {
            "staff_id": staff_id, "now": now, "prune_before": now - 2 * window,
            "count_from": now - window, "limit": limit,
        },
    ).first()
    session.commit()
    return admitted is not None
