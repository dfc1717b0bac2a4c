"""What the CLI, the chat tools and the dashboard call: the assignment plan, applying it, and
reassigning one case. Loads from the store, calls the pure core, returns plain dataclasses.

Locked cases (``Case.assignment_locked``): the optimiser never moves them, and
:func:`reassign_case` refuses them (``Conflict`` with ``assign.locked_case``) unless the
supervisor passes ``unlock=True`` — then the lock is cleared and the history row says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlmodel import Session

from matching.evaluate import AssignmentEvaluation, Truth, busiest_comparison, holdout_errors
from matching.office import OfficeModel, fit_office
from matching.problem import AssignmentProblem, SolverParams
from matching.solver import solve_with_development
from store import crud
from store import matching_queries as q
from store.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from store.models import utcnow

SUPERVISOR = "supervisor"
# The optimiser plans each officer at exp(SPEED_RISK_Z · sd) × their expected speed, sd = the
# posterior sd of their log speed: the busiest of ~15 officers is, in truth, the one whose hours
# were most under-estimated (expected max of 15 standard normals ≈ 1.7), so an officer known
# less well (a supervisor with few cases, a newcomer) is not filled to the brim.
SPEED_RISK_Z = 2.0


@dataclass(frozen=True)
class AssignmentRow:
    case_id: str
    staff_id: str
    difficulty: int
    staff_level: int
    expected_hours: float
    previous_staff_id: str | None = None
    cross_team: bool = False  # moves to an officer of another team (whole-office plans only)


@dataclass(frozen=True)
class StaffSummary:
    staff_id: str
    name: str
    level: int
    cases: int
    easy: int
    medium: int
    hard: int
    hours: float
    current_cases: int
    current_hours: float
    moved_in: int
    moved_out: int
    capacity: int | None
    team: str | None = None
    role: str = "staff"

    @property
    def change_hours(self) -> float:
        return self.hours - self.current_hours


@dataclass
class AssignmentPlan:
    rows: list[AssignmentRow]
    summary: list[StaffSummary]
    makespan: float
    total_hours: float
    lower_bound: float
    gap: float
    moves: int
    development_weight: float
    juniors_hard_base: int
    juniors_hard: int
    cost_makespan: float  # hours the development weight adds to the busiest staff member
    cost_total: float  # … and to the office's total
    thresholds: tuple[float, float]
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    status: str = ""
    team: str | None = None  # the plan's scope: None = the whole office
    cross_team_moves: int = 0

@dataclass(frozen=True)
class ReassignResult:
    case_id: str
    from_staff_id: str | None
    to_staff_id: str
    difficulty: int
    case_hours_from: float | None  # expected hours of this case with the previous assignee
    case_hours_to: float  # … with the new one
    from_hours_before: float | None
    from_hours_after: float | None
    to_hours_before: float
    to_hours_after: float
    changed_by: str
    changed_at: dt.datetime
    unlocked: bool = False


# --- the fitted model, cached per store content ------------------------------------------

_cache_lock = threading.Lock()
_cache: dict[tuple[object, ...], OfficeModel] = {}
# by the store's aggregate fingerprint: the model with the ids it is indexed by
_by_store: dict[tuple[object, ...], tuple[OfficeModel, dict[str, int], dict[str, int]]] = {}


def _fingerprint(tables: q.MatchingTables) -> tuple[object, ...]:
    return (
        tuple(s.staff_id for s in tables.staff),
        tuple(s.years_experience for s in tables.staff),
        len(tables.case_ids),
        tables.log_hours.size,
        float(tables.log_hours.sum()),
        tables.reference_date,
        hash(tuple(tables.status)),
    )


def office_model(tables: q.MatchingTables) -> OfficeModel:
    """The fitted hours model of this store content (fitted once per content, a few seconds)."""
    key = _fingerprint(tables)
    with _cache_lock:
        model = _cache.get(key)
        if model is None:
            model = fit_office(tables)
            _cache.clear()
            _cache[key] = model
        return model


def _store_model(session: Session) -> tuple[OfficeModel, dict[str, int], dict[str, int]]:
    """The fitted model and its case/staff positions, without loading the tables when the
    store's content is unchanged since the last fit."""
    key = q.content_fingerprint(session=session)
    with _cache_lock:
        hit = _by_store.get(key)
    if hit is not None:
        return hit
    tables = q.load_tables(session=session)
    entry = (
        office_model(tables),
        {c: j for j, c in enumerate(tables.case_ids)},
        {s.staff_id: i for i, s in enumerate(tables.staff)},
    )
    with _cache_lock:
        _by_store.clear()
        _by_store[key] = entry
    return entry


# --- the plan --------------------------------------------------------------------------------


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


def _problem(
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
    problem = _problem(tables, om, scope, supervisors_take_new=supervisors_take_new)
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


def apply_assignment(
    *, session: Session, plan: AssignmentPlan, actor_staff_id: str | None, surface: str
) -> int:
    """Write the plan to the store: each changed case gets its new assignee and a history row.

    ``actor_staff_id`` None means the command line run by the office's administrator;
    otherwise the actor must be a supervisor. A case whose assignee, lock or status changed
    since the plan was made is left as it is. Returns the number of cases that changed.
    """
    if actor_staff_id is not None:
        actor = crud.get_staff(session=session, staff_id=actor_staff_id)
        if actor.role != SUPERVISOR:
            raise PermissionDenied("assign.not_supervisor", detail="assign")
    moved = 0
    for row in plan.rows:
        if row.staff_id == row.previous_staff_id:
            continue
        case = crud.get_case(session=session, case_id=row.case_id)
        if case.staff_id != row.previous_staff_id or case.assignment_locked or case.status != "open":
            continue  # changed since the plan was made: the later decision stands
        change = crud.set_case_staff(
            session=session,
            case_id=row.case_id,
            staff_id=row.staff_id,
            changed_by=actor_staff_id,
            surface=surface,
            reason=f"assignment plan (development weight {plan.development_weight})",
        )
        moved += change is not None
    crud.write_audit(
        session=session,
        staff_id=actor_staff_id,
        surface=surface,
        action="apply_assignment",
        detail=f"moved={moved} weight={plan.development_weight}",
    )
    return moved


# --- one case ---------------------------------------------------------------------------------


def reassign_case(
    *,
    session: Session,
    case_id: str,
    to_staff_id: str,
    actor_staff_id: str | None,
    surface: str,
    unlock: bool = False,
) -> ReassignResult:
    """Move one open case to ``to_staff_id`` (supervisors only), with both people's expected
    hours before and after, recorded in the assignment history and the audit log.

    An actor who is not a known staff member (None, or an unknown id) is refused like a
    non-supervisor."""
    if not actor_staff_id:
        raise PermissionDenied("assign.not_supervisor", detail="reassign_case")
    try:
        actor = crud.get_staff(session=session, staff_id=actor_staff_id)
    except NotFound:
        raise PermissionDenied("assign.not_supervisor", detail="reassign_case") from None
    if actor.role != SUPERVISOR:
        raise PermissionDenied("assign.not_supervisor", detail="reassign_case")
    case = crud.get_case(session=session, case_id=case_id)
    target = crud.get_staff(session=session, staff_id=to_staff_id)
    if case.status != "open":
        raise InvalidInput("assign.case_not_open", case_id=case_id, status=case.status)
    if case.staff_id == target.staff_id:
        raise InvalidInput("assign.same_staff", case_id=case_id, staff_id=target.staff_id)
    if case.assignment_locked and not unlock:
        raise Conflict("assign.locked_case", case_id=case_id)
    held = q.open_case_ids_of(session=session, staff_id=target.staff_id)
    if target.capacity is not None and len(held) >= target.capacity:
        raise Conflict("assign.over_capacity", staff_id=target.staff_id, capacity=target.capacity, cases=len(held))

    om, case_pos, staff_pos = _store_model(session)
    def case_hours(j: int, s: int) -> float:
        return float(om.model.expected_hours(np.array([j]), np.array([s]))[0])

    def load(staff_id: str) -> float:
        s = staff_pos[staff_id]
        mine = np.array([case_pos[c] for c in q.open_case_ids_of(session=session, staff_id=staff_id)], dtype=int)
        return float(om.model.expected_hours(mine, np.full(mine.size, s)).sum())

    j = case_pos[case_id]
    to_s = staff_pos[target.staff_id]
    from_id = case.staff_id
    from_before = load(from_id) if from_id else None
    from_case = case_hours(j, staff_pos[from_id]) if from_id else None
    to_before = load(target.staff_id)
    to_case = case_hours(j, to_s)

    reason = "reassign (unlocked)" if case.assignment_locked else "reassign"
    if case.assignment_locked:
        case.assignment_locked = False
    change = crud.set_case_staff(
        session=session,
        case_id=case_id,
        staff_id=target.staff_id,
        changed_by=actor.staff_id,
        surface=surface,
        reason=reason,
    )
    crud.write_audit(
        session=session,
        staff_id=actor.staff_id,
        surface=surface,
        action="reassign_case",
        case_id=case_id,
        detail=f"from={from_id} to={target.staff_id}" + (" unlocked" if reason.endswith("(unlocked)") else ""),
    )
    session.flush()
    return ReassignResult(
        case_id=case_id,
        from_staff_id=from_id,
        to_staff_id=target.staff_id,
        difficulty=int(om.difficulty[j]),
        case_hours_from=None if from_case is None else round(from_case, 1),
        case_hours_to=round(to_case, 1),
        from_hours_before=None if from_before is None else round(from_before, 1),
        from_hours_after=None if from_before is None or from_case is None else round(from_before - from_case, 1),
        to_hours_before=round(to_before, 1),
        to_hours_after=round(to_before + to_case, 1),
        changed_by=actor.staff_id,
        changed_at=change.changed_at if change is not None else utcnow(),
        unlocked=reason.endswith("(unlocked)"),
    )


# --- evaluation -------------------------------------------------------------------------------


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
    problem, open_cases = _problem(tables, om, scope), scope.cases
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


def expected_hours_for(*, session: Session, staff_id: str, case_ids: list[str]) -> dict[str, float]:
    """The hours model's estimate for ``staff_id`` on each case (cases the model does not know
    are left out). Used by the worklist to rank cases by expected yield per hour."""
    om, case_pos, staff_pos = _store_model(session)
    s = staff_pos.get(staff_id)
    if s is None:
        return {}
    known = [c for c in case_ids if c in case_pos]
    if not known:
        return {}
    cases = np.array([case_pos[c] for c in known])
    values = om.model.expected_hours(cases, np.full(len(known), s))
    return {c: float(v) for c, v in zip(known, values, strict=True)}
