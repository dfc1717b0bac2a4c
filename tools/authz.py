"""Who may see which case: staff their own and their team's, supervisors all."""

from __future__ import annotations

from store.errors import NotFound, PermissionDenied
from store.models import Case
from tools import audit, queries
from tools.actor import Actor
from tools.context import ToolContext
from tools.messages import t


def may_see(actor: Actor, case: Case, holder_team: str | None) -> bool:
    if not actor.known:
        return False
    if actor.is_supervisor or case.staff_id == actor.staff_id:
        return True
    return bool(actor.team and holder_team == actor.team)


def _holder_team(ctx: ToolContext, case: Case) -> str | None:
    """The case holder's team, read only when it decides (not for a supervisor's or one's own case)."""
    if not ctx.actor.known or ctx.actor.is_supervisor or case.staff_id == ctx.actor.staff_id or not case.staff_id:
        return None
    holder = queries.get_staff(session=ctx.session, staff_id=case.staff_id)
    return holder.team if holder else None


def open_case(ctx: ToolContext, case_id: str, *, action: str) -> Case:
    """The case when the actor may see it (audited), else NotFound / PermissionDenied (audited)."""
    case = queries.get_case(session=ctx.session, case_id=case_id)
    lang = ctx.actor.lang
    if case is None:
        audit.record(ctx, action=action, case_id=case_id, allowed=False, detail="not_found")
        raise NotFound(what="case", ident=case_id)
    if not may_see(ctx.actor, case, _holder_team(ctx, case)):
        audit.record(ctx, action=action, case_id=case_id, allowed=False, detail="other_team")
        raise PermissionDenied(detail=t("chat.case.other_team", lang, case_id=case_id))
    audit.record(ctx, action=action, case_id=case_id)
    return case
