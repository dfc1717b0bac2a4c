"""Plain data of the assignment problem and its solution (arrays, no store, no solver).

Hours follow the joint model: ``hours[case, staff] = effort[case] × speed[staff] ×
factor[staff, difficulty[case]]`` — the factor is the officer's own difference on 易 / 中 / 難
(the proficiency × difficulty interaction; all 1 without it), mixed over the difficulties the
case may have when ``tier_prob`` is given.
Staff and cases are indexed by position; the service maps positions to IDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

JUNIOR_MAX_LEVEL = 2  # levels 1 新任 and 2 are "junior" for the development weight
HARD = 3  # difficulty 3 難


@dataclass(frozen=True)
class AssignmentProblem:
    effort: np.ndarray  # (n_cases,) float, hours for a staff member of speed 1
    difficulty: np.ndarray  # (n_cases,) int 1..3
    speed: np.ndarray  # (n_staff,) float, hours multiplier (lower is faster)
    level: np.ndarray  # (n_staff,) int 1..4
    capacity: np.ndarray  # (n_staff,) int, max open cases; -1 = no limit
    current: np.ndarray  # (n_cases,) int staff position, -1 = unassigned
    locked: np.ndarray  # (n_cases,) bool: keep with ``current``
    # (n_staff,) planning factor ≥ 1 on each speed: the optimiser balances speed × margin (an
    # officer whose speed is less certain is planned nearer the upper end of their estimate);
    # hours are reported with the expected speed. None = 1 for everyone.
    margin: np.ndarray | None = None
    # (n_staff, 3) hours factor of each officer on difficulty 1..3; None = 1 for everyone
    factor: np.ndarray | None = None
    # (n_cases, 3) probability of each difficulty (effort is estimated); None = ``difficulty``
    tier_prob: np.ndarray | None = None

    @property
    def n_cases(self) -> int:
        return int(self.effort.shape[0])

    @property
    def n_staff(self) -> int:
        return int(self.speed.shape[0])

    def hours(self, case: int, staff: int) -> float:
        return float(self.hours_of(np.asarray(case), np.asarray(staff)))

    def hours_of(self, case: np.ndarray, staff: np.ndarray | int) -> np.ndarray:
        """Expected hours of ``staff`` on ``case`` (broadcast), speed as given (with no margin)."""
        hours = self.effort[case] * self.speed[staff]
        if self.factor is None:
            return hours
        if self.tier_prob is None:
            return hours * self.factor[staff, self.difficulty[case] - 1]
        return hours * np.sum(self.tier_prob[case] * self.factor[staff], axis=-1)

    @staticmethod
    def build(
        *,
        effort: np.ndarray,
        difficulty: np.ndarray,
        speed: np.ndarray,
        level: np.ndarray,
        capacity: np.ndarray | None = None,
        current: np.ndarray | None = None,
        locked: np.ndarray | None = None,
        margin: np.ndarray | None = None,
        factor: np.ndarray | None = None,
        tier_prob: np.ndarray | None = None,
    ) -> AssignmentProblem:
        n, m = len(effort), len(speed)
        return AssignmentProblem(
            effort=np.asarray(effort, dtype=float),
            difficulty=np.asarray(difficulty, dtype=int),
            speed=np.asarray(speed, dtype=float),
            level=np.asarray(level, dtype=int),
            capacity=np.full(m, -1, dtype=int) if capacity is None else np.asarray(capacity, dtype=int),
            current=np.full(n, -1, dtype=int) if current is None else np.asarray(current, dtype=int),
            locked=np.zeros(n, dtype=bool) if locked is None else np.asarray(locked, dtype=bool),
            margin=None if margin is None else np.asarray(margin, dtype=float),
            factor=None if factor is None else np.asarray(factor, dtype=float),
            tier_prob=None if tier_prob is None else np.asarray(tier_prob, dtype=float),
        )


@dataclass(frozen=True)
class SolverParams:
    """Injected solver settings: grouping and the local search."""

    bins_per_difficulty: int = 12  # effort bins per difficulty for the class LP
    bound_bins_per_difficulty: int = 200  # finer bins for the lower-bound LP
    local_search_rounds: int = 20000  # moves/swaps off the busiest staff member, at most
    local_search_candidates: int = 16  # least loaded staff tried per round


@dataclass
class Solution:
    staff_of: np.ndarray  # (n_cases,) int staff position
    loads: np.ndarray  # (n_staff,) expected hours
    makespan: float  # the busiest staff member's expected hours
    total_hours: float
    lower_bound: float  # valid lower bound on the makespan (LP relaxation)
    moves: int  # cases that leave their current assignee
    juniors_hard: int  # hard cases held by junior staff
    juniors_hard_target: int | None = None
    classes: int = 0
    status: str = ""
    notes: list[str] = field(default_factory=list)
    # the busiest hours the optimiser balanced (speed × margin); None = no margin
    planned_makespan: float | None = None

    @property
    def gap(self) -> float:
        if self.lower_bound <= 0:
            return 0.0
        return max(0.0, self.makespan / self.lower_bound - 1.0)


def loads_of(problem: AssignmentProblem, staff_of: np.ndarray) -> np.ndarray:
    hours = problem.hours_of(np.arange(problem.n_cases), staff_of)
    return np.bincount(staff_of, weights=hours, minlength=problem.n_staff)


def juniors_hard_of(problem: AssignmentProblem, staff_of: np.ndarray) -> int:
    junior = problem.level[staff_of] <= JUNIOR_MAX_LEVEL
    return int(np.sum(junior & (problem.difficulty == HARD)))
