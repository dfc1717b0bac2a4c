"""The FastAPI app factory: store engine, sessions, login, dashboard and case pages.

The signed cookie only carries pre-login state (CSRF token, OIDC state) and the token of a
server-side session (``store.web_sessions``); who is logged in lives in the store.

Chat surfaces are mounted from ``bot.surfaces.build_routers(settings)``; they own ``/``,
``/slack/events`` and ``/api/messages``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig
from starlette.middleware.sessions import SessionMiddleware

from bot.chat import warmup
from bot.surfaces import build_routers
from bot.web import auth, errors, health, logs, oidc, pages
from bot.web.headers import SecurityHeaders
from bot.web.limits import BodyLimit
from bot.web.templating import STATIC_DIR
from store import audit_chain
from store.db import make_engine
from store.security import audit_key, web_secret
from store.settings import Settings

log = logging.getLogger(__name__)

SESSION_COOKIE = "choshu_session"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Serve at most CHOSHU_WORKERS requests at once (the rest wait their turn without holding a
    store connection), so the pool sized from it is never exhausted by requests alone; start the
    turn processes when the app has them (``choshu serve``, CHOSHU_PROCESSES > 1)."""
    settings: Settings = app.state.settings
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.workers
    pool = None
    if app.state.turn_processes > 1:
        from bot.chat.pool import TurnPool

        pool = TurnPool(settings, app.state.turn_processes)
        pool.prestart()
        app.state.turn_pool = pool
    if settings.choshu_warm_up:
        # The web process too: its pages use the same engines (a case page's targets and
        # guidance, the worklist's hours model, /search), which would otherwise load during
        # the first page views, on the process that acknowledges Slack and Teams.
        warmup.start(app, settings)
    try:
        yield
    finally:
        if pool is not None:  # a message from now on is answered 「混み合っています」
            await anyio.to_thread.run_sync(pool.close)


# FastAPI's own OpenTelemetry, off whatever the environment says: with FASTAPI_OTEL_AUTO_CONFIGURE
# and an OTLP endpoint set (for another service on the machine) it would export every request's
# path — case ids among them — to that endpoint.
TELEMETRY_OFF: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False, "auto_configure": False}


def create_app(*, settings: Settings, turn_processes: int = 1) -> FastAPI:
    """``turn_processes``: more than one answers chat turns in that many processes of their own
    (:mod:`bot.chat.pool`); one answers them in this process."""
    app = FastAPI(
        title="徴収アシスタント",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
        telemetry=TELEMETRY_OFF,
    )
    app.state.settings = settings
    app.state.turn_processes = turn_processes
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
    for router in [*pages.routers(), *build_routers(settings)]:
        app.include_router(router)
    return app
