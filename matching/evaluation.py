"""Evaluating the assignment engine on a store: holdout errors of the hours model and the
busiest officer under round-robin vs the optimiser, against the generator's truth when given
(the pure metrics live in :mod:`matching.evaluate`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from sqlmodel import Session

from matching.evaluate import AssignmentEvaluation, Truth, busiest_comparison, holdout_errors
from matching.fitted import office_model
from matching.planning import plan_scope, scope_problem
from matching.problem import SolverParams
from matching.solver import solve_with_development
from store import matching_queries as q
from store.errors import InvalidInput


def read_truth(directory: Path) -> Truth:
    """The generator's truth (``case_truth.csv``, ``staff_truth.csv``): evaluation only."""
    cases, staff = directory / "case_truth.csv", directory / "staff_truth.csv"
    if not cases.is_file() or not staff.is_file():
        raise InvalidInput("assign.eval.truth_missing", path=str(directory))
    with cases.open(encoding="utf-8-sig", newline="") as fh:
        case_rows = list(csv.DictReader(fh))
    with staff.open(encoding="utf-8-sig", newline="") as fh:
        staff_rows = list(csv.DictReader(fh))
    scale = (1.0, 1.0, 1.0)
    params = directory / "generator.json"
    if params.is_file():
        found = json.loads(params.read_text(encoding="utf-8")).get("staff_scale")
        if isinstance(found, list) and len(found) == 3:
            scale = (float(found[0]), float(found[1]), float(found[2]))
    return Truth(
        scale=scale,
        effort={r["case_id"]: float(r["effort_hours"]) for r in case_rows},
        difficulty={r["case_id"]: int(r["difficulty"]) for r in case_rows},
        speed={r["staff_id"]: float(r["speed"]) for r in staff_rows},
        level={r["staff_id"]: int(r["level"]) for r in staff_rows},
    )


def evaluate_assignment(
    *,
    session: Session,
    continuity: float,
    truth_dir: Path | None = None,
    holdout_year: int | None = None,
    params: SolverParams | None = None,
) -> AssignmentEvaluation:
    truth = read_truth(truth_dir) if truth_dir is not None else None
    tables = q.load_tables(session=session)
    report = holdout_errors(tables, holdout_year=holdout_year)
    om = office_model(tables)
    scope = plan_scope(tables, om, None)
    problem, open_cases = scope_problem(tables, om, scope), scope.cases
    if open_cases.size == 0:
        raise InvalidInput("assign.no_open_cases")
    sol = solve_with_development(
        problem,
        development_weight=0.0,
        continuity=continuity,
        params=params,
        case_ids=[tables.case_ids[j] for j in open_cases],
        staff_ids=[s.staff_id for s in tables.staff],
    ).solution
    report.busiest, _ = busiest_comparison(tables, problem, open_cases, sol.staff_of, truth=truth, params=params)
    if truth is not None:
        true_effort = np.array([truth.effort[tables.case_ids[j]] for j in open_cases])
        true_speed = np.array([truth.speed[s.staff_id] for s in tables.staff])
        report.effort_corr = float(np.corrcoef(np.log(true_effort), om.model.log_effort[open_cases])[0, 1])
        report.speed_corr = float(np.corrcoef(np.log(true_speed), om.model.log_speed)[0, 1])
    return report
