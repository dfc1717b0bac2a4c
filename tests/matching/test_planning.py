"""The assignment plan on a small store: every open case placed within capacities, the faster
officer busier, locks kept, shortfalls named, the fallback without a work log."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.planning import build_assignment
from matching.problem import SolverParams
from store.errors import Infeasible
from tests.matching.office import build_office
from tools.messages import error_text

FAST = SolverParams(bins_per_difficulty=4, bound_bins_per_difficulty=20)


def _plan(engine: Engine, weight: float = 0.0):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return build_assignment(session=session, development_weight=weight, continuity=0.1, params=FAST)


def test_plan_places_every_open_case_within_capacities(engine: Engine) -> None:
    ids = build_office(engine, capacity={"A03": 5})
    plan = _plan(engine)
    assert sorted(r.case_id for r in plan.rows) == ids
    by_staff = {s.staff_id: s for s in plan.summary}
    assert by_staff["A03"].cases <= 5
    assert sum(s.cases for s in plan.summary) == len(ids)
    assert plan.lower_bound <= plan.makespan + 1e-6
    assert {r.difficulty for r in plan.rows} == {1, 2, 3}


def test_fast_officer_gets_more_work_than_slow_officer(engine: Engine) -> None:
    build_office(engine)
    plan = _plan(engine)
    by_staff = {s.staff_id: s for s in plan.summary}
    assert by_staff["A02"].level > by_staff["A03"].level
    assert by_staff["A02"].cases + by_staff["A02"].hard >= by_staff["A03"].cases + by_staff["A03"].hard


def test_locked_case_stays_and_capacity_zero_staff_get_nothing(engine: Engine) -> None:
    build_office(engine, capacity={"A01": 0, "S01": 30, "A02": 30, "A03": 30}, locked={"00007": "A03"})
    plan = _plan(engine)
    row = next(r for r in plan.rows if r.case_id == "00007")
    assert row.staff_id == "A03"
    assert not any(r.staff_id == "A01" for r in plan.rows)


def test_capacities_too_small_are_refused_with_the_shortfall(engine: Engine) -> None:
    build_office(engine, capacity={"S01": 5, "A01": 5, "A02": 5, "A03": 5})
    with pytest.raises(Infeasible) as err:
        _plan(engine)
    assert err.value.params["shortfall"] == 25  # the supervisor (no cases) takes nothing new
    assert "25 件不足" in error_text(err.value)


def test_lock_on_staff_without_capacity_is_refused(engine: Engine) -> None:
    build_office(engine, capacity={"A01": 0, "S01": 40}, locked={"00003": "A01"})
    with pytest.raises(Infeasible) as err:
        _plan(engine)
    assert "00003" in error_text(err.value) and "A01" in error_text(err.value)


def test_without_work_log_the_plan_falls_back_to_experience_and_says_so(engine: Engine) -> None:
    build_office(engine, work_log=False)
    plan = _plan(engine)
    assert ("assign.no_work_log", {}) in plan.notes
    by_staff = {s.staff_id: s for s in plan.summary}
    assert by_staff["S01"].level == 4 and by_staff["A03"].level == 1  # 15 years vs 1 year
