"""Request dependencies: the DB session, the logged-in staff member, CSRF, supervisor-only."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from sqlmodel import Session

from bot.web import people
from store import web_sessions
from store.db import session_scope
from store.errors import PermissionDenied
from store.models import Staff
from store.settings import Settings
from tools import audit as tool_audit
from tools.actor import Actor

# The cookie holds this key: the token of a server-side session (store.web_sessions).
SESSION_KEY = "sid"


@dataclass(frozen=True)
class Viewer:
    """The logged-in staff member, as read at the start of the request (plain data)."""

    staff_id: str
    name: str
    role: str
    team: str | None
    origin: str | None = None  # the client's address, for the audit

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"

    def actor(self) -> Actor:
        """This viewer as the actor of a use case."""
        return Actor(
            staff_id=self.staff_id,
            surface="web",
            name=self.name,
            role=self.role,
            team=self.team,
            user_ref=f"web:{self.staff_id}",
            origin=self.origin,
        )

    @classmethod
    def of(cls, staff: Staff, origin: str | None = None) -> Viewer:
        return cls(
            staff_id=staff.staff_id, name=staff.name, role=staff.role, team=staff.team, origin=origin
        )


class LoginRequired(Exception):
    """No valid login in the session; the app answers 303 → /login (pages) or 401 (API)."""


class CsrfFailed(Exception):
    """A state-changing request without the session's CSRF token."""


async def get_settings_dep(request: Request) -> Settings:
    # async: read on the event loop, not in a worker thread (one thread hand-off less per request)
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; committed when the handler returns without error, before the
    response is sent (``scope="function"``): a page that says 「記録しました」 is never sent for a
    write the store then refused, and the page the browser is redirected to already sees it."""
    with session_scope(request.app.state.engine) as session:
        yield session


DbSession = Annotated[Session, Depends(get_session, scope="function")]


def ensure_csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def current_staff(request: Request, session: DbSession) -> Viewer:
    """The logged-in staff member: the cookie's token must name a live session in the store
    (not logged out, not ended by a supervisor, not idle or too old), re-read on every request.

    A session whose staff member no longer exists counts as logged out.
    """
    token = request.session.get(SESSION_KEY)
    if not token:
        raise LoginRequired
    settings: Settings = request.app.state.settings
    live = web_sessions.resolve(
        session=session,
        token=str(token),
        idle=dt.timedelta(minutes=settings.choshu_session_idle_minutes),
        lifetime=dt.timedelta(hours=settings.choshu_session_max_hours),
    )
    staff = people.get_staff(session=session, staff_id=live.staff_id) if live else None
    if staff is None:
        request.session.pop(SESSION_KEY, None)
        raise LoginRequired
    viewer = Viewer.of(staff, origin=client_address(request))
    # End the login check's transaction: it may have touched or deleted the session row (on
    # SQLite the write lock is not kept through the turn), and a page request gives the
    # connection back while it waits for its next worker thread.
    session.commit()
    request.state.staff = viewer
    ensure_csrf_token(request)
    return viewer


CurrentStaff = Annotated[Viewer, Depends(current_staff)]


def require_supervisor(request: Request, staff: CurrentStaff, session: DbSession) -> Viewer:
    """Pages without a use case of their own (the audit log, ending sessions): the refusal is
    audited here, once; the dashboard's plan actions leave the check to their use cases."""
    if not staff.is_supervisor:
        tool_audit.write(
            session=session,
            actor=staff.actor(),
            action=f"web.{request.method.lower()}:{request.url.path}"[:80],
            allowed=False,
            detail="not supervisor",
        )
        session.commit()  # kept when the error page rolls back
        raise PermissionDenied("web.supervisor_only")
    return staff


Supervisor = Annotated[Viewer, Depends(require_supervisor)]


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Form posts carry the session's token in a hidden ``csrf`` field (or X-CSRF-Token)."""
    expected = request.session.get("csrf")
    given = csrf or request.headers.get("x-csrf-token", "")
    if not expected or not secrets.compare_digest(str(expected), given):
        raise CsrfFailed


CsrfChecked = Depends(check_csrf)
