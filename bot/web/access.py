"""The web surface's door to case data: the chat tools' authorisation and audit, reused.

Roles as in chat (``tools.authz``): staff see their own and their team's cases, supervisors
all. Every view of a case — allowed or refused — writes an audit record (``tools.audit``)
before anything is shown.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.web.deps import Viewer
from store.models import Case
from store.settings import Settings
from tools import audit as tool_audit
from tools import authz
from tools.actor import Actor
from tools.context import ToolContext

SURFACE = "web"


def actor_of(viewer: Viewer) -> Actor:
    return Actor(
        staff_id=viewer.staff_id,
        surface=SURFACE,
        name=viewer.name,
        role=viewer.role,
        team=viewer.team,
        user_ref=f"web:{viewer.staff_id}",
        origin=viewer.origin,
    )


def context(*, session: Session, settings: Settings, viewer: Viewer) -> ToolContext:
    return ToolContext(session=session, settings=settings, actor=actor_of(viewer))


def open_case(
    *, session: Session, settings: Settings, viewer: Viewer, case_id: str, action: str
) -> Case:
    """The case when ``viewer`` may see it (audited), else NotFound / PermissionDenied
    (audited and committed at once)."""
    ctx = context(session=session, settings=settings, viewer=viewer)
    return authz.open_case(ctx, case_id, action=action)


def audit(
    *,
    session: Session,
    settings: Settings,
    viewer: Viewer,
    action: str,
    case_id: str | None = None,
    detail: str | None = None,
    allowed: bool = True,
) -> None:
    """An audit record of a web view that is not about one case (the assignment table), or of
    a refusal (committed at once, so that the error page's rollback keeps it)."""
    ctx = context(session=session, settings=settings, viewer=viewer)
    tool_audit.record(ctx, action=action, case_id=case_id, allowed=allowed, detail=detail)
