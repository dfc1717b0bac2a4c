"""The web surface's actor: the logged-in staff member as the use cases see them
(``tools.usecases``, which authorise and audit as for chat), and the audit record of a page
that reads no single case (the assignment table, the audit log).
"""

from __future__ import annotations

from sqlmodel import Session

from bot.web.deps import Viewer
from store.settings import Settings
from tools import audit as tool_audit
from tools.actor import Actor

SURFACE = "web"


def actor_of(viewer: Viewer) -> Actor:
    return viewer.actor()


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
    tool_audit.write(
        session=session, actor=actor_of(viewer), action=action, case_id=case_id, allowed=allowed, detail=detail
    )
