"""The chat surfaces, listed once. Adding one (LINE WORKS, say) is its adapter package, with a
``surface.py`` that describes it (:class:`bot.surface.Surface`), and one line in :data:`SURFACES`.

Read by the web app (``build_routers``: the web chat at ``/`` and ``/chat/api``, Slack at
``POST /slack/events``, Teams at ``POST /api/messages``), ``choshu serve`` (start-up line, Socket
Mode), the warm-up, ``choshu doctor`` (one row each) and ``choshu import`` (staff.csv's
``<name>_user_id`` columns into identity rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.slack.surface import SURFACE as SLACK
from bot.surface import Surface
from bot.teams.surface import SURFACE as TEAMS
from store.settings import Settings

if TYPE_CHECKING:
    from fastapi import APIRouter

SURFACES: list[Surface] = [SLACK, TEAMS]


def names() -> tuple[str, ...]:
    """The surfaces' names, in order: the identity surfaces staff.csv may carry user ids for."""
    return tuple(s.name for s in SURFACES)


def build_routers(settings: Settings) -> list[APIRouter]:
    from bot.webchat.routes import router as webchat

    return [webchat, *(router for s in SURFACES for router in s.routers(settings))]
