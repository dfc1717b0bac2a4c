"""The dispatcher of one web application (shared by the web chat, Slack and Teams routes)."""

from __future__ import annotations

import threading

from fastapi import FastAPI

from bot.chat.dispatch import Dispatcher
from store.db import make_engine
from store.settings import Settings

_lock = threading.Lock()


def dispatcher_for(app: FastAPI, settings: Settings) -> Dispatcher:
    """Created on first use, on the app's engine (``app.state.engine``) when it has one."""
    with _lock:
        dispatcher = getattr(app.state, "chat_dispatcher", None)
        if dispatcher is None:
            # lazy: langchain loads with the first chat turn, not with the web app
            from bot.agent import agent_for

            engine = getattr(app.state, "engine", None) or make_engine(settings.database_url)
            dispatcher = Dispatcher(engine=engine, settings=settings, agent=agent_for(settings))
            app.state.chat_dispatcher = dispatcher
        return dispatcher
