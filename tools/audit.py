"""Audit records: every read of taxpayer data and every change, allowed or refused.

The record holds who (staff id, or the platform user id when unknown), where, which case and
what; never names, amounts or the message text (personal data stays out of logs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from store import crud
from tools.actor import Actor

if TYPE_CHECKING:
    from tools.context import ToolContext


def write(
    *,
    session: Session,
    actor: Actor,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
) -> None:
    """Write one audit row in ``session``; it is committed even when the caller fails
    afterwards (a refusal is committed at once)."""
    crud.write_audit(
        session=session,
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
        session.commit()


def record(
    ctx: ToolContext,
    *,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
) -> None:
    """:func:`write` for a tool call's context."""
    write(session=ctx.session, actor=ctx.actor, action=action, case_id=case_id, allowed=allowed, detail=detail)
