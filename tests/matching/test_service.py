"""The matching service on a small store: the plan, applying it, and reassigning one case."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.problem import SolverParams
from matching.service import apply_assignment, build_assignment, reassign_case
from store.errors import Conflict, Infeasible, NotFound, PermissionDenied
from store.models import AuditLog, Case, CaseAssignment
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


def test_applying_the_plan_records_history(engine: Engine) -> None:
    build_office(engine)
    plan = _plan(engine)
    with Session(engine) as session:
        moved = apply_assignment(session=session, plan=plan, actor_staff_id="S01", surface="cli")
        session.commit()
    with Session(engine) as session:
        rows = session.exec(select(CaseAssignment)).all()
        assert len(rows) == moved == plan.moves
        for r in plan.rows:
            assert session.get(Case, r.case_id).staff_id == r.staff_id  # type: ignore[union-attr]


def test_applying_a_stale_plan_keeps_later_reassignments(engine: Engine) -> None:
    build_office(engine)
    plan = _plan(engine)
    row = next(r for r in plan.rows if r.staff_id != r.previous_staff_id)
    other = next(s for s in ("S01", "A01", "A02", "A03") if s not in (row.staff_id, row.previous_staff_id))
    with Session(engine) as session:
        reassign_case(session=session, case_id=row.case_id, to_staff_id=other, actor_staff_id="S01", surface="web")
        apply_assignment(session=session, plan=plan, actor_staff_id="S01", surface="web")
        session.commit()
    with Session(engine) as session:
        assert session.get(Case, row.case_id).staff_id == other  # type: ignore[union-attr]


def test_applying_a_plan_refuses_non_supervisor(engine: Engine) -> None:
    build_office(engine)
    plan = _plan(engine)
    with Session(engine) as session, pytest.raises(PermissionDenied):
        apply_assignment(session=session, plan=plan, actor_staff_id="A01", surface="web")


def test_reassign_refuses_non_supervisor(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session, pytest.raises(PermissionDenied):
        reassign_case(session=session, case_id="00001", to_staff_id="A02", actor_staff_id="A01", surface="slack")


def test_reassign_refuses_an_actor_who_is_not_staff(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session:
        for actor in (None, "X99"):
            with pytest.raises(PermissionDenied):
                reassign_case(session=session, case_id="00001", to_staff_id="A02", actor_staff_id=actor, surface="web")


def test_reassign_refuses_unknown_staff(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session, pytest.raises(NotFound):
        reassign_case(session=session, case_id="00001", to_staff_id="Z99", actor_staff_id="S01", surface="web")


def test_reassign_refuses_staff_at_capacity(engine: Engine) -> None:
    build_office(engine, capacity={"A02": 13})  # A02 holds 13 of the 40 cases
    with Session(engine) as session, pytest.raises(Conflict) as err:
        reassign_case(session=session, case_id="00001", to_staff_id="A02", actor_staff_id="S01", surface="web")
    assert err.value.key == "assign.over_capacity"


def test_reassign_refuses_a_locked_case_unless_unlocked(engine: Engine) -> None:
    build_office(engine, locked={"00001": "A01"})
    with Session(engine) as session:
        with pytest.raises(Conflict) as err:
            reassign_case(session=session, case_id="00001", to_staff_id="A02", actor_staff_id="S01", surface="web")
        assert err.value.key == "assign.locked_case"
        result = reassign_case(
            session=session, case_id="00001", to_staff_id="A02", actor_staff_id="S01", surface="web", unlock=True
        )
        session.commit()
    assert result.unlocked
    with Session(engine) as session:
        case = session.get(Case, "00001")
        assert case is not None and case.staff_id == "A02" and not case.assignment_locked


def test_reassign_records_history_and_shows_both_peoples_hours(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session:
        result = reassign_case(session=session, case_id="00001", to_staff_id="A02", actor_staff_id="S01", surface="slack")
        session.commit()
    assert result.from_staff_id == "A01" and result.to_staff_id == "A02"
    assert result.from_hours_after == pytest.approx(result.from_hours_before - result.case_hours_from, abs=0.11)
    assert result.to_hours_after == pytest.approx(result.to_hours_before + result.case_hours_to, abs=0.11)
    assert result.case_hours_to < result.case_hours_from  # A02 is the faster officer
    with Session(engine) as session:
        history = session.exec(select(CaseAssignment).where(CaseAssignment.case_id == "00001")).one()
        assert (history.previous_staff_id, history.staff_id, history.changed_by, history.surface) == (
            "A01", "A02", "S01", "slack",
        )
        audit = session.exec(select(AuditLog).where(AuditLog.action == "reassign_case")).one()
        assert audit.staff_id == "S01" and audit.case_id == "00001"
