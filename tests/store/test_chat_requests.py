"""The chat rate limit's count in the store (SQLite and PostgreSQL): per staff member, over the
last minute, whichever replica took the message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store import chat_events
from store.chat_events import admit_request
from store.models import ChatRequest, utcnow


def test_requests_over_the_limit_are_refused_per_staff_member(store_engine: Engine) -> None:
    with Session(store_engine) as replica_a, Session(store_engine) as replica_b:
        answers = [
            admit_request(session=replica_a, staff_id="A01", limit=2),
            admit_request(session=replica_b, staff_id="A01", limit=2),
            admit_request(session=replica_a, staff_id="A01", limit=2),
        ]
        assert answers == [True, True, False]
        assert admit_request(session=replica_b, staff_id="B01", limit=2)


def test_requests_older_than_a_minute_no_longer_count_and_are_pruned(
    store_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a minute since the last pruning (SQLite prunes everyone's at most once a minute)
    monkeypatch.setattr(chat_events, "_last_request_prune", [float("-inf")])
    with Session(store_engine) as s:
        s.add_all(
            [ChatRequest(staff_id="A01", at=utcnow() - timedelta(minutes=m)) for m in (1.5, 5)]
        )
        s.commit()
        assert admit_request(session=s, staff_id="A01", limit=1)
        assert not admit_request(session=s, staff_id="A01", limit=1)
        assert len(s.exec(select(ChatRequest)).all()) == 2  # the one older than two minutes is gone
