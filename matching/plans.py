"""The one assignment-plan use case every surface calls (chat, dashboard, ``choshu assign``):
make a plan for the whole office or one team, keep it as the supervisor's pending plan, and
apply it later (the dashboard's button, 「確定」 in chat, or ``--apply``).

A plan is built from the settings (continuity share, supervisors' rule) the same way on every
surface, and stored the same way (:mod:`matching.stored`), so a plan made in chat is the one
the dashboard shows and the one 「確定」 applies.
"""

from __future__ import annotations

from sqlmodel import Session

from matching import stored
from matching.problem import SolverParams
from matching.service import SUPERVISOR, AssignmentPlan, apply_assignment, build_assignment
from store import crud
from store.errors import NotFound, PermissionDenied
from store.settings import Settings


def make_plan(
    *,
    session: Session,
    settings: Settings,
    created_by: str | None,
    development_weight: float | None = None,
    team: str | None = None,
    params: SolverParams | None = None,
) -> AssignmentPlan:
    """Build the plan and, when ``created_by`` (a supervisor) is given, keep it as their
    pending plan (replacing the one they had). ``created_by`` None: the office administrator at
    the command line, the plan is not kept."""
    if created_by is not None:
        _supervisor(session, created_by, action="assign_cases")
    weight = settings.choshu_default_development_weight if development_weight is None else development_weight
    plan = build_assignment(
        session=session,
        development_weight=weight,
        continuity=settings.choshu_continuity,
        team=team,
        supervisors_take_new=settings.choshu_supervisors_take_new,
        params=params,
    )
    if created_by is not None:
        stored.save_plan(session=session, plan=plan, created_by=created_by)
    return plan


def apply_pending_plan(*, session: Session, actor_staff_id: str, surface: str) -> int | None:
    """Apply ``actor_staff_id``'s pending plan (once, whichever surface asks first); None when
    they have none (never made, applied, discarded or expired)."""
    _supervisor(session, actor_staff_id, action="apply_assignment")
    entry = stored.claim_plan(session=session, created_by=actor_staff_id)
    if entry is None:
        return None
    return apply_assignment(session=session, plan=entry.plan, actor_staff_id=actor_staff_id, surface=surface)


def _supervisor(session: Session, staff_id: str, *, action: str) -> None:
    try:
        actor = crud.get_staff(session=session, staff_id=staff_id)
    except NotFound:
        raise PermissionDenied("assign.not_supervisor", detail=action) from None
    if actor.role != SUPERVISOR:
        raise PermissionDenied("assign.not_supervisor", detail=action)
