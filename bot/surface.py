"""What a chat surface (Slack, Teams, LINE WORKS, …) tells the rest of the assistant about itself.

Each adapter package describes itself with one :class:`Surface` (``bot/slack/surface.py``) and is
listed once in ``bot.surfaces``; the web app, ``choshu serve``, the warm-up, ``choshu doctor`` and
``choshu import`` (staff.csv's ``<name>_user_id`` column) read that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from store.checks import Check
from store.settings import Settings

if TYPE_CHECKING:
    from fastapi import APIRouter


class Sender(Protocol):
    """Sends a direct message on one chat surface, to a staff member's user id there (the
    weekly digest)."""

    surface: str

    def send(self, user_id: str, text: str) -> None: ...


def _no_routes(settings: Settings) -> list[APIRouter]:
    return []


@dataclass(frozen=True)
class Surface:
    # The surface's name: its identity rows (StaffIdentity.surface), staff.csv's
    # ``<name>_user_id`` column, and the ``surface`` of its messages and audit rows.
    name: str
    label: str  # as shown in ``choshu serve``'s start-up line
    # ``choshu doctor``'s row: configured, half configured (an error), or off.
    check: Callable[[Settings], Check]
    # How it runs, for the start-up line (``http``, ``socket``, ``on``, ``off``, …).
    mode: Callable[[Settings], str]
    # The HTTP endpoints it receives events on (mounted on the web app).
    routers: Callable[[Settings], list[APIRouter]] = _no_routes
    # Started by ``choshu serve`` after the app is built (a websocket client, say).
    start: Callable[[Any, Settings], object] | None = None
    # Loaded by the start-up warm-up when configured (nothing to do: None).
    warm: Callable[[Any, Settings], None] | None = None
    # Direct messages (the weekly digest), when configured: a Sender, else None.
    sender: Callable[[Settings], Sender | None] | None = None

    @property
    def user_id_column(self) -> str:
        return f"{self.name}_user_id"
