"""One message on its way through the middleware chain, and the shapes of a middleware.

Its own module so that the dispatcher, the middleware and the handler each import it without
importing one another back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from bot.chat.incoming import IncomingMessage
from bot.router.entities import Lexicon
from store.settings import Settings
from tools.actor import Actor
from tools.context import ToolContext
from tools.reply import Reply


class TurnDispatcher(Protocol):
    """What a turn needs of the dispatcher that runs it (:class:`bot.chat.dispatch.Dispatcher`)."""

    agent: Any  # an LLM agent (bot.agent.LlmAgent) or None for the offline router

    def lexicon(self, session: Session) -> Lexicon: ...


@dataclass
class Turn:
    """One message on its way through the chain."""

    msg: IncomingMessage
    session: Session
    settings: Settings
    dispatcher: TurnDispatcher
    actor: Actor | None = None

    def tool_context(self, *, confirmed: bool = False, reduced_search: bool = False) -> ToolContext:
        assert self.actor is not None
        return ToolContext(
            session=self.session,
            settings=self.settings,
            actor=self.actor,
            confirmed=confirmed,
            received=self.msg.received,
            reduced_search=reduced_search,
        )


Next = Callable[[Turn], Reply | None]
Middleware = Callable[[Turn, Next], Reply | None]
