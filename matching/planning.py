"""The assignment plan: the scope (the whole office or one team), its problem, the solver run
with the development weight, and the per-staff summary. Loads from the store, calls the pure
core (:mod:`matching.problem`, :mod:`matching.solver`), returns :class:`AssignmentPlan`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlmodel import Session

from matching.fitted import office_model
from matching.office import OfficeModel
from matching.problem import AssignmentProblem, SolverParams
from matching.solver import solve_with_development
from matching.types import SUPERVISOR, AssignmentPlan, AssignmentRow, StaffSummary
from store import matching_queries as q
from store.errors import InvalidInput

# The optimiser plans each officer at exp(SPEED_RISK_Z · sd) × their expected speed, sd = the
# posterior sd of their log speed: the busiest of ~15 officers is, in truth, the one whose hours
# were most under-estimated (expected max of 15 standard normals ≈ 1.7), so an officer known
# less well (a supervisor with few cases, a newcomer) is not filled to the brim.
SPEED_RISK_Z = 2.0


@dataclass(frozen=True)
class Scope:
    """What one plan covers: positions of the open cases and staff it may move, in store order."""

    cases: np.ndarray  # positions in tables.case_ids
    staff: np.ndarray  # positions in tables.staff
    team: str | None  # None = the whole office


def plan_scope(tables: q.MatchingTables, om: OfficeModel, team: str | None) -> Scope:
    """The whole office, or one team: its members and the open cases they hold now. A team plan
    moves cases only among the team's members (nothing across teams)."""
    if team is None:
        return Scope(om.open_cases, np.arange(len(tables.staff)), None)
    teams = sorted({s.team for s in tables.staff if s.team})
    if team not in teams:  # 「第一係」 names 「収納第一係」 when it is the only such team
        found = [name for name in teams if name.endswith(team) or team in name]
        if len(found) != 1:
            raise InvalidInput("assign.unknown_team", team=team, teams="、".join(teams) or "-")
        team = found[0]
    staff = np.array([i for i, s in enumerate(tables.staff) if s.team == team], dtype=int)
    members = {tables.staff[i].staff_id for i in staff}
    cases = np.array([j for j in om.open_cases if tables.case_staff[j] in members], dtype=int)
    return Scope(cases, staff, team)  # team: the store's name


def scope_problem(
    tables: q.MatchingTables, om: OfficeModel, scope: Scope, *, supervisors_take_new: bool = False
) -> AssignmentProblem:
    """The scope's problem. Supervisors (unless ``supervisors_take_new``) keep what they hold
    (their cases stay, as if locked) and take nothing new (their capacity is what they hold)."""
    open_cases, staff = scope.cases, scope.staff
    staff_pos = {tables.staff[i].staff_id: p for p, i in enumerate(staff)}
    current = np.array(
        [staff_pos.get(tables.case_staff[j] or "", -1) for j in open_cases], dtype=int
    )
    capacity = np.array(
        [-1 if tables.staff[i].capacity is None else int(tables.staff[i].capacity) for i in staff], dtype=int
    )
    locked = tables.locked[open_cases].copy()
    if not supervisors_take_new:
        boss = np.array([tables.staff[i].role == SUPERVISOR for i in staff], dtype=bool)
        held = boss[np.maximum(current, 0)] & (current >= 0)
        locked |= held
        capacity[boss] = np.bincount(current[held], minlength=staff.size)[boss]
    margin = speed_margin(om)
    model = om.model
    return AssignmentProblem.build(
        effort=model.effort[open_cases],
        difficulty=om.difficulty[open_cases],
        speed=model.speed[staff],
        level=om.level[staff],
        capacity=capacity,
        current=current,
        locked=locked,
        margin=None if margin is None else margin[staff],
        factor=None if model.tier_effect is None else model.tier_factor[staff],
        tier_prob=None if model.tier_prob is None else model.tier_prob[open_cases],
    )


def speed_margin(om: OfficeModel) -> np.ndarray | None:
    """Planning factor per officer: exp(SPEED_RISK_Z · posterior sd of log speed), relative to
    the best-known officer (so the most certain is planned at their expected speed)."""
    var = om.model.log_speed_var
    if var is None or var.size == 0:
        return None
    sd = np.sqrt(np.maximum(var, 0.0))
    return np.exp(SPEED_RISK_Z * (sd - sd.min()))


def build_assignment(
    *,
    session: Session,
    development_weight: float,
    continuity: float,
    team: str | None = None,
    supervisors_take_new: bool = False,
    params: SolverParams | None = None,
) -> AssignmentPlan:
    """Every open case in scope (the whole office, or the cases ``team`` holds) to one of the
    scope's staff: the busiest finishes soonest, then the fewest total hours;
    ``development_weight`` moves hard cases to juniors at a reported cost; a case leaves its
    assignee only when that saves more than ``continuity`` × its hours."""
    if not 0.0 <= development_weight <= 1.0:
        raise InvalidInput("assign.bad_weight", weight=development_weight)
    tables = q.load_tables(session=session)
    if not tables.staff or all(s.capacity == 0 for s in tables.staff):
        raise InvalidInput("assign.no_staff")
    om = office_model(tables)
    scope = plan_scope(tables, om, team)
    problem = scope_problem(tables, om, scope, supervisors_take_new=supervisors_take_new)
    open_cases = scope.cases
    if open_cases.size == 0:
        raise InvalidInput("assign.no_open_cases")
    case_ids = [tables.case_ids[j] for j in open_cases]
    staff_ids = [tables.staff[i].staff_id for i in scope.staff]
    team_of = {s.staff_id: s.team for s in tables.staff}
    dev = solve_with_development(
        problem,
        development_weight=development_weight,
        continuity=continuity,
        params=params,
        case_ids=case_ids,
        staff_ids=staff_ids,
    )
    sol = dev.solution
    hours = problem.hours_of(np.arange(problem.n_cases), sol.staff_of)
    rows = []
    for i in range(problem.n_cases):
        to = staff_ids[int(sol.staff_of[i])]
        prev = staff_ids[int(problem.current[i])] if problem.current[i] >= 0 else None
        rows.append(
            AssignmentRow(
                case_id=case_ids[i],
                staff_id=to,
                difficulty=int(problem.difficulty[i]),
                staff_level=int(problem.level[sol.staff_of[i]]),
                expected_hours=round(float(hours[i]), 2),
                previous_staff_id=prev,
                cross_team=prev is not None and prev != to and team_of.get(prev) != team_of.get(to),
            )
        )
    notes = list(om.notes)
    cross = sum(r.cross_team for r in rows)
    if cross:
        notes.append(("assign.cross_team_moves", {"count": cross}))
    return AssignmentPlan(
        rows=rows,
        summary=_summary(tables, problem, sol.staff_of, scope),
        makespan=sol.makespan,
        total_hours=sol.total_hours,
        lower_bound=sol.lower_bound,
        gap=sol.gap,
        moves=sol.moves,
        development_weight=development_weight,
        juniors_hard_base=dev.base.juniors_hard,
        juniors_hard=sol.juniors_hard,
        cost_makespan=dev.cost_makespan,
        cost_total=dev.cost_total,
        thresholds=om.thresholds,
        notes=notes,
        status=sol.status,
        team=scope.team,
        cross_team_moves=cross,
    )


def _summary(
    tables: q.MatchingTables, problem: AssignmentProblem, staff_of: np.ndarray, scope: Scope
) -> list[StaffSummary]:
    m = problem.n_staff
    every = np.arange(problem.n_cases)
    hours = problem.hours_of(every, staff_of)
    has_cur = problem.current >= 0
    cur = np.where(has_cur, problem.current, 0)
    cur_hours = problem.hours_of(every, cur)
    moved = has_cur & (staff_of != problem.current)
    out = []
    for s in range(m):
        record = tables.staff[int(scope.staff[s])]
        mine = staff_of == s
        held = has_cur & (problem.current == s)
        out.append(
            StaffSummary(
                staff_id=record.staff_id,
                name=record.name,
                level=int(problem.level[s]),
                cases=int(mine.sum()),
                easy=int(np.sum(mine & (problem.difficulty == 1))),
                medium=int(np.sum(mine & (problem.difficulty == 2))),
                hard=int(np.sum(mine & (problem.difficulty == 3))),
                hours=round(float(hours[mine].sum()), 1),
                current_cases=int(held.sum()),
                current_hours=round(float(cur_hours[held].sum()), 1),
                moved_in=int(np.sum(mine & (moved | ~has_cur))),
                moved_out=int(np.sum(held & moved)),
                capacity=record.capacity,
                team=record.team,
                role=record.role,
            )
        )
    return out
