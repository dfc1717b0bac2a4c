"""Delivered chat events in the store (SQLite and PostgreSQL): a repeat is refused from any
session (replica); events older than a week are forgotten as new ones arrive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store import chat_events
from store.chat_events import first_delivery
from store.models import ChatEvent, utcnow


def test_a_repeated_event_is_refused_on_another_replica(store_engine: Engine) -> None:
    with Session(store_engine) as replica_a, Session(store_engine) as replica_b:
        assert first_delivery(session=replica_a, surface="slack", event_id="Ev1")
        assert not first_delivery(session=replica_b, surface="slack", event_id="Ev1")
        assert first_delivery(session=replica_b, surface="teams", event_id="Ev1")


def test_events_older_than_a_week_are_forgotten(store_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat_events, "_last_prune", [float("-inf")])  # a minute since the last pruning
    with Session(store_engine) as s:
        s.add(ChatEvent(surface="slack", event_id="Old", received_at=utcnow() - timedelta(days=8)))
        s.commit()
        assert first_delivery(session=s, surface="slack", event_id="New")
        assert [e.event_id for e in s.exec(select(ChatEvent))] == ["New"]
        # within the minute, old events wait for the next pruning (no DELETE on every turn)
        s.add(ChatEvent(surface="slack", event_id="Old2", received_at=utcnow() - timedelta(days=8)))
        s.commit()
        assert first_delivery(session=s, surface="slack", event_id="Newer")
        assert sorted(e.event_id for e in s.exec(select(ChatEvent))) == ["New", "Newer", "Old2"]
        monkeypatch.setattr(chat_events, "_last_prune", [float("-inf")])
        assert first_delivery(session=s, surface="slack", event_id="Newest")
        assert sorted(e.event_id for e in s.exec(select(ChatEvent))) == ["New", "Newer", "Newest"]
