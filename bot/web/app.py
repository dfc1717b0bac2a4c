"""The FastAPI app factory: store engine, sessions, login, dashboard and case pages.

The signed cookie only carries pre-login state (CSRF token, OIDC state) and the token of a
server-side session (``store.web_sessions``); who is logged in lives in the store.

Chat surfaces are mounted from ``bot.surfaces.build_routers(settings) -> list[APIRouter]``
(owned by the chat engineer) when that module exists; they own ``/``, ``/slack/events`` and
``/api/messages``. Until then ``/`` redirects to the dashboard.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from bot.web import auth, errors, health, logs, oidc
from bot.web.headers import SecurityHeaders
from bot.web.limits import BodyLimit
from bot.web.templating import STATIC_DIR
from store import audit_chain
from store.db import make_engine
from store.security import audit_key, web_secret
from store.settings import Settings

log = logging.getLogger(__name__)

SESSION_COOKIE = "choshu_session"
SURFACES_MODULE = "bot.surfaces"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Serve at most CHOSHU_WORKERS requests at once (the rest wait their turn without holding a
    store connection), so the pool sized from it is never exhausted by requests alone."""
    settings: Settings = app.state.settings
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.workers
    if settings.choshu_warm_up:
        from bot.chat import warmup

        warmup.start(app, settings)
    yield


def create_app(*, settings: Settings) -> FastAPI:
    app = FastAPI(title="徴収アシスタント", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan)
    app.state.settings = settings
    app.state.engine = make_engine(
        settings.database_url, pool_size=settings.pool_size, pool_timeout=settings.choshu_pool_timeout_seconds
    )
    audit_chain.bind_key(app.state.engine, audit_key(settings))
    logs.install()

    app.add_middleware(
        SessionMiddleware,
        secret_key=web_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=int(settings.choshu_session_max_hours * 3600),
        same_site="lax",
        https_only=settings.choshu_env == "production",
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.choshu_max_body_bytes,
        platform_max_bytes=settings.choshu_max_platform_body_bytes,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    errors.install(app)

    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(oidc.router)
    for router in _page_routers():
        app.include_router(router)
    _include_surfaces(app, settings)
    if not any(getattr(r, "path", None) == "/" for r in app.routes):
        app.add_api_route("/", _to_dashboard, include_in_schema=False)
    return app


def create_app_from_environment() -> FastAPI:
    """The app of one of several server processes (``CHOSHU_PROCESSES``): uvicorn starts each
    process by importing this factory, so its settings come from the environment."""
    from store.settings import get_settings

    return create_app(settings=get_settings())


def _page_routers() -> list[APIRouter]:
    from bot.web import pages

    return pages.routers()


def _include_surfaces(app: FastAPI, settings: Settings) -> None:
    try:
        module = importlib.import_module(SURFACES_MODULE)
    except ModuleNotFoundError as err:
        if err.name != SURFACES_MODULE:
            raise
        log.info("chat surfaces not installed yet (%s missing)", SURFACES_MODULE)
        return
    for router in module.build_routers(settings):
        app.include_router(router)


def _to_dashboard() -> RedirectResponse:
    return RedirectResponse("/dashboard", status_code=307)
