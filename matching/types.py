"""The plain results of the assignment engine: a plan (rows and a summary per staff member) and
one reassignment. Shared by planning, applying, the stored plans and every surface."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SUPERVISOR = "supervisor"


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
    changed_by: str | None
    changed_at: dt.datetime
    unlocked: bool = False
