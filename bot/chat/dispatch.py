"""One dispatch for every surface: IncomingMessage → middleware chain → router/agent → tool →
Reply. Adapters translate platform payloads to :class:`IncomingMessage` and render the Reply."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any, Protocol

from sqlalchemy.engine import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from bot.chat.conversation import converse, record_history
from bot.chat.incoming import IncomingMessage
from bot.chat.middleware import default_chain
from bot.chat.turn import Middleware, Turn
from bot.router.entities import Lexicon
from bot.router.lexicon import load_lexicon
from store.db import session_scope
from store.settings import Settings
from tools.messages import detect_lang, t
from tools.reply import Reply

log = logging.getLogger(__name__)


class Dispatches(Protocol):
    """What a surface's answering thread needs: a message in, the reply out (None: a repeated
    delivery, not answered). A :class:`Dispatcher` or the turn processes' pool."""

    def dispatch(self, msg: IncomingMessage) -> Reply | None: ...


class Dispatcher:
    """Holds the store engine, the settings and the middleware chain (built in one place:
    :func:`bot.chat.middleware.default_chain`)."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        chain: list[Middleware] | None = None,
        agent: Any | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.chain = chain if chain is not None else default_chain()
        self.agent = agent  # an LLM agent (bot.agent.LlmAgent) or None for the offline router
        self._lexicon: tuple[float, Lexicon] | None = None

    def dispatch(self, msg: IncomingMessage, *, session: Session | None = None) -> Reply | None:
        """The reply to ``msg``, or None when it must not be answered (a repeated delivery).

        ``session``: the caller's session (a web request's own), so that one turn holds one
        connection; without it the turn opens (and commits) its own.
        """
        try:
            if session is not None:
                return self._answer(Turn(msg=msg, session=session, settings=self.settings, dispatcher=self))
            with session_scope(self.engine) as own:
                return self._answer(Turn(msg=msg, session=own, settings=self.settings, dispatcher=self))
        except PoolTimeout:  # every connection is busy: say so at once, never after a long wait
            log.warning("chat store busy (surface %s): no free connection", msg.surface)
            return Reply(text=t("chat.busy", detect_lang(msg.text)), ok=False)
        except Exception as err:  # the store itself failed (unreachable, locked, full)
            ref = uuid.uuid4().hex[:8]
            log.error("chat store failure (ref %s, surface %s): %s", ref, msg.surface, type(err).__name__)
            return Reply(text=t("chat.failure", detect_lang(msg.text), ref=ref), ok=False)

    def _answer(self, turn: Turn) -> Reply | None:
        reply = self._run(turn, 0)
        record_history(turn, reply)
        return reply

    def _run(self, turn: Turn, index: int) -> Reply | None:
        if index >= len(self.chain):
            return converse(turn)
        return self.chain[index](turn, lambda t: self._run(t, index + 1))

    def lexicon(self, session: Session) -> Lexicon:
        """Names of staff, institutions and employers, re-read at most once a minute."""
        now = time.monotonic()
        if self._lexicon is None or now - self._lexicon[0] > 60:
            self._lexicon = (now, load_lexicon(session=session))
        return self._lexicon[1]
