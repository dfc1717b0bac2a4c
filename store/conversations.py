"""Chat conversations in the store: one state row per (surface, staff member, thread), and the
web chat's history. Keyword-only CRUD; the rules of a conversation live in ``bot/chat``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from store.models import ChatHistory, ConversationState, utcnow

__all__ = [
    "ChatHistory",
    "ConversationState",
    "SavedState",
    "add_history",
    "clear",
    "history",
    "load",
    "save",
]


_STATE = ConversationState.__table__  # type: ignore[attr-defined]
_HISTORY = ChatHistory.__table__  # type: ignore[attr-defined]
_KEY = ("surface", "staff_id", "thread")
# Statements built once: a chat turn only binds values.
_ADD_HISTORY = insert(_HISTORY)
_BY_KEY = and_(*(_STATE.c[k] == bindparam(k) for k in _KEY))
_DELETE_STATE = delete(_STATE).where(_BY_KEY)


@functools.cache
def _upsert_state(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO UPDATE of a conversation's state (SQLite and PostgreSQL spell it
    alike)."""
    dialect_insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = dialect_insert(_STATE)
    return stmt.on_conflict_do_update(
        index_elements=list(_KEY),
        set_={c.name: stmt.excluded[c.name] for c in _STATE.columns if c.name not in _KEY},
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class SavedState:
    """A conversation's state as saved (plain data, read in one statement)."""

    case_id: str | None
    last_tool: str | None
    last_args: dict[str, Any] | None
    more: dict[str, Any] | None
    pending: dict[str, Any] | None
    recorded: dict[str, Any] | None
    updated_at: dt.datetime


_LOAD_STATE = core_select(*(_STATE.c[f.name] for f in dataclasses.fields(SavedState))).where(
    _BY_KEY
)


def load(
    *, session: Session, surface: str, staff_id: str, thread: str, idle: dt.timedelta
) -> SavedState | None:
    """The live state of this conversation, or None (none yet, or idle longer than ``idle``:
    then it is deleted)."""
    key = {"surface": surface, "staff_id": staff_id, "thread": thread}
    row = session.connection().execute(_LOAD_STATE, key).first()
    if row is None:
        return None
    state = SavedState(**row._mapping)
    if _aware(state.updated_at) < utcnow() - idle:
        session.connection().execute(_DELETE_STATE, key)
        return None
    return state


def save(
    *,
    session: Session,
    surface: str,
    staff_id: str,
    thread: str,
    case_id: str | None,
    last_tool: str | None,
    last_args: dict[str, Any] | None,
    more: dict[str, Any] | None,
    pending: dict[str, Any] | None,
    recorded: dict[str, Any] | None = None,
) -> None:
    """Write the conversation's state in one statement (insert, or update the row there): two
    replicas saving the same conversation at once both succeed, the later one's state stays."""
    session.connection().execute(
        _upsert_state(session.get_bind().dialect.name),
        {
            "surface": surface,
            "staff_id": staff_id,
            "thread": thread,
            "case_id": case_id,
            "last_tool": last_tool,
            "last_args": last_args,
            "more": more,
            "pending": pending,
            "recorded": recorded,
            "updated_at": utcnow(),
        },
    )
    # A row this session holds as an object now holds the old state: read it again if asked.
    held = session.identity_map.get(identity_key(ConversationState, (surface, staff_id, thread)))
    if held is not None:
        session.expire(held)


def clear(*, session: Session, surface: str, staff_id: str, thread: str) -> None:
    session.execute(
        delete(ConversationState).where(
            (col(ConversationState.surface) == surface)
            & (col(ConversationState.staff_id) == staff_id)
            & (col(ConversationState.thread) == thread)
        )
    )


def add_history(
    *,
    session: Session,
    staff_id: str,
    surface: str,
    role: str,
    text: str,
    reply: dict[str, Any] | None = None,
) -> None:
    session.connection().execute(
        _ADD_HISTORY,
        {
            "staff_id": staff_id,
            "surface": surface,
            "at": utcnow(),
            "role": role,
            "text": text,
            "reply": reply,
        },
    )


def history(
    *, session: Session, staff_id: str, surface: str, keep: dt.timedelta, limit: int = 100
) -> list[ChatHistory]:
    """``staff_id``'s own messages on ``surface`` of the last ``keep``, oldest first (at most
    ``limit``, the newest); older messages (anyone's) are deleted on the way."""
    cutoff = utcnow() - keep
    session.execute(delete(ChatHistory).where(col(ChatHistory.at) < cutoff))
    rows = session.exec(
        select(ChatHistory)
        .where(col(ChatHistory.staff_id) == staff_id, col(ChatHistory.surface) == surface)
        .order_by(col(ChatHistory.at).desc(), col(ChatHistory.id).desc())
        .limit(limit)
    ).all()
    return list(reversed(rows))
