"""Cross-cutting concerns of every chat message, registered in one place (:func:`default_chain`):
errors → dedupe → identify → authorize (+ audit of refusals) → rate limit → input checks."""

from __future__ import annotations

import logging
import traceback
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.chat.turn import Middleware, Next, Turn
from store import chat_events
from store.errors import ChoshuError
from tools import audit, queries
from tools.actor import Actor
from tools.context import ToolContext
from tools.messages import detect_lang, error_text, t
from tools.reply import Reply

log = logging.getLogger(__name__)

MAX_CHARS = 2000


def default_chain() -> list[Middleware]:
    return [guard_errors, dedupe, identify, authorize, rate_limit, check_input]


def guard_errors(turn: Turn, call_next: Next) -> Reply | None:
    """Any failure becomes a reply that says what went wrong and what to do."""
    lang = detect_lang(turn.msg.text) if turn.msg.text else "ja"
    try:
        return call_next(turn)
    except PoolTimeout:
        log.warning("chat store busy (surface %s): no free connection", turn.msg.surface)
        return Reply(text=t("chat.busy", lang), ok=False)
    except ChoshuError as err:
        turn.session.rollback()
        return error_reply(turn, err)
    except Exception as err:
        turn.session.rollback()
        ref = uuid.uuid4().hex[:8]
        # Never the exception's message (it may quote SQL parameters, i.e. personal data):
        # the reference, the error type and where it was raised.
        frames = traceback.extract_tb(err.__traceback__)
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames[-4:]))
        log.error("chat dispatch failed (ref %s, surface %s): %s at %s", ref, turn.msg.surface, type(err).__name__, where)
        return Reply(text=t("chat.failure", lang, ref=ref), ok=False)


def error_reply(turn: Turn, err: ChoshuError) -> Reply:
    """What went wrong, in the user's language, and the hint that 「ヘルプ」 shows the rest."""
    lang = turn.actor.lang if turn.actor else (detect_lang(turn.msg.text) if turn.msg.text else "ja")
    text = error_text(err, lang, cli=turn.msg.surface == "cli")  # chat users have no terminal
    return Reply(text=f"{text}\n{t('chat.error.hint', lang)}", ok=False)


def dedupe(turn: Turn, call_next: Next) -> Reply | None:
    """A platform retry or a repeated event id is answered once (the first delivery)."""
    event_id = turn.msg.event_id
    # On the turn's own session (one connection per turn); it commits at once, which is safe
    # here: nothing else has been written yet.
    if event_id and not chat_events.first_delivery(session=turn.session, surface=turn.msg.surface, event_id=event_id):
        log.info("dropped repeated %s event", turn.msg.surface)
        return None
    return call_next(turn)


def identify(turn: Turn, call_next: Next) -> Reply | None:
    """The staff member behind the platform user (or the web / terminal login)."""
    msg = turn.msg
    lang = detect_lang(msg.text) if msg.text else "ja"
    staff: Any
    if msg.staff_id and msg.known_staff is not None:  # read by this request's login check
        k = msg.known_staff
        staff = SimpleNamespace(staff_id=msg.staff_id, name=k.name, role=k.role, team=k.team)
    elif msg.staff_id:
        staff = queries.get_staff(session=turn.session, staff_id=msg.staff_id)
    else:
        staff = queries.staff_by_platform_user(session=turn.session, surface=msg.surface, user_id=msg.user_ref)
    if staff is None:
        turn.actor = Actor(
            staff_id=None, surface=msg.surface, lang=lang, user_ref=msg.user_ref,
            origin=msg.origin, os_user=msg.os_user,
        )
    else:
        turn.actor = Actor(
            staff_id=staff.staff_id,
            surface=msg.surface,
            lang=lang,
            name=staff.name,
            role=staff.role,
            team=staff.team,
            user_ref=msg.user_ref,
            origin=msg.origin,
            os_user=msg.os_user,
        )
    return call_next(turn)


def authorize(turn: Turn, call_next: Next) -> Reply | None:
    """Unknown users get a polite refusal and an audit record; nothing else happens."""
    assert turn.actor is not None
    if not turn.actor.known:
        audit.record(
            ToolContext(session=turn.session, settings=turn.settings, actor=turn.actor),
            action="chat",
            allowed=False,
            detail="unknown user",
        )
        return Reply(text=t("chat.unknown_user", turn.actor.lang), ok=False)
    return call_next(turn)


def rate_limit(turn: Turn, call_next: Next) -> Reply | None:
    """At most ``CHOSHU_RATE_LIMIT_PER_MINUTE`` messages per staff member per minute, counted
    in the store (so the limit holds across every replica of the server)."""
    assert turn.actor is not None and turn.actor.staff_id is not None
    limit = turn.settings.choshu_rate_limit_per_minute
    # The turn's own session (one connection per turn): it commits the count at once, before
    # the tool runs, so the other replicas see it.
    admitted = chat_events.admit_request(session=turn.session, staff_id=turn.actor.staff_id, limit=limit)
    if not admitted:
        return Reply(text=t("chat.rate_limited", turn.actor.lang, limit=limit), ok=False)
    return call_next(turn)


def check_input(turn: Turn, call_next: Next) -> Reply | None:
    """An empty or overlong message gets a hint instead of a guess."""
    assert turn.actor is not None
    if turn.msg.action is None:
        text = turn.msg.text.strip()
        if not text:
            return Reply(text=t("chat.empty", turn.actor.lang), ok=False)
        if len(text) > MAX_CHARS:
            return Reply(text=t("chat.too_long", turn.actor.lang, count=len(text), limit=MAX_CHARS), ok=False)
    return call_next(turn)
