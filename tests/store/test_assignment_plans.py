"""Pending assignment plans in the store (SQLite and PostgreSQL): one per supervisor, applied
once even when two replicas are asked at the same moment, expired after a working day."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store import assignment_plans as plans
from store.models import AssignmentPlanRecord, utcnow


def test_a_new_plan_replaces_the_supervisors_pending_one(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={"n": 1})
        plans.save_plan(session=s, created_by="S02", development_weight=0.0, payload={"n": 2})
        plans.save_plan(session=s, created_by="S01", development_weight=0.5, payload={"n": 3})
        s.commit()
    with Session(store_engine) as s:
        mine = plans.pending_plan(session=s, created_by="S01")
        theirs = plans.pending_plan(session=s, created_by="S02")
        assert mine is not None and mine.payload == {"n": 3} and mine.development_weight == 0.5
        assert theirs is not None and theirs.payload == {"n": 2}
        assert len(s.exec(select(AssignmentPlanRecord)).all()) == 2


def test_a_plan_is_claimed_once(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={"n": 1})
        s.commit()
    with Session(store_engine) as first:
        assert plans.claim_plan(session=first, created_by="S01") is not None
        first.commit()
    with Session(store_engine) as second:
        assert plans.claim_plan(session=second, created_by="S01") is None
        assert plans.pending_plan(session=second, created_by="S01") is None


def test_an_old_plan_has_expired(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        record = plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={})
        record.created_at = utcnow() - plans.PLAN_MAX_AGE - timedelta(minutes=1)
        s.commit()
    with Session(store_engine) as s:
        assert plans.pending_plan(session=s, created_by="S01") is None
        assert plans.claim_plan(session=s, created_by="S01") is None
        plans.save_plan(session=s, created_by="S02", development_weight=0.0, payload={})
        s.commit()
        assert [r.created_by for r in s.exec(select(AssignmentPlanRecord))] == ["S02"]  # pruned


def test_discarding_forgets_the_pending_plan(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={})
        assert plans.discard_plan(session=s, created_by="S01") == 1
        assert plans.pending_plan(session=s, created_by="S01") is None


def test_two_replicas_applying_at_once_apply_the_plan_once(store_engine: Engine) -> None:
    with Session(store_engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={})
        s.commit()
    claimed: list[bool] = []
    started = threading.Event()

    def slow_replica() -> None:
        with Session(store_engine) as s:
            claimed.append(plans.claim_plan(session=s, created_by="S01") is not None)
            started.set()
            time.sleep(0.3)  # applying the plan
            s.commit()

    worker = threading.Thread(target=slow_replica)
    worker.start()
    assert started.wait(5)
    with Session(store_engine) as s:  # the other replica, while the first is still applying
        claimed.append(plans.claim_plan(session=s, created_by="S01") is not None)
        s.commit()
    worker.join()
    assert claimed == [True, False]
