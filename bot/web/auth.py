"""Demo login (choose a staff member of the store) and logout, on a signed session cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from bot.web import people
from bot.web.deps import SESSION_KEY, CsrfChecked, DbSession, ensure_csrf_token, get_settings_dep
from bot.web.templating import render
from store.settings import Settings

router = APIRouter()

# Notices the login page may show, named by message key in the query string.
LOGIN_NOTICES = frozenset({"web.login.logged_out"})


def safe_next(target: str | None) -> str:
    """Only same-site relative paths; anything else goes to the dashboard."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/dashboard"


@router.get("/login", name="login")
def login_page(
    request: Request,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    next: str = "/dashboard",
    message: str | None = None,
) -> Response:
    ensure_csrf_token(request)
    staff = people.list_staff(session=session) if settings.choshu_demo_login else []
    return render(
        request,
        "login.html",
        {
            "staff": staff,
            "next": safe_next(next),
            "demo": settings.choshu_demo_login,
            "message": message if message in LOGIN_NOTICES else None,
        },
    )


@router.post("/login", dependencies=[CsrfChecked])
def login(
    request: Request,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    staff_id: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/dashboard",
) -> Response:
    if not settings.choshu_demo_login:
        return render(request, "login.html", {"staff": [], "demo": False}, status_code=403)
    staff = people.get_staff(session=session, staff_id=staff_id) if staff_id else None
    if staff is None:
        return render(
            request,
            "login.html",
            {
                "staff": people.list_staff(session=session),
                "next": safe_next(next),
                "demo": True,
                "error": "web.login.unknown_staff",
            },
            status_code=400,
        )
    # A fresh session on login: drop anything from before (session fixation).
    request.session.clear()
    request.session[SESSION_KEY] = staff.staff_id
    ensure_csrf_token(request)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login?message=web.login.logged_out", status_code=303)
