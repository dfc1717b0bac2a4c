"""The chat surfaces, registered once. Adding one (LINE WORKS, say) is its adapter package, with
a ``surface.py`` that describes it (:class:`bot.surface.Surface`), its messages, and one
``register(...)`` line here.

Read by the web app (``build_routers``: the web chat at ``/`` and ``/chat/api``, Slack at
``POST /slack/events``, Teams at ``POST /api/messages``), ``choshu serve`` (start-up line, Socket
Mode), the warm-up and ``choshu doctor`` (one row each); the store learns the name
(``store.models.register_surface``), so its turns are audited and staff.csv's ``<name>_user_id``
column imports into identity rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.slack.surface import SURFACE as SLACK
from bot.surface import Surface
from bot.teams.surface import SURFACE as TEAMS
from store.models import register_surface
from store.settings import Settings

if TYPE_CHECKING:
    from fastapi import APIRouter

SURFACES: list[Surface] = []


def register(surface: Surface) -> None:
    SURFACES.append(surface)
    register_surface(surface.name)


register(SLACK)
register(TEAMS)


def build_routers(settings: Settings) -> list[APIRouter]:
    from bot.webchat.routes import router as webchat

    return [webchat, *(router for s in SURFACES for router in s.routers(settings))]
