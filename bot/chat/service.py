"""The dispatcher of one web application (shared by the web chat, Slack and Teams routes)."""

from __future__ import annotations

import threading

from fastapi import FastAPI

from bot.chat.dispatch import Dispatcher, Dispatches
from bot.chat.incoming import IncomingMessage
from store.db import make_engine
from store.settings import Settings
from tools.reply import Reply

_lock = threading.Lock()


def chat_dispatcher(app: FastAPI, settings: Settings) -> Dispatches:
    """Where Slack's and Teams' answering threads send a message: the app's turn processes
    (:class:`bot.chat.pool.TurnPool`) once it has them, else this process's dispatcher —
    decided per message, since Slack's Socket Mode connects before the app has started them."""
    return _AppChat(app, settings)


class _AppChat:
    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def dispatch(self, msg: IncomingMessage) -> Reply | None:
        pool: Dispatches | None = getattr(self.app.state, "turn_pool", None)
        if pool is not None:
            return pool.dispatch(msg)
        return dispatcher_for(self.app, self.settings).dispatch(msg)


def dispatcher_for(app: FastAPI, settings: Settings) -> Dispatcher:
    """This process's dispatcher, created on first use, on the app's engine (``app.state.engine``)
    when it has one."""
    with _lock:
        dispatcher = getattr(app.state, "chat_dispatcher", None)
        if dispatcher is None:
            # lazy: langchain loads with the first chat turn, not with the web app
            from bot.agent import agent_for

            engine = getattr(app.state, "engine", None) or make_engine(settings.database_url)
            dispatcher = Dispatcher(engine=engine, settings=settings, agent=agent_for(settings))
            app.state.chat_dispatcher = dispatcher
        return dispatcher
