"""Assignment plans between the optimisation run and their application, one pending plan per
supervisor. Kept in the store (not in a server process) so that a plan made on one replica of
the web server is shown, applied or discarded on any other; a plan older than ``max_age`` is
gone (the office's data has moved on).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, delete, select, update

from store.models import AssignmentPlanRecord, utcnow

PLAN_MAX_AGE = timedelta(hours=8)  # a working day
KEEP_APPLIED = timedelta(days=30)


def save_plan(
    *,
    session: Session,
    created_by: str,
    development_weight: float,
    payload: dict[str, Any],
    max_age: timedelta = PLAN_MAX_AGE,
) -> AssignmentPlanRecord:
    """Keep ``payload`` as ``created_by``'s pending plan, replacing the one they had; expired
    pending plans and old applied ones are forgotten."""
    now = utcnow()
    session.exec(
        delete(AssignmentPlanRecord).where(
            col(AssignmentPlanRecord.applied_at).is_(None),
            or_(
                col(AssignmentPlanRecord.created_by) == created_by,
                col(AssignmentPlanRecord.created_at) < now - max_age,
            ),
        )
    )
    session.exec(
        delete(AssignmentPlanRecord).where(col(AssignmentPlanRecord.applied_at) < now - KEEP_APPLIED)
    )
    record = AssignmentPlanRecord(
        created_by=created_by, created_at=now, development_weight=development_weight, payload=payload
    )
    session.add(record)
    session.flush()
    return record


def pending_plan(
    *, session: Session, created_by: str, max_age: timedelta = PLAN_MAX_AGE
) -> AssignmentPlanRecord | None:
    """``created_by``'s newest plan not yet applied nor expired, or None."""
    return session.exec(
        select(AssignmentPlanRecord)
        .where(
            AssignmentPlanRecord.created_by == created_by,
            col(AssignmentPlanRecord.applied_at).is_(None),
            col(AssignmentPlanRecord.created_at) >= utcnow() - max_age,
        )
        .order_by(col(AssignmentPlanRecord.created_at).desc(), col(AssignmentPlanRecord.id).desc())
    ).first()


def claim_plan(
    *, session: Session, created_by: str, max_age: timedelta = PLAN_MAX_AGE
) -> AssignmentPlanRecord | None:
    """Mark ``created_by``'s pending plan applied and return it; None when there is none, or
    when a concurrent request (on any replica) claimed it first — so a plan is applied once."""
    record = pending_plan(session=session, created_by=created_by, max_age=max_age)
    if record is None:
        return None
    result = session.exec(
        update(AssignmentPlanRecord)
        .where(
            col(AssignmentPlanRecord.id) == record.id,
            col(AssignmentPlanRecord.applied_at).is_(None),
        )
        .values(applied_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return None
    session.refresh(record)
    return record


def discard_plan(*, session: Session, created_by: str) -> int:
    """Forget ``created_by``'s pending plans; returns how many there were."""
    result = session.exec(
        delete(AssignmentPlanRecord).where(
            col(AssignmentPlanRecord.created_by) == created_by,
            col(AssignmentPlanRecord.applied_at).is_(None),
        )
    )
    return int(result.rowcount or 0)
