"""Dashboard pages: assignment, case, search, audit log. Each module exports ``router``."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from bot.web.pages import audit, case, dashboard, day, search

    return [dashboard.router, case.router, search.router, audit.router, day.router]
