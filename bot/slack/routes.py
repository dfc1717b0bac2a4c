"""``POST /slack/events``: the HTTP mode of the Slack app on our FastAPI server.

Bolt verifies the signature and the timestamp (401 when forged or stale), acknowledges, and
runs the listeners after the response.
"""

from __future__ import annotations

import threading
from typing import Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.responses import Response

from bot.chat.service import chat_dispatcher
from bot.slack.app import build_slack_app
from store.settings import Settings
from tools.messages import t

_lock = threading.Lock()
ACK_THREADS = 4
_limiter: anyio.CapacityLimiter | None = None


def _ack_limiter() -> anyio.CapacityLimiter:
    """Threads for Slack acknowledgements only (created in the event loop on first use)."""
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(ACK_THREADS)
    return _limiter


def slack_app_for(web_app: Any, settings: Settings) -> App:
    with _lock:
        app = getattr(web_app.state, "slack_app", None)
        if app is None:
            app = build_slack_app(settings, chat_dispatcher(web_app, settings))
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
        try:
            bolt_request = to_bolt_request(request, body)
        except ValueError:  # not UTF-8, or not JSON where JSON is due (UnicodeDecodeError, JSONDecodeError)
            return JSONResponse({"error": t("web.error.bad_json")}, status_code=400)
        if not isinstance(bolt_request.body, dict):
            return JSONResponse({"error": t("web.error.bad_json")}, status_code=400)
        # Bolt checks the signature and acknowledges at once; the listeners run later on its own
        # executor (CHOSHU_CHAT_WORKERS threads). The acknowledgement needs no store connection,
        # and runs on threads of its own, never behind the web chat's busy workers.
        bolt_response = await anyio.to_thread.run_sync(app.dispatch, bolt_request, limiter=_ack_limiter())
        return to_starlette_response(bolt_response)

    return router
