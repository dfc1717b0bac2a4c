"""Synthetic assignment problems and the round-robin baseline, for `choshu bench assign`."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from matching.problem import AssignmentProblem, SolverParams, loads_of
from matching.solver import solve

# the proficiency × difficulty interaction of the synthetic office: how much the speed effect
# counts on 易 / 中 / 難, and how uncertain each case's tier is (sd of its log effort)
SCALE = np.array([0.4, 1.0, 1.6])
TIER_SD = 0.25


def synthetic_problem(*, cases: int, staff: int, seed: int = 0) -> AssignmentProblem:
    """Lognormal efforts, four experience levels whose gap grows with difficulty (each case's
    tier known only as probabilities), capacities with ~15 % slack, half the cases with a
    current assignee and 1 % locked."""
    rng = np.random.default_rng(seed)
    effort = rng.lognormal(mean=np.log(8.0), sigma=0.6, size=cases)
    cut = np.quantile(effort, [1 / 3, 2 / 3])
    difficulty = 1 + (effort > cut[0]).astype(int) + (effort > cut[1]).astype(int)
    level = rng.integers(1, 5, size=staff)
    speed = np.exp(rng.normal(0.0, 0.08, size=staff)) * np.array([1.5, 1.2, 1.0, 0.85])[level - 1]
    capacity = np.full(staff, int(np.ceil(cases / staff * 1.15)))
    current = np.where(rng.random(cases) < 0.5, rng.integers(0, staff, size=cases), -1)
    # keep current assignments within capacity
    for s in range(staff):
        idx = np.flatnonzero(current == s)
        if idx.size > capacity[s]:
            current[idx[capacity[s] :]] = -1
    locked = (current >= 0) & (rng.random(cases) < 0.01)
    factor = np.exp(np.log(speed)[:, None] * (SCALE[None, :] - 1.0))
    log_e, (low, high) = np.log(effort), np.log(cut)
    p_low = norm.cdf((low - log_e) / TIER_SD)
    p_high = norm.sf((high - log_e) / TIER_SD)
    tier_prob = np.column_stack([p_low, np.maximum(0.0, 1.0 - p_low - p_high), p_high])
    return AssignmentProblem.build(
        factor=factor,
        tier_prob=tier_prob,
        effort=effort,
        difficulty=difficulty,
        speed=speed,
        level=level,
        capacity=capacity,
        current=current,
        locked=locked,
    )


def round_robin(problem: AssignmentProblem) -> np.ndarray:
    """Cases in order dealt to staff in turn, skipping anyone full; locked cases stay."""
    cap = problem.capacity.copy()
    cap[cap < 0] = problem.n_cases
    staff_of = problem.current.copy()
    count = np.bincount(problem.current[problem.locked], minlength=problem.n_staff)
    turn = 0
    for case in np.flatnonzero(~problem.locked):
        for _ in range(problem.n_staff):
            s = turn % problem.n_staff
            turn += 1
            if count[s] < cap[s]:
                staff_of[case] = s
                count[s] += 1
                break
    return staff_of


@dataclass
class BenchRow:
    cases: int
    staff: int
    seconds: float
    makespan: float
    lower_bound: float
    gap: float
    round_robin: float
    classes: int
    status: str

    @property
    def ratio_to_round_robin(self) -> float:
        return self.makespan / self.round_robin if self.round_robin else 0.0


def run_bench(*, cases: int, staff: int, seed: int = 0, params: SolverParams | None = None) -> BenchRow:
    problem = synthetic_problem(cases=cases, staff=staff, seed=seed)
    rr = float(loads_of(problem, round_robin(problem)).max())
    start = time.perf_counter()
    sol = solve(problem, continuity=0.2, params=params)
    seconds = time.perf_counter() - start
    return BenchRow(
        cases=cases,
        staff=staff,
        seconds=seconds,
        makespan=sol.makespan,
        lower_bound=sol.lower_bound,
        gap=sol.gap,
        round_robin=rr,
        classes=sol.classes,
        status=sol.status,
    )
