"""Pending assignment plans in the store: one per supervisor, applied once, expired after a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store import assignment_plans as plans
from store.models import AssignmentPlanRecord, utcnow


def test_a_new_plan_replaces_the_supervisors_pending_one(engine: Engine) -> None:
    with Session(engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={"n": 1})
        plans.save_plan(session=s, created_by="S02", development_weight=0.0, payload={"n": 2})
        plans.save_plan(session=s, created_by="S01", development_weight=0.5, payload={"n": 3})
        s.commit()
    with Session(engine) as s:
        mine = plans.pending_plan(session=s, created_by="S01")
        theirs = plans.pending_plan(session=s, created_by="S02")
        assert mine is not None and mine.payload == {"n": 3} and mine.development_weight == 0.5
        assert theirs is not None and theirs.payload == {"n": 2}
        assert len(s.exec(select(AssignmentPlanRecord)).all()) == 2


def test_a_plan_is_claimed_once(engine: Engine) -> None:
    with Session(engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={"n": 1})
        s.commit()
    with Session(engine) as first:
        assert plans.claim_plan(session=first, created_by="S01") is not None
        first.commit()
    with Session(engine) as second:
        assert plans.claim_plan(session=second, created_by="S01") is None
        assert plans.pending_plan(session=second, created_by="S01") is None


def test_an_old_plan_has_expired(engine: Engine) -> None:
    with Session(engine) as s:
        record = plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={})
        record.created_at = utcnow() - plans.PLAN_MAX_AGE - timedelta(minutes=1)
        s.commit()
    with Session(engine) as s:
        assert plans.pending_plan(session=s, created_by="S01") is None
        assert plans.claim_plan(session=s, created_by="S01") is None
        plans.save_plan(session=s, created_by="S02", development_weight=0.0, payload={})
        s.commit()
        assert [r.created_by for r in s.exec(select(AssignmentPlanRecord))] == ["S02"]  # pruned


def test_discarding_forgets_the_pending_plan(engine: Engine) -> None:
    with Session(engine) as s:
        plans.save_plan(session=s, created_by="S01", development_weight=0.0, payload={})
        assert plans.discard_plan(session=s, created_by="S01") == 1
        assert plans.pending_plan(session=s, created_by="S01") is None
