"""The audit log for supervisors: who looked at or changed which case, where, allowed or not."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from bot.web import access
from bot.web.deps import DbSession, Supervisor, get_settings_dep
from bot.web.templating import render
from store import crud
from store.models import SURFACES
from store.settings import Settings

router = APIRouter()

SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PER_PAGE = 100


@router.get("/audit", name="audit")
def audit_log(
    request: Request,
    me: Supervisor,
    session: DbSession,
    settings: SettingsDep,
    staff: str = "",
    case: str = "",
    action: str = "",
    surface: str = "",
    allowed: str = "",
    page: int = 1,
) -> Response:
    filters = {
        "staff": staff.strip(),
        "case": case.strip(),
        "action": action.strip(),
        "surface": surface if surface in SURFACES else "",
        "allowed": allowed if allowed in ("1", "0") else "",
    }
    access.audit(session=session, settings=settings, viewer=me, action="web.view_audit")
    page = max(1, page)
    rows = crud.list_audit(
        session=session,
        staff_id=filters["staff"] or None,
        case_id=filters["case"] or None,
        action=filters["action"] or None,
        surface=filters["surface"] or None,
        allowed=None if not filters["allowed"] else filters["allowed"] == "1",
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
    )
    people = crud.list_staff(session=session)
    context: dict[str, Any] = {
        "active": "audit",
        "filters": filters,
        "surfaces": SURFACES,
        "rows": rows[:PER_PAGE],
        "has_next": len(rows) > PER_PAGE,
        "page": page,
        "people": people,
        "names": {p.staff_id: p.name for p in people},
    }
    return render(request, "audit.html", context)
