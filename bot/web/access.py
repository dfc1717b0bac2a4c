"""Who may see which case, and the audit record of every look at taxpayer data (web surface).

Roles as in chat: staff see their own and their team's cases, supervisors all. Every view of a
case — allowed or refused — writes an audit record before anything is shown.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.web.deps import Viewer
from store.errors import NotFound, PermissionDenied
from store.models import AuditLog, Case, Staff

SURFACE = "web"


def may_see(*, viewer: Viewer, case: Case, holder: Staff | None) -> bool:
    if viewer.is_supervisor:
        return True
    if case.staff_id == viewer.staff_id:
        return True
    return bool(viewer.team and holder is not None and holder.team == viewer.team)


def audit(
    *,
    session: Session,
    staff: Viewer,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
) -> None:
    """One audit row; committed even when the request then fails (refusals are kept)."""
    session.add(
        AuditLog(
            staff_id=staff.staff_id,
            surface=SURFACE,
            action=action,
            case_id=case_id,
            allowed=allowed,
            detail=detail,
        )
    )
    session.commit()


def open_case(*, session: Session, staff: Viewer, case_id: str, action: str) -> Case:
    """The case when ``staff`` may see it (audited), else ``PermissionDenied`` (audited)."""
    case = session.get(Case, case_id)
    if case is None:
        audit(
            session=session,
            staff=staff,
            action=action,
            case_id=case_id,
            allowed=False,
            detail="not_found",
        )
        raise NotFound(what="案件", ident=case_id)
    holder = session.get(Staff, case.staff_id) if case.staff_id else None
    if not may_see(viewer=staff, case=case, holder=holder):
        audit(
            session=session,
            staff=staff,
            action=action,
            case_id=case_id,
            allowed=False,
            detail="other_team",
        )
        raise PermissionDenied("web.case.other_team", case_id=case_id)
    audit(session=session, staff=staff, action=action, case_id=case_id)
    return case
