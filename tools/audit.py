"""Audit records: every read of taxpayer data and every change, allowed or refused.

The record holds who (staff id, or the platform user id when unknown), where, which case and
what; never names, amounts or the message text (personal data stays out of logs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store import crud

if TYPE_CHECKING:
    from tools.context import ToolContext


def record(
    ctx: ToolContext,
    *,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
) -> None:
    """Write one audit row in the tool's session; it is committed even when the tool fails
    afterwards (a refusal is committed at once)."""
    actor = ctx.actor
    crud.write_audit(
        session=ctx.session,
        staff_id=actor.staff_id,
        user_ref=None if actor.known else actor.user_ref,
        surface=actor.surface,
        action=action,
        case_id=case_id,
        allowed=allowed,
        detail=detail,
        origin=actor.origin,
        os_user=actor.os_user,
    )
    if not allowed:
        ctx.session.commit()
