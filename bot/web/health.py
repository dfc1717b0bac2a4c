"""Liveness and readiness: the process answers, the store is reachable, its schema is current,
and (under ``choshu serve`` with turn processes) how many turn processes are running."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from store.migrate import current_revision, head_revision

router = APIRouter()


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    try:
        current = current_revision(request.app.state.engine)
    except SQLAlchemyError:
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    if current != head_revision():
        body = {
            "status": "error",
            "database": "ok",
            "schema": "outdated",
            "next": "choshu db upgrade",
        }
        return JSONResponse(body, status_code=503)
    ready: dict[str, object] = {"status": "ok", "database": "ok", "schema": "ok"}
    pool = getattr(request.app.state, "turn_pool", None)
    if pool is not None:
        alive = pool.alive()
        if alive is None:  # shutting down: a balancer sends the next turns elsewhere
            return JSONResponse({**ready, "status": "error", "turn_processes": "stopping"}, status_code=503)
        ready["turn_processes"] = alive
    return JSONResponse(ready)
