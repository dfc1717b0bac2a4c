"""Applying a plan: each changed case gets its new assignee and a history row."""

from __future__ import annotations

from sqlmodel import Session

from matching.types import AssignmentPlan
from store import crud


def apply_assignment(
    *, session: Session, plan: AssignmentPlan, changed_by: str | None, surface: str
) -> int:
    """Write the plan to the store: each changed case gets its new assignee and a history row
    (``changed_by`` None: the office's administrator at the command line).

    A case whose assignee, lock or status changed since the plan was made is left as it is.
    Returns the number of cases that changed. Who may apply, and the audit record, belong to
    the caller (``tools.usecases.assignment``).
    """
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
            changed_by=changed_by,
            surface=surface,
            reason=f"assignment plan (development weight {plan.development_weight})",
        )
        moved += change is not None
    return moved
