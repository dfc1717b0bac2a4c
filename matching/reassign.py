"""One case to another officer, with both people's expected hours before and after.

Locked cases (``Case.assignment_locked``): the optimiser never moves them, and
:func:`reassign_case` refuses them (``Conflict`` with ``assign.locked_case``) unless the
caller passes ``unlock=True`` — then the lock is cleared and the history row says so.
"""

from __future__ import annotations

import numpy as np
from sqlmodel import Session

from matching.fitted import store_model
from matching.types import ReassignResult
from store import crud
from store import matching_queries as q
from store.errors import Conflict, InvalidInput
from store.models import utcnow


def reassign_case(
    *,
    session: Session,
    case_id: str,
    to_staff_id: str,
    changed_by: str | None,
    surface: str,
    unlock: bool = False,
) -> ReassignResult:
    """Move one open case to ``to_staff_id``, with both people's expected hours before and
    after, recorded in the assignment history. Who may reassign, and the audit record, belong
    to the caller (``tools.usecases.assignment``)."""
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

    om, case_pos, staff_pos = store_model(session)

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
        changed_by=changed_by,
        surface=surface,
        reason=reason,
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
        changed_by=changed_by,
        changed_at=change.changed_at if change is not None else utcnow(),
        unlocked=reason.endswith("(unlocked)"),
    )
