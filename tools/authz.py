"""Who may see which case: staff their own and their team's, supervisors (and the office's
administrator at the command line) all; who may plan and reassign: supervisors. Each refusal
writes one audit row (committed at once) before the error is raised."""

from __future__ import annotations

from sqlmodel import Session

from store.errors import CaseNotFound, NotFound, PermissionDenied
from store.ids import suggest_case_ids
from store.models import Case
from tools import audit, queries
from tools.actor import Actor
from tools.messages import t


def may_see(actor: Actor, case: Case, holder_team: str | None) -> bool:
    if actor.administrator:
        return True
    if not actor.known:
        return False
    if actor.is_supervisor or case.staff_id == actor.staff_id:
        return True
    return bool(actor.team and holder_team == actor.team)


def _holder_team(session: Session, actor: Actor, case: Case) -> str | None:
    """The case holder's team, read only when it decides (not for a supervisor's or one's own case)."""
    if not actor.known or actor.is_supervisor or case.staff_id == actor.staff_id or not case.staff_id:
        return None
    holder = queries.get_staff(session=session, staff_id=case.staff_id)
    return holder.team if holder else None


def open_case(*, session: Session, actor: Actor, case_id: str, action: str) -> Case:
    """The case when ``actor`` may see it (audited), else NotFound / PermissionDenied (audited)."""
    case = queries.get_case(session=session, case_id=case_id)
    lang = actor.lang
    if case is None:
        audit.write(session=session, actor=actor, action=action, case_id=case_id, allowed=False, detail="not_found")
        suggestions = did_you_mean(session=session, actor=actor, case_id=case_id)
        if suggestions:
            raise CaseNotFound(case_id=case_id, suggestions=suggestions)
        raise NotFound(what="case", ident=case_id)
    if not may_see(actor, case, _holder_team(session, actor, case)):
        audit.write(session=session, actor=actor, action=action, case_id=case_id, allowed=False, detail="other_team")
        raise PermissionDenied(detail=t("chat.case.other_team", lang, case_id=case_id))
    audit.write(session=session, actor=actor, action=action, case_id=case_id)
    return case


def did_you_mean(*, session: Session, actor: Actor, case_id: str, limit: int = 3) -> list[str]:
    """The numbers of the cases ``actor`` may see that ``case_id`` most likely meant (leading
    zeros, one digit off, missing, extra or swapped); a case they may not see is never named."""
    near = queries.cases_near(session=session, case_id=case_id)
    visible = [c.case_id for c in near if may_see(actor, c, _holder_team(session, actor, c))]
    return suggest_case_ids(case_id, visible, limit)


def require_supervisor(*, session: Session, actor: Actor, action: str, case_id: str | None = None) -> None:
    """Planning, applying a plan and reassigning: supervisors (and the administrator at the
    command line) only. The one place this rule is checked; a refusal is audited once."""
    if actor.administrator or (actor.known and actor.is_supervisor):
        return
    audit.write(session=session, actor=actor, action=action, case_id=case_id, allowed=False, detail="not supervisor")
    raise PermissionDenied(detail=t("chat.supervisor_only", actor.lang))
