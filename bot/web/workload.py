"""The assignment dashboard's data: rows and per-staff loads, now and under a plan.

``current_workload`` reads the store through the matching engine (its fitted hours model:
expected hours = effort × speed, difficulty tertiles, staff levels), so "before" and "after"
are on the same model. ``plan_workload`` turns a ``matching.types.AssignmentPlan`` into the
same shape. The rest is pure: filtering and paging the rows, choosing whose bars to draw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from bot.web.charts import StaffLoad

# matching (OR-Tools) and its tables load lazily, inside the functions that use them.

if TYPE_CHECKING:
    from matching.types import AssignmentPlan


@dataclass(frozen=True)
class Person:
    staff_id: str
    name: str
    team: str | None
    level: int | None


@dataclass(frozen=True)
class Row:
    case_id: str
    staff_id: str | None
    difficulty: int
    staff_level: int | None
    expected_hours: float | None
    previous_staff_id: str | None = None
    cross_team: bool = False  # the plan moves it to an officer of another team

    @property
    def moved(self) -> bool:
        return self.previous_staff_id is not None and self.previous_staff_id != self.staff_id


@dataclass(frozen=True)
class Workload:
    people: list[Person]
    rows: list[Row]

    def loads(self, staff_ids: Iterable[str] | None = None) -> list[StaffLoad]:
        return loads_of(self.people, self.rows, staff_ids)


def loads_of(
    people: Sequence[Person], rows: Sequence[Row], staff_ids: Iterable[str] | None = None
) -> list[StaffLoad]:
    """Expected hours per person by difficulty, in ``people`` order (optionally only some)."""
    wanted = None if staff_ids is None else set(staff_ids)
    hours: dict[str, list[float]] = {p.staff_id: [0.0, 0.0, 0.0] for p in people}
    for row in rows:
        if row.staff_id in hours and row.expected_hours is not None and 1 <= row.difficulty <= 3:
            hours[row.staff_id][row.difficulty - 1] += row.expected_hours
    return [
        StaffLoad(
            p.staff_id, p.name, (hours[p.staff_id][0], hours[p.staff_id][1], hours[p.staff_id][2])
        )
        for p in people
        if wanted is None or p.staff_id in wanted
    ]


def current_workload(*, session: Session) -> Workload:
    """Open cases with their current assignee and that person's expected hours."""
    from matching.fitted import office_model
    from store.matching_queries import load_tables

    tables = load_tables(session=session)
    om = office_model(tables)
    position = {s.staff_id: i for i, s in enumerate(tables.staff)}
    people = [
        Person(s.staff_id, s.name, s.team, int(om.level[i])) for i, s in enumerate(tables.staff)
    ]
    rows = []
    for j in (int(c) for c in om.open_cases):
        holder = tables.case_staff[j]
        s = position.get(holder) if holder else None
        rows.append(
            Row(
                case_id=tables.case_ids[j],
                staff_id=holder,
                difficulty=int(om.difficulty[j]),
                staff_level=None if s is None else int(om.level[s]),
                expected_hours=None if s is None else round(om.expected_hours(j, s), 2),
            )
        )
    return Workload(people=people, rows=rows)


def plan_workload(plan: AssignmentPlan, people: Sequence[Person]) -> Workload:
    """The plan's rows in the dashboard's shape (people as in the current workload)."""
    rows = [
        Row(
            case_id=r.case_id,
            staff_id=r.staff_id,
            difficulty=int(r.difficulty),
            staff_level=int(r.staff_level),
            expected_hours=float(r.expected_hours),
            previous_staff_id=r.previous_staff_id,
            cross_team=bool(getattr(r, "cross_team", False)),
        )
        for r in plan.rows
    ]
    return Workload(people=list(people), rows=rows)


@dataclass(frozen=True)
class DifficultyHours:
    """One officer's expected hours on a typical case (the median effort) of each difficulty:
    練馬's 「習熟度・難易度別の処理時間」."""

    staff_id: str
    name: str
    team: str | None
    level: int
    hours: tuple[float, float, float]


def hours_by_difficulty(*, session: Session) -> list[DifficultyHours]:
    """Per officer, slowest-level first: hours on a typical 易 / 中 / 難 open case."""
    import numpy as np

    from matching.fitted import office_model
    from store.matching_queries import load_tables

    tables = load_tables(session=session)
    om = office_model(tables)
    cases = om.open_cases if om.open_cases.size else np.arange(len(tables.case_ids))
    typical: list[int | None] = []
    for d in (1, 2, 3):
        mine = cases[om.difficulty[cases] == d]
        if mine.size == 0:
            typical.append(None)
            continue
        # the open case of median effort in this difficulty
        typical.append(int(mine[np.argsort(om.model.log_effort[mine])[mine.size // 2]]))
    out = []
    for i, s in enumerate(tables.staff):
        hours = tuple(0.0 if j is None else round(om.expected_hours(j, i), 2) for j in typical)
        out.append(DifficultyHours(s.staff_id, s.name, s.team, int(om.level[i]), hours))  # type: ignore[arg-type]
    out.sort(key=lambda x: (x.level, x.name))
    return out


def teams_of(people: Sequence[Person]) -> list[str]:
    return sorted({p.team for p in people if p.team})


def visible_staff(
    people: Sequence[Person], *, viewer_id: str, team: str | None, supervisor: bool
) -> list[str]:
    """Whose cases a viewer sees: supervisors everyone's, staff their own and their team's."""
    if supervisor:
        return [p.staff_id for p in people]
    return [p.staff_id for p in people if p.staff_id == viewer_id or (team and p.team == team)]


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    page: int
    pages: int


def filter_rows(
    rows: Sequence[Row],
    *,
    visible: Iterable[str],
    staff_id: str | None = None,
    difficulty: int | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Page:
    allowed = set(visible)
    chosen = [
        r
        for r in rows
        if (r.staff_id in allowed or r.previous_staff_id in allowed)
        and (not staff_id or r.staff_id == staff_id)
        and (not difficulty or r.difficulty == difficulty)
    ]
    chosen.sort(key=lambda r: (r.staff_id or "", -r.difficulty, r.case_id))
    pages = max(1, -(-len(chosen) // per_page))
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    return Page(rows=chosen[start : start + per_page], total=len(chosen), page=page, pages=pages)
