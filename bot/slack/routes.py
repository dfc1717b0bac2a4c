"""``POST /slack/events``: the HTTP mode of the Slack app on our FastAPI server.

Bolt verifies the signature and the timestamp (401 when forged or stale), acknowledges, and
runs the listeners after the response.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from bot.chat.service import dispatcher_for
from store.settings import Settings

_lock = threading.Lock()


def slack_app_for(web_app: Any, settings: Settings) -> App:
    with _lock:
        app = getattr(web_app.state, "slack_app", None)
        if app is None:
            from bot.slack.app import build_slack_app

            app = build_slack_app(settings, dispatcher_for(web_app, settings))
            web_app.state.slack_app = app
        return app


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter()

    @router.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        if not (settings.slack_signing_secret and settings.slack_bot_token):
            return JSONResponse(
                {"error": "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"},
                status_code=404,
            )
        app = slack_app_for(request.app, settings)
        body = await request.body()
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    return router
