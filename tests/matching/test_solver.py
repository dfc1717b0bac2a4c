"""The optimiser on small plain arrays: capacities, locks, continuity, development weight."""

from __future__ import annotations

import numpy as np
import pytest

from matching.bench import round_robin, synthetic_problem
from matching.problem import JUNIOR_MAX_LEVEL, AssignmentProblem, SolverParams
from matching.solver import solve, solve_with_development
from store.errors import Infeasible, InvalidInput
from tools.messages import error_text

FAST = SolverParams(bins_per_difficulty=6, bound_bins_per_difficulty=30)


def _problem(**overrides: object) -> AssignmentProblem:
    rng = np.random.default_rng(3)
    n = 120
    effort = rng.lognormal(np.log(8), 0.6, n)
    cut = np.quantile(effort, [1 / 3, 2 / 3])
    args: dict[str, object] = {
        "effort": effort,
        "difficulty": 1 + (effort > cut[0]) + (effort > cut[1]),
        "speed": np.array([1.5, 1.3, 1.0, 1.0, 0.85, 0.8]),
        "level": np.array([1, 2, 3, 3, 4, 4]),
        "capacity": np.array([30, 30, 30, 30, 30, 30]),
    }
    args.update(overrides)
    return AssignmentProblem.build(**args)  # type: ignore[arg-type]


def test_every_case_is_placed_within_capacities() -> None:
    problem = _problem(capacity=np.array([10, 40, 20, 20, 20, 15]))
    sol = solve(problem, params=FAST)
    assert (sol.staff_of >= 0).all()
    counts = np.bincount(sol.staff_of, minlength=problem.n_staff)
    assert (counts <= problem.capacity).all()


def test_staff_with_capacity_zero_get_no_cases() -> None:
    problem = _problem(capacity=np.array([30, 0, 30, 30, 0, 30]))
    sol = solve(problem, params=FAST)
    assert not np.isin(sol.staff_of, [1, 4]).any()


def test_locked_cases_stay_with_their_assignee() -> None:
    current = np.full(120, -1)
    current[:10] = 0
    current[10:15] = 5
    locked = np.zeros(120, dtype=bool)
    locked[:15] = True
    problem = _problem(current=current, locked=locked)
    sol = solve(problem, params=FAST)
    assert (sol.staff_of[:10] == 0).all() and (sol.staff_of[10:15] == 5).all()


def test_busiest_is_far_below_round_robin_and_close_to_the_bound() -> None:
    problem = _problem()
    sol = solve(problem, params=FAST)
    rr = np.bincount(round_robin(problem), weights=problem.effort * problem.speed[round_robin(problem)])
    assert sol.makespan < 0.9 * rr.max()
    assert sol.lower_bound <= sol.makespan
    assert sol.gap < 0.05


def test_current_assignee_is_kept_when_moving_gains_little() -> None:
    problem = _problem(current=np.arange(120) % 6)
    kept = solve(problem, continuity=50.0, params=FAST)
    free = solve(problem, continuity=0.0, params=FAST)
    assert kept.moves < free.moves
    assert kept.moves <= 12


def test_more_development_weight_never_gives_juniors_fewer_hard_cases() -> None:
    problem = synthetic_problem(cases=300, staff=8, seed=5)
    held = []
    for weight in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        plan = solve_with_development(problem, development_weight=weight, continuity=0.2, params=FAST)
        junior = problem.level[plan.solution.staff_of] <= JUNIOR_MAX_LEVEL
        held.append(int(np.sum(junior & (problem.difficulty == 3))))
    assert held == sorted(held)
    assert held[-1] > held[0]


def test_the_cost_of_development_is_never_shown_below_zero() -> None:
    """The plan with juniors on hard cases is more constrained: when the optimiser happens to
    find it a little better than the plan without, that is its gap, not a negative cost."""
    from matching.solver import DevelopmentPlan

    problem = synthetic_problem(cases=300, staff=8, seed=5)
    base = solve_with_development(problem, development_weight=0.0, continuity=0.2, params=FAST).solution
    dev = solve_with_development(problem, development_weight=0.6, continuity=0.2, params=FAST).solution
    assert (dev.makespan, dev.total_hours) != (base.makespan, base.total_hours)
    # whichever way round, one of the two differences is below zero before it is shown
    for with_dev, without in ((dev, base), (base, dev)):
        plan = DevelopmentPlan(solution=with_dev, base=without, development_weight=0.6)
        assert plan.cost_makespan == max(0.0, with_dev.makespan - without.makespan)
        assert plan.cost_total == max(0.0, with_dev.total_hours - without.total_hours)
        assert plan.cost_makespan >= 0.0 and plan.cost_total >= 0.0


def test_capacities_too_small_say_how_many_cases_are_short() -> None:
    problem = _problem(capacity=np.array([10, 10, 10, 10, 10, 10]))
    with pytest.raises(Infeasible) as err:
        solve(problem, params=FAST)
    assert err.value.params["shortfall"] == 60
    assert "60 件不足" in error_text(err.value)


def test_lock_on_staff_without_capacity_is_refused_by_name() -> None:
    current = np.full(120, -1)
    current[7] = 1
    locked = np.zeros(120, dtype=bool)
    locked[7] = True
    problem = _problem(capacity=np.array([40, 0, 40, 40, 40, 40]), current=current, locked=locked)
    with pytest.raises(Infeasible) as err:
        solve(problem, params=FAST, case_ids=[f"C{i}" for i in range(120)], staff_ids=list("ABCDEF"))
    text = error_text(err.value)
    assert "C7" in text and "B" in text


def test_development_weight_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(InvalidInput):
        solve_with_development(_problem(), development_weight=1.5, params=FAST)


def test_cases_of_an_officer_with_capacity_zero_move_to_others() -> None:
    current = np.zeros(120, dtype=int)  # everything with officer 0 today
    problem = _problem(capacity=np.array([0, 30, 30, 30, 30, 30]), current=current)
    sol = solve(problem, continuity=100.0, params=FAST)
    assert not (sol.staff_of == 0).any()
    assert sol.moves == 120


def test_all_cases_locked_leaves_the_table_as_it_is() -> None:
    current = np.arange(120) % 6
    problem = _problem(current=current, locked=np.ones(120, dtype=bool))
    sol = solve(problem, params=FAST)
    assert (sol.staff_of == current).all() and sol.moves == 0


def test_an_officer_known_less_well_is_not_filled_to_the_brim() -> None:
    # Two officers of the same expected speed; the plan keeps a margin on the one whose speed is
    # less certain, and reports every figure in expected hours.
    plain = _problem()
    margin = np.ones(plain.n_staff)
    margin[3] = 1.06
    hedged = _problem(margin=margin)
    a, b = solve(plain, params=FAST), solve(hedged, params=FAST)
    assert b.loads[3] < a.loads[3]
    assert b.loads[3] < b.loads[2] * 0.97
    assert b.makespan == pytest.approx(float(b.loads.max()))
    assert b.total_hours == pytest.approx(float(np.sum(plain.effort * plain.speed[b.staff_of])))
    assert b.planned_makespan is not None and b.planned_makespan >= b.makespan
    assert b.lower_bound <= b.makespan + 1e-6  # the bound is on the expected busiest hours
