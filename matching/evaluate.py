"""`choshu evaluate assignment`: holdout error of predicted hours, and the busiest staff
member's hours under round-robin vs the optimiser (expected, and with the generator's truth).

Holdout: the last complete fiscal year before the one of the export's date (前年度). The model
is fitted on the earlier years only; it predicts each held-out row's hours (staff × case ×
the known share of the year the case was open). Baselines, given the same exposure: the global
mean hours per year, the mean per difficulty, and each officer's own mean (what a naive
per-staff average would say).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matching.bench import round_robin
from matching.office import fiscal_year, fit_office, work_log
from matching.problem import AssignmentProblem, SolverParams, loads_of
from matching.solver import solve
from store.errors import InvalidInput
from store.matching_queries import MatchingTables


@dataclass(frozen=True)
class ErrorRow:
    name: str  # "model", "global_mean", "difficulty_mean", "staff_mean"
    mae: float
    mape: float


@dataclass(frozen=True)
class Busiest:
    name: str  # "expected" (model hours) or "true"
    round_robin: float
    optimiser: float
    best: float | None = None  # the optimiser run on true hours
    bound: float | None = None  # its LP lower bound


@dataclass
class AssignmentEvaluation:
    holdout_year: int | None
    holdout_rows: int
    train_rows: int
    errors: list[ErrorRow] = field(default_factory=list)
    busiest: list[Busiest] = field(default_factory=list)
    effort_corr: float | None = None  # correlation of log effort with the truth (open cases)
    speed_corr: float | None = None  # correlation of log speed with the truth

    @property
    def done(self) -> tuple[float, float] | None:
        """(% above the best possible, % below round-robin) in true hours."""
        true = next((b for b in self.busiest if b.name == "true"), None)
        if true is None or not true.best:
            return None
        return (100 * (true.optimiser / true.best - 1), 100 * (1 - true.optimiser / true.round_robin))


@dataclass(frozen=True)
class Truth:
    effort: dict[str, float]  # case_id → effort_hours
    difficulty: dict[str, int]
    speed: dict[str, float]  # staff_id → speed
    level: dict[str, int]
    # true hours = effort × speed ** scale[difficulty − 1] (the generator's interaction story)
    scale: tuple[float, float, float] = (1.0, 1.0, 1.0)


def _errors(name: str, pred: np.ndarray, actual: np.ndarray) -> ErrorRow:
    return ErrorRow(
        name=name,
        mae=float(np.mean(np.abs(pred - actual))),
        mape=float(100 * np.mean(np.abs(pred - actual) / actual)),
    )


def holdout_errors(tables: MatchingTables, *, holdout_year: int | None = None) -> AssignmentEvaluation:
    years = tables.log_year
    if holdout_year is None:
        before = years[years < fiscal_year(tables.reference_date)]
        holdout_year = int(before.max()) if before.size else None
    if holdout_year is None:
        return AssignmentEvaluation(holdout_year=None, holdout_rows=0, train_rows=int(years.size))
    train = years < holdout_year
    test = years == holdout_year
    if not train.any() or not test.any():
        return AssignmentEvaluation(holdout_year=holdout_year, holdout_rows=int(test.sum()), train_rows=int(train.sum()))
    om = fit_office(tables, log_mask=train)
    tr, te = work_log(tables, train), work_log(tables, test)
    m = om.model
    pred = m.expected_hours(te.case, te.staff) * np.exp(m.exposure_coef * te.log_exposure + m.closing_coef * te.closing)
    actual = te.hours

    # baselines see the same exposure: hours per full year × the share of the year
    per_year = tr.hours / np.exp(tr.log_exposure)
    expo = np.exp(te.log_exposure)
    global_mean = float(per_year.mean()) * expo
    diff_tr = om.difficulty[tr.case]
    diff_te = om.difficulty[te.case]
    by_diff = {d: float(per_year[diff_tr == d].mean()) if (diff_tr == d).any() else float(per_year.mean()) for d in (1, 2, 3)}
    difficulty_mean = np.array([by_diff[int(d)] for d in diff_te]) * expo
    staff_mean_of = np.full(len(tables.staff), float(per_year.mean()))
    for s in np.unique(tr.staff):
        staff_mean_of[s] = float(per_year[tr.staff == s].mean())
    staff_mean = staff_mean_of[te.staff] * expo
    return AssignmentEvaluation(
        holdout_year=holdout_year,
        holdout_rows=int(test.sum()),
        train_rows=int(train.sum()),
        errors=[
            _errors("model", pred, actual),
            _errors("global_mean", global_mean, actual),
            _errors("difficulty_mean", difficulty_mean, actual),
            _errors("staff_mean", staff_mean, actual),
        ],
    )


def busiest_comparison(
    tables: MatchingTables,
    problem: AssignmentProblem,
    open_cases: np.ndarray,
    staff_of: np.ndarray,
    *,
    truth: Truth | None,
    params: SolverParams | None = None,
) -> tuple[list[Busiest], AssignmentProblem | None]:
    rr = round_robin(problem)
    rows = [
        Busiest(
            name="expected",
            round_robin=float(loads_of(problem, rr).max()),
            optimiser=float(loads_of(problem, staff_of).max()),
        )
    ]
    if truth is None:
        return rows, None
    case_ids = [tables.case_ids[j] for j in open_cases]
    missing = [c for c in case_ids if c not in truth.effort] + [
        s.staff_id for s in tables.staff if s.staff_id not in truth.speed
    ]
    if missing:
        raise InvalidInput("assign.eval.truth_mismatch", count=len(missing), example=missing[0])
    true_speed = np.array([truth.speed[s.staff_id] for s in tables.staff])
    true_diff = np.array([truth.difficulty.get(c, 2) for c in case_ids])
    scale = np.asarray(truth.scale, dtype=float)
    true_problem = AssignmentProblem.build(
        effort=np.array([truth.effort[c] for c in case_ids]),
        difficulty=true_diff,
        speed=true_speed,
        factor=None if np.all(scale == 1.0) else true_speed[:, None] ** (scale[None, :] - 1.0),
        level=problem.level,
        capacity=problem.capacity,
        current=problem.current,
        locked=problem.locked,
    )
    best = solve(true_problem, continuity=0.0, params=params)
    rows.append(
        Busiest(
            name="true",
            round_robin=float(loads_of(true_problem, rr).max()),
            optimiser=float(loads_of(true_problem, staff_of).max()),
            best=best.makespan,
            bound=best.lower_bound,
        )
    )
    return rows, true_problem
