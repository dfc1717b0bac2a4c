"""The web chat at ``/`` (page) and ``/chat/api`` (JSON), behind the web login of ``bot.web``."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup
from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlmodel import Session
from starlette.responses import Response

from bot.chat.incoming import IncomingMessage, KnownStaff
from bot.chat.service import dispatcher_for
from bot.web.deps import (
    SESSION_KEY,
    CsrfFailed,
    DbSession,
    LoginRequired,
    Viewer,
    current_staff,
    ensure_csrf_token,
    get_settings_dep,
)
from bot.web.templating import TEMPLATE_DIR
from bot.web.templating import templates as web_templates
from bot.webchat.render import render_html
from store import conversations, crud
from store.db import session_scope
from store.settings import Settings
from tools.messages import t
from tools.reply import Reply


def _make_templates() -> Jinja2Templates:
    from jinja2 import Environment, select_autoescape

    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(Path(__file__).parent / "templates")), FileSystemLoader(str(TEMPLATE_DIR))]
        ),
        autoescape=select_autoescape(["html"]),
    )
    env.globals["t"] = t
    env.filters.update(web_templates.env.filters)
    return Jinja2Templates(env=env)


templates = _make_templates()
router = APIRouter()
CurrentStaff = Annotated[Viewer, Depends(current_staff)]


class ChatRequest(BaseModel):
    text: str = Field(default="", max_length=100_000)
    action: dict[str, Any] | None = None

    @field_validator("text", "action")
    @classmethod
    def _encodable(cls, value: Any) -> Any:
        # A lone surrogate (valid JSON, not valid text) would fail deep in the store or the
        # tokenizer: refuse it here (400), without echoing the text anywhere.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("not valid Unicode text") from None
        return value


@router.get("/", name="chat")
def chat_page(
    request: Request,
    staff: CurrentStaff,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Response:
    # Examples name one of the staff member's own cases: case numbers differ between offices.
    case = crud.example_case_id(session=session, staff_id=staff.staff_id) or t("chat.web.example_case", "ja")
    intro = render_html(Reply(text=t("chat.web.intro", "ja", case=case)))
    ctx = {
        "me": staff, "csrf_token": ensure_csrf_token(request), "flash": None, "intro": intro,
        "placeholder": t("chat.web.placeholder", "ja", case=case),
        "history": _history(session=session, staff_id=staff.staff_id, settings=settings),
    }
    return templates.TemplateResponse(request, "chat.html", ctx)


def _history(*, session: Session, staff_id: str, settings: Settings) -> Markup:
    """The staff member's own conversation so far (within the retention setting), as HTML."""
    days = settings.choshu_chat_history_days
    if days <= 0:
        return Markup("")
    rows = conversations.history(session=session, staff_id=staff_id, surface="web", keep=dt.timedelta(days=days))
    session.commit()  # the expired rows deleted on the way
    parts = []
    for row in rows:
        if row.role == "user":
            parts.append(Markup('<div class="chat-user"><span>{}</span></div>').format(row.text))
        elif row.reply:
            parts.append(render_html(Reply.from_dict(row.reply)))
    return Markup("").join(parts)


@router.post("/chat/api")
async def chat_api(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Response:
    received = time.monotonic()  # before the wait for a worker thread
    # No login, no look at the body: a stranger learns nothing about what the endpoint accepts
    # (the login itself is checked in the store in the turn).
    if not request.session.get(SESSION_KEY):
        raise LoginRequired
    try:
        data = json.loads(await request.body())
    except ValueError:  # UnicodeDecodeError too
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error"}]) from None
    try:
        body = ChatRequest.model_validate(data)
    except ValidationError as err:
        problems = err.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in problems]) from None
    pool = getattr(request.app.state, "turn_pool", None)
    if pool is None:
        # The whole turn on one worker thread with one store session (login check, CSRF, dedupe,
        # rate limit, the tool, the audit): as dependencies, the session and the login check
        # would each hand the request to a worker thread and back (three hand-offs more a turn).
        return await anyio.to_thread.run_sync(_chat_turn, request, body, settings, received)
    # Turn processes: the login check and CSRF here (their session closed before the turn
    # starts: one connection at a time), the turn in the first free turn process.
    msg = await anyio.to_thread.run_sync(_checked_message, request, body, received)
    return _response(await pool.answer(msg))


def _chat_turn(request: Request, body: ChatRequest, settings: Settings, received: float) -> Response:
    with session_scope(request.app.state.engine) as session:
        msg = _message(request, session, body, received)
        # The request's session: one turn holds one store connection (login check, dedupe, rate
        # limit and the tool all use it).
        reply = dispatcher_for(request.app, settings).dispatch(msg, session=session)
    return _response(reply)


def _checked_message(request: Request, body: ChatRequest, received: float) -> IncomingMessage:
    with session_scope(request.app.state.engine) as session:
        return _message(request, session, body, received)


def _message(request: Request, session: Session, body: ChatRequest, received: float) -> IncomingMessage:
    """The turn of the logged-in staff member (read in the store) whose CSRF token matches."""
    staff = current_staff(request, session)
    expected = request.session.get("csrf")
    given = request.headers.get("x-csrf-token", "")
    if not expected or not secrets.compare_digest(str(expected), given):
        raise CsrfFailed
    event_id = None
    action = body.action
    if action is not None:
        nonce = str(action.get("nonce") or "")
        event_id = f"web:{staff.staff_id}:{nonce}" if nonce else None
        action = {"action": action.get("action"), "payload": action.get("payload") or {}}
    return IncomingMessage(
        surface="web", user_ref=staff.staff_id, staff_id=staff.staff_id, text=body.text, action=action,
        event_id=event_id, origin=staff.origin, received=received,
        known_staff=KnownStaff(name=staff.name, role=staff.role, team=staff.team),
    )


def _response(reply: Reply | None) -> Response:
    if reply is None:
        return JSONResponse({"reply": None, "html": ""})
    return JSONResponse({"reply": reply.to_dict(), "html": str(render_html(reply))})
