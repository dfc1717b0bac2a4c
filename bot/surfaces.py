"""The chat surfaces mounted on the web app by ``bot.web.app.create_app``: the web chat at
``/`` and ``/chat/api``, Slack at ``POST /slack/events``, Teams at ``POST /api/messages``."""

from __future__ import annotations

from fastapi import APIRouter

from store.settings import Settings


def build_routers(settings: Settings) -> list[APIRouter]:
    from bot.slack.routes import build_router as slack_router
    from bot.teams.routes import build_router as teams_router
    from bot.webchat.routes import router as webchat

    return [webchat, slack_router(settings), teams_router(settings)]
