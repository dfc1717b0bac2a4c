"""Delivered chat events, so that a platform's retry or a repeated event id is handled once;
accepted chat requests per staff member, so that the rate limit holds across server replicas."""

from __future__ import annotations

import datetime as dt
import threading
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, delete, func, select

from store.models import ChatEvent, ChatRequest, utcnow

MAX_EVENT_ID = 255
KEEP_EVENTS = timedelta(days=7)  # platforms retry within minutes


PRUNE_EVERY = 60.0  # seconds: forgetting old rows needs no DELETE on every turn
_last_prune = [float("-inf")]  # delivered events
_last_request_prune = [float("-inf")]  # counted requests (SQLite)
_prune_lock = threading.Lock()


def _due_for_pruning(last: list[float] | None = None) -> bool:
    """True at most once per ``PRUNE_EVERY`` seconds in this process (each replica prunes)."""
    last = _last_prune if last is None else last
    now = time.monotonic()
    with _prune_lock:
        if now - last[0] < PRUNE_EVERY:
            return False
        last[0] = now
        return True


def first_delivery(*, session: Session, surface: str, event_id: str) -> bool:
    """Record ``(surface, event_id)``; True the first time, False for every repeat.

    Commits at once, so a later failure of the handler does not
    reopen the event to a retry that would answer twice. Events older than a week are
    forgotten on the way (the table is shared by every replica and would only grow).
    """
    event_id = event_id[:MAX_EVENT_ID]
    if _due_for_pruning():
        session.exec(delete(ChatEvent).where(col(ChatEvent.received_at) < utcnow() - KEEP_EVENTS))
    # One statement: the unique (surface, event_id) decides, on every replica at once.
    inserted = session.execute(
        _upsert_insert(session, ChatEvent)
        .values(surface=surface, event_id=event_id, received_at=utcnow())
        .on_conflict_do_nothing(index_elements=["surface", "event_id"])
        .returning(ChatEvent.__table__.c.id)  # type: ignore[attr-defined]
    ).first()
    session.commit()
    return inserted is not None


def _upsert_insert(session: Session, model: Any) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_nothing`` / ``on_conflict_do_update``
    (SQLite and PostgreSQL spell them alike)."""
    table = model.__table__
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)


RATE_WINDOW = timedelta(minutes=1)
_AT = ChatRequest.__table__.c.at  # type: ignore[attr-defined]
_ADMIT_SQLITE = insert(ChatRequest).from_select(
    ["staff_id", "at"],
    select(bindparam("staff_id"), bindparam("now", type_=_AT.type)).where(
        select(func.count())
        .select_from(ChatRequest)
        .where(
            col(ChatRequest.staff_id) == bindparam("staff_id"),
            col(ChatRequest.at) >= bindparam("count_from", type_=_AT.type),
        )
        .scalar_subquery()
        < bindparam("limit")
    ),
)


def admit_request(
    *, session: Session, staff_id: str, limit: int, window: timedelta = RATE_WINDOW
) -> bool:
    """Count ``staff_id``'s requests in the last ``window`` (on every replica): below ``limit``
    the request is recorded and True returned; at the limit, False and nothing is recorded.

    Commits at once, so the other replicas see the request while it is being answered. Under a
    burst spread over replicas a request or two more may pass (the count is not locked). Rows
    older than two windows are pruned on the way (on SQLite at most once a minute, everyone's).
    """
    now = utcnow()
    if session.get_bind().dialect.name == "postgresql":
        return _admit_pg(session=session, staff_id=staff_id, limit=limit, window=window, now=now)
    if _due_for_pruning(_last_request_prune):  # every staff member's, once a minute
        session.exec(delete(ChatRequest).where(col(ChatRequest.at) < now - 2 * window))
    # Count and record in one statement: the row goes in only while under the limit.
    admitted = (
        session.connection()
        .execute(
            _ADMIT_SQLITE,
            {"staff_id": staff_id, "now": now, "count_from": now - window, "limit": limit},
        )
        .rowcount
    )
    session.commit()
    return admitted == 1


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


def _admit_pg(
    *, session: Session, staff_id: str, limit: int, window: timedelta, now: dt.datetime
) -> bool:
    admitted = session.execute(
        _ADMIT_PG,
        {
            "staff_id": staff_id,
            "now": now,
            "prune_before": now - 2 * window,
            "count_from": now - window,
            "limit": limit,
        },
    ).first()
    session.commit()
    return admitted is not None
