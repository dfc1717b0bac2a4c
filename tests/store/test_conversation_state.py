"""A conversation's state in the store (SQLite and PostgreSQL), saved by any replica."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store import conversations

KEY = {"surface": "web", "staff_id": "A01", "thread": ""}
IDLE = dt.timedelta(minutes=30)


def _save(session: Session, case_id: str) -> None:
    conversations.save(
        session=session,
        case_id=case_id,
        last_tool="case_summary",
        last_args={"case_id": case_id},
        more=None,
        pending=None,
        **KEY,
    )


def test_two_replicas_saving_the_same_new_conversation_at_once_both_succeed(
    store_engine: Engine,
) -> None:
    """Replica A has written the conversation's first state but not committed it when replica B
    saves the same conversation: B waits for A and its state stays, no IntegrityError."""
    errors: list[BaseException] = []
    with Session(store_engine) as replica_a, Session(store_engine) as replica_b:
        _save(replica_a, "R06-000001")  # written, not yet committed
        b_writes = threading.Event()

        def on_execute(*_args: Any) -> None:
            b_writes.set()

        event.listen(replica_b.connection(), "before_cursor_execute", on_execute)

        def replica_b_turn() -> None:
            try:
                _save(replica_b, "R06-000002")
                replica_b.commit()
            except BaseException as err:  # reported by the main thread
                errors.append(err)
                replica_b.rollback()

        worker = threading.Thread(target=replica_b_turn)
        worker.start()
        assert b_writes.wait(timeout=30)
        replica_a.commit()
        worker.join(timeout=60)
        assert not worker.is_alive()
    assert errors == []
    with Session(store_engine) as s:
        row = conversations.load(session=s, idle=IDLE, **KEY)
        assert row is not None
        assert (row.case_id, row.last_args) == ("R06-000002", {"case_id": "R06-000002"})


def test_a_saved_conversation_is_continued_with_its_new_state(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        _save(s, "R06-000001")
        s.commit()
        assert conversations.load(session=s, idle=IDLE, **KEY) is not None
        _save(s, "R06-000003")
        s.commit()
    with Session(store_engine) as s:
        row = conversations.load(session=s, idle=IDLE, **KEY)
        assert row is not None and row.case_id == "R06-000003"
        assert row.pending is None and row.more is None
