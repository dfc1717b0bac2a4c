"""Dashboard pages: assignment, case, search, audit log. Each module exports ``router``."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    # Here, not at the top: importing one page module (a test's) need not load every page's engine.
    from bot.web.pages import audit, case, dashboard, day, search

    return [dashboard.router, case.router, search.router, audit.router, day.router]
