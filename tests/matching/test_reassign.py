"""Applying a plan and reassigning one case on a small store: history rows, later decisions
kept, capacity and locks respected, both people's hours before and after. (Who may do it, and
the audit, belong to the use cases: tests/tools/test_usecases.py.)"""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.apply import apply_assignment
from matching.planning import build_assignment
from matching.problem import SolverParams
from matching.reassign import reassign_case
from store.errors import Conflict, NotFound
from store.models import Case, CaseAssignment
from tests.matching.office import build_office

FAST = SolverParams(bins_per_difficulty=4, bound_bins_per_difficulty=20)


def _plan(engine: Engine, weight: float = 0.0):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return build_assignment(session=session, development_weight=weight, continuity=0.1, params=FAST)


def test_applying_the_plan_records_history(engine: Engine) -> None:
    build_office(engine)
    plan = _plan(engine)
    with Session(engine) as session:
        moved = apply_assignment(session=session, plan=plan, changed_by="S01", surface="cli")
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
        reassign_case(session=session, case_id=row.case_id, to_staff_id=other, changed_by="S01", surface="web")
        apply_assignment(session=session, plan=plan, changed_by="S01", surface="web")
        session.commit()
    with Session(engine) as session:
        assert session.get(Case, row.case_id).staff_id == other  # type: ignore[union-attr]


def test_reassign_refuses_unknown_staff(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session, pytest.raises(NotFound):
        reassign_case(session=session, case_id="00001", to_staff_id="Z99", changed_by="S01", surface="web")


def test_reassign_refuses_staff_at_capacity(engine: Engine) -> None:
    build_office(engine, capacity={"A02": 13})  # A02 holds 13 of the 40 cases
    with Session(engine) as session, pytest.raises(Conflict) as err:
        reassign_case(session=session, case_id="00001", to_staff_id="A02", changed_by="S01", surface="web")
    assert err.value.key == "assign.over_capacity"


def test_reassign_refuses_a_locked_case_unless_unlocked(engine: Engine) -> None:
    build_office(engine, locked={"00001": "A01"})
    with Session(engine) as session:
        with pytest.raises(Conflict) as err:
            reassign_case(session=session, case_id="00001", to_staff_id="A02", changed_by="S01", surface="web")
        assert err.value.key == "assign.locked_case"
        result = reassign_case(
            session=session, case_id="00001", to_staff_id="A02", changed_by="S01", surface="web", unlock=True
        )
        session.commit()
    assert result.unlocked
    with Session(engine) as session:
        case = session.get(Case, "00001")
        assert case is not None and case.staff_id == "A02" and not case.assignment_locked


def test_reassign_records_history_and_shows_both_peoples_hours(engine: Engine) -> None:
    build_office(engine)
    with Session(engine) as session:
        result = reassign_case(session=session, case_id="00001", to_staff_id="A02", changed_by="S01", surface="slack")
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
