"""Web login and logout on server-side sessions (``store.web_sessions``).

Two ways in: OpenID Connect (``bot.web.oidc``; production) and the demo login (pick any staff
member), which exists only in development on a loopback address. Every login, refused login
and logout is audited with the client's address.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlmodel import Session
from starlette.responses import Response

from bot.web import people
from bot.web.deps import (
    SESSION_KEY,
    CsrfChecked,
    DbSession,
    client_address,
    ensure_csrf_token,
    get_settings_dep,
)
from bot.web.templating import render
from store import crud, web_sessions
from store.security import demo_login_allowed
from store.settings import Settings

router = APIRouter()

# Notices the login page may show, named by message key in the query string.
LOGIN_NOTICES = frozenset({"web.login.logged_out", "web.login.expired"})
SURFACE = "web"


def safe_next(target: str | None) -> str:
    """Only same-site relative paths; anything else goes to the dashboard."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/dashboard"


def demo_enabled(settings: Settings) -> bool:
    return demo_login_allowed(settings, host=settings.choshu_host)


def audit_login(
    request: Request,
    session: Session,
    *,
    action: str,
    staff_id: str | None,
    allowed: bool,
    detail: str,
    user_ref: str | None = None,
) -> None:
    crud.write_audit(
        session=session,
        staff_id=staff_id,
        user_ref=user_ref,
        surface=SURFACE,
        action=action,
        allowed=allowed,
        detail=detail,
        origin=client_address(request),
    )


def start_session(request: Request, session: Session, *, staff_id: str, method: str) -> None:
    """Log ``staff_id`` in: a fresh cookie (session fixation) naming a new server-side session."""
    settings: Settings = request.app.state.settings
    token = web_sessions.create(
        session=session,
        staff_id=staff_id,
        method=method,
        origin=client_address(request),
        idle=dt.timedelta(minutes=settings.choshu_session_idle_minutes),
        lifetime=dt.timedelta(hours=settings.choshu_session_max_hours),
    )
    request.session.clear()
    request.session[SESSION_KEY] = token
    ensure_csrf_token(request)
    audit_login(request, session, action="web.login", staff_id=staff_id, allowed=True, detail=method)
    # Committed before the redirect is answered: the browser's next request (perhaps on
    # another replica) must find the session.
    session.commit()


def login_context(settings: Settings, session: Session, **extra: object) -> dict[str, object]:
    demo = demo_enabled(settings)
    return {
        "staff": people.list_staff(session=session) if demo else [],
        "demo": demo,
        "oidc": settings.oidc_enabled,
        "oidc_name": settings.choshu_oidc_display_name,
        **extra,
    }


@router.get("/login", name="login")
def login_page(
    request: Request,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    next: str = "/dashboard",
    message: str | None = None,
) -> Response:
    ensure_csrf_token(request)
    return render(
        request,
        "login.html",
        login_context(
            settings,
            session,
            next=safe_next(next),
            message=message if message in LOGIN_NOTICES else None,
        ),
    )


@router.post("/login", dependencies=[CsrfChecked])
def login(
    request: Request,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    staff_id: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/dashboard",
) -> Response:
    if not demo_enabled(settings):
        audit_login(
            request, session, action="web.login", staff_id=None, allowed=False,
            detail="demo login disabled", user_ref=staff_id[:64] or None,
        )
        return render(
            request, "login.html", login_context(settings, session, next=safe_next(next)), status_code=403
        )
    staff = people.get_staff(session=session, staff_id=staff_id) if staff_id else None
    if staff is None:
        audit_login(
            request, session, action="web.login", staff_id=None, allowed=False,
            detail="demo: unknown staff id", user_ref=staff_id[:64] or None,
        )
        return render(
            request,
            "login.html",
            login_context(settings, session, next=safe_next(next), error="web.login.unknown_staff"),
            status_code=400,
        )
    start_session(request, session, staff_id=staff.staff_id, method="demo")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, session: DbSession) -> Response:
    token = request.session.get(SESSION_KEY)
    if token:
        live = session.get(web_sessions.WebSession, web_sessions.token_hash(str(token)))
        if live is not None:
            audit_login(
                request, session, action="web.logout", staff_id=live.staff_id, allowed=True, detail=live.method
            )
        web_sessions.end(session=session, token=str(token))
        session.commit()
    request.session.clear()
    return RedirectResponse("/login?message=web.login.logged_out", status_code=303)
