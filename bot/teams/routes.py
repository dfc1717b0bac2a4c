"""``POST /api/messages``: the Teams endpoint on our FastAPI server.

Fails closed: without a Bearer token (unless the dangerous emulator setting is on) the answer
is 401 before anything is read; an activity whose ``serviceUrl`` is not one of Microsoft's
Teams hosts (or TEAMS_SERVICE_URL_HOSTS) is refused with 403, so no reply is ever posted to an
address the sender chose; the SDK then validates the token itself.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.responses import Response

from bot.chat.service import chat_dispatcher
from bot.teams.policy import service_url_allowed, unauthenticated_allowed
from store.settings import Settings

_lock = asyncio.Lock()
log = logging.getLogger(__name__)


async def teams_adapter_for(web_app: Any, settings: Settings) -> Any:
    async with _lock:
        adapter = getattr(web_app.state, "teams_adapter", None)
        if adapter is None:
            # lazy: the Teams SDK loads on the first activity, not with the web app
            from bot.teams.app import build_teams_app

            app, adapter = build_teams_app(settings, chat_dispatcher(web_app, settings))
            await app.initialize()
            web_app.state.teams_app = app
            web_app.state.teams_adapter = adapter
        return adapter


def _encodable(body: dict[str, Any]) -> bool:
    """False for text no chat can hold (a lone surrogate: valid JSON, invalid Unicode)."""
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter()

    @router.post("/api/messages", include_in_schema=False)
    async def api_messages(request: Request) -> Response:
        bearer = request.headers.get("authorization", "").startswith("Bearer ")
        if not unauthenticated_allowed(settings) and (not settings.teams_app_id or not bearer):
            return JSONResponse({"error": "a valid Bot Framework token is required"}, status_code=401)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "the body must be a Bot Framework activity (JSON)"}, status_code=400)
        if not isinstance(body, dict) or not isinstance(body.get("type"), str) or not _encodable(body):
            return JSONResponse({"error": "the body must be a Bot Framework activity (JSON)"}, status_code=400)
        if not service_url_allowed(settings, body.get("serviceUrl")):
            log.warning("Teams activity refused: serviceUrl host not on the allow-list")
            return JSONResponse({"error": "serviceUrl is not an allowed Teams service host"}, status_code=403)
        adapter = await teams_adapter_for(request.app, settings)
        try:
            result = await adapter.handle(body, dict(request.headers))
        except ValidationError as err:  # not an activity the SDK knows; never log its values
            log.info("teams activity refused: %d problems (%s)", err.error_count(), ", ".join(
                sorted({str(e.get("type")) for e in err.errors(include_input=False)})
            ))
            return JSONResponse({"error": "the body must be a Bot Framework activity (JSON)"}, status_code=400)
        if result.get("body") is not None:
            return JSONResponse(result["body"], status_code=result["status"])
        return Response(status_code=result["status"])

    return router
