"""The proficiency × difficulty interaction, teams and supervisors (issue 14)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.hours import WorkLog, fit_hours_model
from matching.planning import build_assignment
from matching.problem import AssignmentProblem
from matching.solver import solve
from store.errors import InvalidInput
from store.models import Case, Staff
from store.models import WorkLog as WorkLogRow
from tests.matching.office import build_office


def _draw(interaction: bool, seed: int = 3) -> tuple[WorkLog, np.ndarray, np.ndarray, np.ndarray]:
    """12 officers (levels 1..4 by years), 3,000 cases of three difficulties, handed out mostly
    by difficulty (veterans get the hard ones) with every officer seeing every difficulty."""
    rng = np.random.default_rng(seed)
    level = np.repeat([1, 2, 3, 4], 3)
    years = np.array([1, 2, 3, 5, 6, 8, 10, 12, 14, 18, 22, 25], dtype=float)
    table = np.array([[1.45, 3.6, 8.4], [1.35, 2.8, 5.7], [1.25, 2.15, 3.8], [1.15, 1.75, 2.6]])
    if not interaction:
        table = np.outer([1.3, 1.2, 1.1, 1.0], [1.3, 2.5, 4.6])
    n = 3000
    diff = rng.integers(0, 3, n)
    factor = rng.lognormal(0, 0.25, n)
    features = np.column_stack([diff + rng.normal(0, 0.4, n), rng.normal(size=n)])
    staff, case = [], []
    for c in range(n):
        pref = np.exp(-np.abs(level - 1 - 1.5 * diff[c]))  # veterans hold the hard cases
        for _ in range(1 + int(rng.random() < 0.3)):
            staff.append(int(rng.choice(12, p=pref / pref.sum())))
            case.append(c)
    s, c = np.array(staff), np.array(case)
    hours = table[level[s] - 1, diff[c]] * factor[c] * rng.lognormal(0, 0.3, s.size)
    log = WorkLog(staff=s, case=c, hours=hours, log_exposure=np.zeros(s.size), closing=np.zeros(s.size))
    return log, features, years, level


def _gaps(interaction_in_log: bool) -> tuple[np.ndarray, object]:
    log, features, years, level = _draw(interaction_in_log)
    model = fit_hours_model(log=log, case_features=features, staff_years=years, interaction=True)
    # the model's hours of a new officer (level 1) over a veteran (level 4), per difficulty tier
    tiers = model.tiers
    junior, veteran = np.flatnonzero(level == 1), np.flatnonzero(level == 4)
    gaps = []
    for t in range(3):
        cases = np.flatnonzero(tiers == t)
        hj = np.mean([model.expected_hours(cases, np.full(cases.size, s)).mean() for s in junior])
        hv = np.mean([model.expected_hours(cases, np.full(cases.size, s)).mean() for s in veteran])
        gaps.append(hj / hv)
    return np.array(gaps), model


def test_an_interaction_in_the_log_is_recovered_and_the_plan_gives_hard_cases_to_fast_officers() -> None:
    gaps, model = _gaps(True)
    # true junior / veteran ratios 1.26, 2.06, 3.23: the gap grows with difficulty
    assert gaps[0] < gaps[1] < gaps[2]
    assert gaps[2] / gaps[0] > 1.5
    # the plan: equal capacities, every case free; veterans take most hard cases
    level = np.repeat([1, 2, 3, 4], 3)
    open_cases = np.arange(600)
    problem = AssignmentProblem.build(
        effort=model.effort[open_cases], difficulty=model.tiers[open_cases] + 1, speed=model.speed,
        level=level, capacity=np.full(12, 60), factor=model.tier_factor,
    )
    sol = solve(problem)
    hard = problem.difficulty == 3
    assert np.sum(hard & (level[sol.staff_of] == 4)) > 2 * np.sum(hard & (level[sol.staff_of] == 1))
    easy = problem.difficulty == 1
    assert np.sum(easy & (level[sol.staff_of] == 1)) > np.sum(easy & (level[sol.staff_of] == 4))


def test_a_log_without_interaction_is_not_forced_into_one() -> None:
    gaps, _ = _gaps(False)
    # true ratio 1.3 on every tier
    assert np.all(np.abs(gaps - 1.3) < 0.15)
    assert gaps[2] / gaps[0] < 1.2


def test_a_row_before_the_case_opened_does_not_inflate_it(engine: Engine) -> None:
    from matching.office import fit_office, out_of_period
    from store import matching_queries as q

    ids = build_office(engine)
    with Session(engine) as session:
        # the case opened in FY2023; a row of FY2020 (a year before it opened) with 3 hours
        session.add(WorkLogRow(case_id=ids[0], staff_id="A01", fiscal_year=2020, hours=3.0, result="ongoing", row_hash="early"))
        session.commit()
        tables = q.load_tables(session=session)
    assert int(out_of_period(tables).sum()) == 1
    om = fit_office(tables)
    assert any(key == "assign.out_of_period" for key, _ in om.notes)
    with Session(engine) as session:
        session.delete(session.exec(select(WorkLogRow).where(WorkLogRow.row_hash == "early")).one())
        session.commit()
        clean = q.load_tables(session=session)
    base = fit_office(clean)
    j = clean.case_ids.index(ids[0])
    # the early row is left out: the case's effort is what the other rows say
    assert om.model.effort[j] == pytest.approx(base.model.effort[j], rel=0.05)


def _teams(engine: Engine) -> None:
    with Session(engine) as session:
        for sid, team in (("A01", "1"), ("A02", "2"), ("A03", "2")):
            session.get(Staff, sid).team = team
        session.commit()


def test_a_team_plan_moves_nothing_across_teams(engine: Engine) -> None:
    build_office(engine)
    _teams(engine)
    with Session(engine) as session:
        plan = build_assignment(session=session, development_weight=0.0, continuity=0.0, team="2")
        whole = build_assignment(session=session, development_weight=0.0, continuity=0.0)
        with pytest.raises(InvalidInput):
            build_assignment(session=session, development_weight=0.0, continuity=0.0, team="第九係")
    assert {r.staff_id for r in plan.rows} <= {"A02", "A03"}
    assert {r.previous_staff_id for r in plan.rows} <= {"A02", "A03"}
    assert plan.cross_team_moves == 0 and not any(r.cross_team for r in plan.rows)
    # the whole-office plan may move across teams and says so
    assert whole.cross_team_moves == sum(r.cross_team for r in whole.rows)


def test_a_supervisor_keeps_their_cases_and_takes_no_new_one_by_default(engine: Engine) -> None:
    ids = build_office(engine)
    with Session(engine) as session:
        for cid in ids[:3]:
            session.get(Case, cid).staff_id = "S01"
        session.commit()
        plan = build_assignment(session=session, development_weight=0.0, continuity=0.0)
        planned = build_assignment(session=session, development_weight=0.0, continuity=0.0, supervisors_take_new=True)
    held = {r.case_id for r in plan.rows if r.staff_id == "S01"}
    assert held == set(ids[:3])
    # planned like a collector, the supervisor (speed 0.8, one of the fastest) takes more
    assert sum(r.staff_id == "S01" for r in planned.rows) > 3
