"""Plans kept in the store between the optimisation run and their application (any replica of
the web server can show, apply or discard them): the plan as JSON and back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from matching.types import AssignmentPlan, AssignmentRow, StaffSummary
from store import assignment_plans
from store.models import AssignmentPlanRecord

PAYLOAD_VERSION = 1
_ROW_FIELDS = [f.name for f in dataclasses.fields(AssignmentRow)]


@dataclass(frozen=True)
class StoredPlan:
    plan: AssignmentPlan
    weight: float
    created_at: dt.datetime


def to_payload(plan: AssignmentPlan) -> dict[str, Any]:
    """The plan as JSON-able data (rows as compact lists: an office has thousands)."""
    head = {
        f.name: getattr(plan, f.name)
        for f in dataclasses.fields(plan)
        if f.name not in ("rows", "summary", "notes", "thresholds")
    }
    data = {
        "version": PAYLOAD_VERSION,
        **head,
        "thresholds": list(plan.thresholds),
        "notes": [[key, params] for key, params in plan.notes],
        "summary": [dataclasses.asdict(s) for s in plan.summary],
        "row_fields": _ROW_FIELDS,
        "rows": [[getattr(r, name) for name in _ROW_FIELDS] for r in plan.rows],
    }
    # numpy scalars (counts from the solver) become plain numbers
    plain: dict[str, Any] = json.loads(json.dumps(data, default=lambda o: o.item()))
    return plain


def from_payload(data: dict[str, Any]) -> AssignmentPlan:
    fields = list(data["row_fields"])
    rest = {
        k: v
        for k, v in data.items()
        if k not in ("version", "row_fields", "rows", "summary", "notes", "thresholds")
    }
    low, high = data["thresholds"]
    return AssignmentPlan(
        rows=[AssignmentRow(**dict(zip(fields, row, strict=True))) for row in data["rows"]],
        summary=[StaffSummary(**s) for s in data["summary"]],
        notes=[(str(key), dict(params)) for key, params in data["notes"]],
        thresholds=(float(low), float(high)),
        **rest,
    )


def _stored(record: AssignmentPlanRecord | None) -> StoredPlan | None:
    if record is None or record.payload.get("version") != PAYLOAD_VERSION:
        return None
    return StoredPlan(
        plan=from_payload(record.payload),
        weight=record.development_weight,
        created_at=record.created_at,
    )


def save_plan(*, session: Session, plan: AssignmentPlan, created_by: str) -> StoredPlan:
    """Keep ``plan`` as ``created_by``'s pending plan (replacing the previous one)."""
    record = assignment_plans.save_plan(
        session=session,
        created_by=created_by,
        development_weight=plan.development_weight,
        payload=to_payload(plan),
    )
    return StoredPlan(plan=plan, weight=plan.development_weight, created_at=record.created_at)


def pending_plan(*, session: Session, created_by: str) -> StoredPlan | None:
    """``created_by``'s pending plan, unless applied, discarded or expired."""
    return _stored(assignment_plans.pending_plan(session=session, created_by=created_by))


def claim_plan(*, session: Session, created_by: str) -> StoredPlan | None:
    """Take ``created_by``'s pending plan to apply it: once, whichever replica asks first."""
    return _stored(assignment_plans.claim_plan(session=session, created_by=created_by))


def discard_plan(*, session: Session, created_by: str) -> None:
    assignment_plans.discard_plan(session=session, created_by=created_by)
