"""Translate errors at the edge: domain errors → HTTP status + a page that says what to do."""

from __future__ import annotations

import logging
import traceback
import uuid
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from bot.web.deps import SESSION_KEY, CsrfFailed, LoginRequired
from bot.web.flash import drop_own_flash
from bot.web.templating import render
from store.errors import (
    ChoshuError,
    Conflict,
    Infeasible,
    InvalidInput,
    ModelMissing,
    NotFound,
    PermissionDenied,
    Unavailable,
)
from tools.messages import error_text, t

log = logging.getLogger(__name__)

STATUS: dict[type[ChoshuError], int] = {
    InvalidInput: 400,
    PermissionDenied: 403,
    NotFound: 404,
    Conflict: 409,
    Infeasible: 422,
    ModelMissing: 503,
    Unavailable: 503,
}


def wants_html(request: Request) -> bool:
    """Pages and form posts get a page; API calls (JSON, fetch) get JSON."""
    if "text/html" in request.headers.get("accept", "") or request.method == "GET":
        return True
    content_type = request.headers.get("content-type", "")
    return content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _page(request: Request, message: str, status: int) -> Response:
    drop_own_flash(request)  # an error undid the request's work: never 「…しました」 beside it
    if not wants_html(request):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", {"message": message, "status": status}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        if request.method == "GET" and wants_html(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        if wants_html(request):  # a form posted after the login expired: log in again
            return RedirectResponse("/login", status_code=303)
        return JSONResponse({"error": t("web.login.required")}, status_code=401)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        logged_out = SESSION_KEY not in request.session and request.url.path != "/login"
        if logged_out and wants_html(request):
            return RedirectResponse("/login", status_code=303)  # the login itself expired
        return _page(request, t("web.csrf_failed"), 403)

    @app.exception_handler(ChoshuError)
    async def _domain(request: Request, exc: ChoshuError) -> Response:
        status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 500)
        return _page(request, error_text(exc, cli=False), status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _page(request, t("web.error.page_not_found"), 404)
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(PoolTimeout)
    async def _busy(request: Request, _exc: PoolTimeout) -> Response:
        # Every store connection is busy: answer at once and ask to retry (never a 30 s wait).
        log.warning("store busy: no free connection for %s %s", request.method, request.url.path)
        response = _page(request, t("web.busy"), 503)
        response.headers["retry-after"] = "2"
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # The field and the problem only, never the value (it may be a name or an address).
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('type', '?')}" for e in exc.errors()
        ]
        log.info("bad request to %s: %s", request.url.path, "; ".join(problems)[:500])
        malformed = any(e.get("type") == "json_invalid" for e in exc.errors())
        return _page(request, t("web.error.bad_json" if malformed else "web.error.bad_request"), 400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        ref = uuid.uuid4().hex[:8]
        # Frames and the error type only: an exception's message may carry personal data.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unexpected error ref=%s type=%s\n%s", ref, type(exc).__name__, frames)
        return _page(request, t("error.unexpected", ref=ref), 500)
