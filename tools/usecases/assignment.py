"""Assignment (supervisors only): make a plan, apply it, discard it, reassign one case.

A plan is built from the settings (continuity share, supervisors' rule) the same way on every
surface and kept as the supervisor's pending plan (:mod:`matching.stored`), so a plan made in
chat is the one the dashboard shows and the one 「確定」 (or the dashboard's button) applies.
The supervisor rule is checked here, once per call (:func:`tools.authz.require_supervisor`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session

from matching import stored
from matching.problem import SolverParams
from matching.types import AssignmentPlan, ReassignResult
from store import crud
from store.errors import NotFound, PermissionDenied
from store.models import Staff
from store.settings import Settings
from tools import audit, queries
from tools.actor import Actor
from tools.authz import open_case, require_supervisor


def make_plan(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    development_weight: float | None = None,
    team: str | None = None,
    keep_for: str | None = None,
    params: SolverParams | None = None,
    action: str = "assign_cases",
    note: str = "",
) -> AssignmentPlan:
    """The plan for the whole office or one team (``team`` as written: 「第一係」 names
    「収納第一係」), kept as the pending plan of ``keep_for`` (default: the supervisor asking;
    the administrator at the command line keeps it only for a supervisor named)."""
    require_supervisor(session=session, actor=actor, action=action)
    from matching.planning import build_assignment

    if keep_for is not None:
        _supervisor(session, keep_for)
    keeper = keep_for if keep_for is not None else (actor.staff_id if actor.known else None)
    weight = settings.choshu_default_development_weight if development_weight is None else development_weight
    plan = build_assignment(
        session=session,
        development_weight=weight,
        continuity=settings.choshu_continuity,
        team=team,
        supervisors_take_new=settings.choshu_supervisors_take_new,
        params=params,
    )
    detail = f"weight={weight} team={plan.team or '-'} cases={len(plan.rows)}" + (f" {note}" if note else "")
    audit.write(session=session, actor=actor, action=action, detail=detail)
    if keeper is not None:
        stored.save_plan(session=session, plan=plan, created_by=keeper)
    return plan


def _supervisor(session: Session, staff_id: str) -> Staff:
    """The supervisor a plan made at the command line is kept for (``choshu assign --as``)."""
    try:
        staff = crud.get_staff(session=session, staff_id=staff_id)
    except NotFound:
        raise PermissionDenied("assign.not_supervisor", detail=staff_id) from None
    if staff.role != "supervisor":
        raise PermissionDenied("assign.not_supervisor", detail=staff_id)
    return staff


def apply_plan(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    plan: AssignmentPlan | None = None,
    action: str = "apply_plan",
) -> int | None:
    """Apply the actor's pending plan (once, whichever surface asks first), or ``plan`` when
    given (``choshu assign --apply``). Returns the cases moved; None when there is no pending
    plan (never made, applied, discarded or expired)."""
    require_supervisor(session=session, actor=actor, action=action)
    from matching.apply import apply_assignment

    if plan is None:
        entry = stored.claim_plan(session=session, created_by=actor.staff_id or "")
        if entry is None:
            return None
        plan = entry.plan
    moved = apply_assignment(session=session, plan=plan, changed_by=actor.staff_id, surface=actor.surface)
    audit.write(
        session=session, actor=actor, action="apply_assignment",
        detail=f"moved={moved} weight={plan.development_weight}",
    )
    return moved


def discard_plan(*, actor: Actor, session: Session, settings: Settings) -> None:
    """Forget the actor's pending plan."""
    require_supervisor(session=session, actor=actor, action="discard_plan")
    stored.discard_plan(session=session, created_by=actor.staff_id or "")


def pending_plan(*, actor: Actor, session: Session, settings: Settings) -> stored.StoredPlan | None:
    """The actor's pending plan (supervisors; None for anyone else or when there is none)."""
    if not actor.is_supervisor or not actor.staff_id:
        return None
    return stored.pending_plan(session=session, created_by=actor.staff_id)


@dataclass
class Reassignment:
    """What reassigning asked for came to: ``ambiguous`` (several people match the name, see
    ``candidates``), ``same`` (already theirs), ``confirm`` (not yet confirmed), ``moved`` (the
    confirmation was for another holder than the case has now) or ``done``."""

    state: Literal["ambiguous", "same", "confirm", "moved", "done"]
    case_id: str
    from_staff: Staff | None = None
    to_staff: Staff | None = None
    candidates: list[Staff] = field(default_factory=list)
    result: ReassignResult | None = None


def reassign_case(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_id: str,
    to_staff: str,
    confirmed: bool,
    unlock: bool = False,
    action: str = "reassign_case",
    expected_holder: str | None = None,
) -> Reassignment:
    """Move one open case to the staff member ``to_staff`` names (a name as written, or an
    id): supervisors only, refused and audited once otherwise; the look at the case is audited
    as ``action``, the change as ``reassign_case`` (from → to). Nothing changes until
    ``confirmed``; a locked case moves only with ``unlock``. ``expected_holder``: the holder
    (staff id, "" for none) the confirmation was shown for; if the case has moved since, nothing
    changes and the answer is ``moved`` (confirm again for the new holder)."""
    require_supervisor(session=session, actor=actor, action=action, case_id=case_id)
    case = open_case(session=session, actor=actor, case_id=case_id, action=action)
    matches = queries.find_staff(session=session, written=to_staff)
    if not matches:
        raise NotFound("chat.reassign.staff_not_found", written=to_staff)
    holder = queries.get_staff(session=session, staff_id=case.staff_id) if case.staff_id else None
    if len(matches) > 1:
        return Reassignment("ambiguous", case.case_id, holder, candidates=matches)
    target = matches[0]
    if case.staff_id == target.staff_id:
        return Reassignment("same", case.case_id, holder, target)
    if not confirmed:
        return Reassignment("confirm", case.case_id, holder, target)
    if expected_holder is not None and (case.staff_id or "") != expected_holder:
        return Reassignment("moved", case.case_id, holder, target)
    from matching.reassign import reassign_case as move

    result = move(
        session=session,
        case_id=case.case_id,
        to_staff_id=target.staff_id,
        changed_by=actor.staff_id,
        surface=actor.surface,
        unlock=unlock,
    )
    audit.write(
        session=session, actor=actor, action="reassign_case", case_id=case.case_id,
        detail=f"from={result.from_staff_id} to={target.staff_id}" + (" unlocked" if result.unlocked else ""),
    )
    return Reassignment("done", case.case_id, holder, target, result=result)

