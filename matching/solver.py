"""The assignment optimiser: class problem as an LP, rounding, case placement, LP lower bound.

1. Locked cases stay with their assignee (their hours and count are fixed on that person).
2. Free cases are grouped into classes (difficulty × effort bin, :mod:`matching.classes`).
3. OR-Tools linear solver (GLOP) on counts x[class, staff], lexicographic in two solves.
   Stage 1: every case placed, capacities respected, minimise the busiest staff member's hours.
   Stage 2: the busiest hours may grow by at most the continuity share of a typical case's
   hours; minimise total hours minus ``continuity`` × the case's hours for each case kept with
   its current assignee — a case moves only when that saves more than that share of its hours
   (relative: the same meaning on an office with 1 h or 10 h per case). Counts are rounded (floors, then the largest fractions).
   CP-SAT on the same integer counts was tried: at 35,000 × 100 on two cores it stalled about
   1 % above the class LP bound and ran to its time limit; the LP + placement + local search
   reaches a smaller gap in seconds.
4. Development weight W: juniors (levels 1–2) hold exactly
   ``n0 + round(W * (fair - n0))`` hard cases, where ``n0`` is what they hold at W = 0 and
   ``fair`` is their capacity share of the hard cases. Monotone in W by construction.
5. Lower bound: an LP (GLOP) on fine bins with each bin's *smallest* effort, valid for every
   case-level assignment meeting the same constraints; the gap is reported against it.
6. Placement (:mod:`matching.placement`): classes are dealt case by case (largest first) to the
   least loaded staff member that still has quota in that class, current assignees first; then
   a local search of moves and swaps on the busiest staff member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.linear_solver import pywraplp

from matching.classes import CaseClasses, make_classes
from matching.placement import enforce_juniors_hard, improve, place_cases
from matching.problem import (
    HARD,
    JUNIOR_MAX_LEVEL,
    AssignmentProblem,
    Solution,
    SolverParams,
    juniors_hard_of,
    loads_of,
)
from store.errors import Infeasible, InvalidInput


@dataclass
class DevelopmentPlan:
    solution: Solution
    base: Solution  # W = 0, same constraints otherwise
    development_weight: float

    # Both plans are the optimiser's (a bound-and-gap heuristic, not proven optima): the plan
    # with the development constraint can come out a little better than the one without, which
    # is no negative cost but the gap. Costs are therefore never below zero.

    @property
    def cost_makespan(self) -> float:
        return max(0.0, self.solution.makespan - self.base.makespan)

    @property
    def cost_total(self) -> float:
        return max(0.0, self.solution.total_hours - self.base.total_hours)


# --- validation ---------------------------------------------------------------------


def residual_capacity(problem: AssignmentProblem) -> np.ndarray:
    """Capacity left after locked cases; -1 (no limit) becomes the number of cases."""
    cap = problem.capacity.copy()
    cap[cap < 0] = problem.n_cases
    locked_count = np.bincount(problem.current[problem.locked], minlength=problem.n_staff)
    return cap - locked_count


def validate(
    problem: AssignmentProblem,
    *,
    case_ids: Sequence[str] | None = None,
    staff_ids: Sequence[str] | None = None,
) -> None:
    """Raise a typed error (message key + params) for input no assignment can satisfy."""
    cid = case_ids or [str(i) for i in range(problem.n_cases)]
    sid = staff_ids or [str(i) for i in range(problem.n_staff)]
    bad_lock = np.flatnonzero(problem.locked & (problem.current < 0))
    if bad_lock.size:
        raise InvalidInput("assign.lock_unassigned", case_id=cid[bad_lock[0]], count=int(bad_lock.size))
    cap = problem.capacity
    locked_on = problem.current[problem.locked]
    zero = locked_on[cap[locked_on] == 0]
    if zero.size:
        case = np.flatnonzero(problem.locked & (problem.current == zero[0]))[0]
        raise Infeasible("assign.lock_no_capacity", case_id=cid[case], staff_id=sid[zero[0]])
    residual = residual_capacity(problem)
    over = np.flatnonzero(residual < 0)
    if over.size:
        s = int(over[0])
        raise Infeasible(
            "assign.lock_over_capacity",
            staff_id=sid[s],
            locked=int(np.sum(locked_on == s)),
            capacity=int(cap[s]),
        )
    free = int(np.sum(~problem.locked))
    room = int(np.sum(np.maximum(residual, 0)))
    if free > room:
        raise Infeasible("assign.capacity_short", cases=free, capacity=room, shortfall=free - room)


# --- the class problem --------------------------------------------------------------


@dataclass
class _Sub:
    """The free part of the problem: free cases, staff with room, fixed loads of locks."""

    cases: np.ndarray  # positions of free cases
    staff: np.ndarray  # positions of staff with residual capacity > 0
    cap: np.ndarray  # residual capacity of ``staff``
    fixed: np.ndarray  # (n_staff,) hours of locked cases
    junior: np.ndarray  # bool per ``staff``


def _sub(problem: AssignmentProblem) -> _Sub:
    residual = residual_capacity(problem)
    staff = np.flatnonzero(residual > 0)
    locked = np.flatnonzero(problem.locked)
    fixed = np.bincount(
        problem.current[locked],
        weights=problem.hours_of(locked, problem.current[locked]),
        minlength=problem.n_staff,
    )
    return _Sub(
        cases=np.flatnonzero(~problem.locked),
        staff=staff,
        cap=residual[staff],
        fixed=fixed,
        junior=problem.level[staff] <= JUNIOR_MAX_LEVEL,
    )


def _current_counts(problem: AssignmentProblem, sub: _Sub, cls: CaseClasses) -> np.ndarray:
    """cur[k, j]: free cases of class k currently held by sub-staff j."""
    col = np.full(problem.n_staff, -1, dtype=int)
    col[sub.staff] = np.arange(sub.staff.size)
    cur_staff = problem.current[sub.cases]
    j = np.where(cur_staff >= 0, col[np.maximum(cur_staff, 0)], -1)
    keep = j >= 0
    cur = np.zeros((cls.n_classes, sub.staff.size), dtype=int)
    np.add.at(cur, (cls.class_of[keep], j[keep]), 1)
    return cur


def _class_lp(
    cls: CaseClasses,
    sub: _Sub,
    hours: np.ndarray,
    fixed: np.ndarray,
    *,
    juniors_hard: int | None,
    busiest_cap: float | None = None,
    cur: np.ndarray | None = None,
    credit: float = 0.0,
) -> tuple[np.ndarray, float] | None:
    """The class problem as an LP (GLOP): fractional counts x[k, j] and the busiest hours.

    Without ``busiest_cap``: minimise the busiest hours. With it: hold the busiest hours under
    ``busiest_cap`` and minimise total hours minus ``credit`` per case kept with its current
    assignee (``cur[k, j]`` counts them), ``credit`` a share of that class's hours.
    """
    n_k, n_j = hours.shape
    lp = pywraplp.Solver.CreateSolver("GLOP")
    x = [[lp.NumVar(0.0, float(min(cls.count[k], sub.cap[j])), "") for j in range(n_j)] for k in range(n_k)]
    busiest = lp.NumVar(float(fixed.max()), lp.infinity(), "busiest")
    for k in range(n_k):
        lp.Add(lp.Sum(x[k]) == float(cls.count[k]))
    for j in range(n_j):
        lp.Add(lp.Sum([x[k][j] for k in range(n_k)]) <= float(sub.cap[j]))
        lp.Add(lp.Sum([float(hours[k, j]) * x[k][j] for k in range(n_k)]) + float(fixed[j]) <= busiest)
    if juniors_hard is not None:
        terms = [x[k][j] for k in range(n_k) if cls.difficulty[k] == HARD for j in range(n_j) if sub.junior[j]]
        if terms:
            lp.Add(lp.Sum(terms) == float(juniors_hard))
    if busiest_cap is None:
        lp.Minimize(busiest)
    else:
        lp.Add(busiest <= busiest_cap)
        total = lp.Sum([float(hours[k, j]) * x[k][j] for k in range(n_k) for j in range(n_j)])
        stays = []
        if cur is not None and credit > 0:
            for k, j in zip(*np.nonzero(cur), strict=True):
                stay = lp.NumVar(0.0, float(cur[k, j]), "")
                lp.Add(stay <= x[k][j])
                stays.append(float(credit * hours[k, j]) * stay)
        lp.Minimize(total - lp.Sum(stays) if stays else total)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    values = np.array([[x[k][j].solution_value() for j in range(n_j)] for k in range(n_k)])
    return values, float(busiest.solution_value())


def _round_counts(xf: np.ndarray, count: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Integer counts with the class totals: floors, then the largest fractions with room."""
    x = np.floor(xf + 1e-7).astype(int)
    room = cap - x.sum(axis=0)
    frac = xf - x
    for k in np.argsort(-(count - x.sum(axis=1))):
        need = int(count[k] - x[k].sum())
        for j in np.argsort(-frac[k]):
            if need <= 0:
                break
            if room[j] > 0:
                x[k, j] += 1
                room[j] -= 1
                need -= 1
        if need > 0:  # cannot happen when total capacity holds all cases
            raise Infeasible("assign.solver_failed", status="rounding")
    return x


def class_hours(problem: AssignmentProblem, sub: _Sub, cls: CaseClasses) -> np.ndarray:
    """hours[k, j]: mean expected hours of class k's cases for sub-staff j."""
    if problem.factor is None:
        return cls.mean_effort[:, None] * problem.speed[sub.staff][None, :]
    count = np.maximum(cls.count, 1)
    out = np.empty((cls.n_classes, sub.staff.size))
    for j, s in enumerate(sub.staff):
        out[:, j] = np.bincount(
            cls.class_of, weights=problem.hours_of(sub.cases, int(s)), minlength=cls.n_classes
        ) / count
    return out


def _solve_counts(
    problem: AssignmentProblem,
    sub: _Sub,
    cls: CaseClasses,
    *,
    continuity: float,
    juniors_hard: int | None,
) -> tuple[np.ndarray, str]:
    """Integer counts x[k, j] (class k to sub-staff j) from two LP solves, rounded."""
    hours = class_hours(problem, sub, cls)
    fixed = sub.fixed[sub.staff]
    first = _class_lp(cls, sub, hours, fixed, juniors_hard=juniors_hard)
    if first is None:
        raise Infeasible("assign.solver_failed", status="class LP")
    _, busiest = first
    cur = _current_counts(problem, sub, cls)
    slack = continuity * float(np.median(hours)) if cur.any() else 0.0
    second = _class_lp(
        cls,
        sub,
        hours,
        fixed,
        juniors_hard=juniors_hard,
        busiest_cap=busiest * (1 + 1e-9) + slack,
        cur=cur,
        credit=continuity,
    )
    values, status = (first[0], "LP") if second is None else (second[0], "LP/LP")
    return _round_counts(values, cls.count, sub.cap), status


def lower_bound(
    problem: AssignmentProblem,
    *,
    juniors_hard: int | None,
    bins_per_difficulty: int,
    sub: _Sub | None = None,
) -> float:
    """LP relaxation with each fine bin's smallest effort: a valid bound on the busiest hours."""
    sub = sub or _sub(problem)
    floor = float(sub.fixed.max()) if sub.fixed.size else 0.0
    if sub.cases.size == 0:
        return floor
    cls = make_classes(
        problem.effort[sub.cases], problem.difficulty[sub.cases], bins_per_difficulty=bins_per_difficulty
    )
    lp = pywraplp.Solver.CreateSolver("GLOP")
    n_k, n_j = cls.n_classes, sub.staff.size
    # each bin's cheapest case for each officer
    floor_hours = np.empty((n_k, n_j))
    for j, s in enumerate(sub.staff):
        col = np.full(n_k, np.inf)
        np.minimum.at(col, cls.class_of, problem.hours_of(sub.cases, int(s)))
        floor_hours[:, j] = col
    x = [[lp.NumVar(0.0, float(min(cls.count[k], sub.cap[j])), "") for j in range(n_j)] for k in range(n_k)]
    busiest = lp.NumVar(floor, lp.infinity(), "busiest")
    for k in range(n_k):
        lp.Add(lp.Sum(x[k]) == float(cls.count[k]))
    for j in range(n_j):
        column = [x[k][j] for k in range(n_k)]
        lp.Add(lp.Sum(column) <= float(sub.cap[j]))
        lp.Add(
            lp.Sum([float(floor_hours[k, j]) * x[k][j] for k in range(n_k)])
            + float(sub.fixed[sub.staff[j]])
            <= busiest
        )
    if juniors_hard is not None:
        terms = [x[k][j] for k in range(n_k) if cls.difficulty[k] == HARD for j in range(n_j) if sub.junior[j]]
        if terms:
            lp.Add(lp.Sum(terms) == float(juniors_hard))
    lp.Minimize(busiest)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return floor
    return max(floor, float(busiest.solution_value()) * (1 - 1e-7))


# --- entry points ---------------------------------------------------------------------


def solve(
    problem: AssignmentProblem,
    *,
    continuity: float = 0.0,
    juniors_hard: int | None = None,
    params: SolverParams | None = None,
    case_ids: Sequence[str] | None = None,
    staff_ids: Sequence[str] | None = None,
) -> Solution:
    """The lexicographic optimum (busiest hours, then total hours) with an optional exact count
    of hard cases for juniors.

    With ``problem.margin`` the optimiser works on speed × margin (classes, LPs, placement,
    local search); the solution's loads, busiest and total hours are the expected hours of that
    plan, and its lower bound is the bound on the expected busiest hours (so the gap includes
    what the margin costs in expected hours); ``planned_makespan`` is the balanced figure."""
    if problem.margin is not None:
        expected = replace(problem, margin=None)
        planned = solve(
            replace(expected, speed=problem.speed * problem.margin),
            continuity=continuity,
            juniors_hard=juniors_hard,
            params=params,
            case_ids=case_ids,
            staff_ids=staff_ids,
        )
        loads = loads_of(expected, planned.staff_of)
        free_target = None if juniors_hard is None else juniors_hard - _locked_junior_hard(expected)
        bins = (params or SolverParams()).bound_bins_per_difficulty
        return replace(
            planned,
            loads=loads,
            makespan=float(loads.max()) if loads.size else 0.0,
            total_hours=float(loads.sum()),
            lower_bound=lower_bound(expected, juniors_hard=free_target, bins_per_difficulty=bins),
            planned_makespan=planned.makespan,
        )
    params = params or SolverParams()
    validate(problem, case_ids=case_ids, staff_ids=staff_ids)
    sub = _sub(problem)
    free_target = None if juniors_hard is None else juniors_hard - _locked_junior_hard(problem)
    staff_of = problem.current.copy()
    status = "no free cases"
    n_classes = 0
    if sub.cases.size:
        cls = make_classes(
            problem.effort[sub.cases],
            problem.difficulty[sub.cases],
            bins_per_difficulty=params.bins_per_difficulty,
        )
        n_classes = cls.n_classes
        counts, status = _solve_counts(
            problem, sub, cls, continuity=continuity, juniors_hard=free_target
        )
        staff_of = place_cases(problem, sub.cases, sub.staff, sub.fixed, cls, counts)
        if juniors_hard is not None:
            staff_of = enforce_juniors_hard(problem, staff_of, juniors_hard)
        staff_of = improve(
            problem,
            staff_of,
            continuity=continuity,
            rounds=params.local_search_rounds,
            candidates=params.local_search_candidates,
        )
    loads = loads_of(problem, staff_of)
    bound = lower_bound(
        problem, juniors_hard=free_target, bins_per_difficulty=params.bound_bins_per_difficulty, sub=sub
    )
    return Solution(
        staff_of=staff_of,
        loads=loads,
        makespan=float(loads.max()) if loads.size else 0.0,
        total_hours=float(loads.sum()),
        lower_bound=bound,
        moves=int(np.sum((problem.current >= 0) & (staff_of != problem.current))),
        juniors_hard=juniors_hard_of(problem, staff_of),
        juniors_hard_target=juniors_hard,
        classes=n_classes,
        status=status,
    )


def _locked_junior_hard(problem: AssignmentProblem) -> int:
    on = problem.current[problem.locked]
    hard = problem.difficulty[problem.locked] == HARD
    return int(np.sum(hard & (problem.level[on] <= JUNIOR_MAX_LEVEL)))


def development_target(problem: AssignmentProblem, base: Solution, weight: float) -> int:
    """Hard cases juniors hold at weight W (locked ones included): from their count at W = 0
    toward their share of the hard cases by capacity. Non-decreasing in W."""
    sub = _sub(problem)
    free_hard = int(np.sum(problem.difficulty[sub.cases] == HARD))
    locked_junior_hard = _locked_junior_hard(problem)
    n0 = base.juniors_hard
    room = int(sub.cap[sub.junior].sum())
    share = float(sub.cap[sub.junior].sum()) / max(1.0, float(sub.cap.sum()))
    fair = locked_junior_hard + min(round(free_hard * share), room, free_hard)
    top = max(n0, fair)
    return n0 + round(weight * (top - n0))


def solve_with_development(
    problem: AssignmentProblem,
    *,
    development_weight: float,
    continuity: float = 0.0,
    params: SolverParams | None = None,
    case_ids: Sequence[str] | None = None,
    staff_ids: Sequence[str] | None = None,
) -> DevelopmentPlan:
    if not 0.0 <= development_weight <= 1.0:
        raise InvalidInput("assign.bad_weight", weight=development_weight)
    base = solve(
        problem, continuity=continuity, params=params, case_ids=case_ids, staff_ids=staff_ids
    )
    if development_weight == 0.0:
        return DevelopmentPlan(solution=base, base=base, development_weight=0.0)
    target = development_target(problem, base, development_weight)
    if target == base.juniors_hard:
        return DevelopmentPlan(solution=base, base=base, development_weight=development_weight)
    sol = solve(problem, continuity=continuity, juniors_hard=target, params=params)
    return DevelopmentPlan(solution=sol, base=base, development_weight=development_weight)
