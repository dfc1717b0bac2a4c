"""What every tool function gets besides its arguments (its own module, so that tool modules,
the registry, authorisation and audit depend on it without depending on each other)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from store.settings import Settings
from tools.actor import Actor
from tools.reply import Reply


@dataclass
class ToolContext:
    """What a tool gets besides its arguments: who asks, the store, the settings."""

    session: Session
    settings: Settings
    actor: Actor
    # True when the user pressed a confirmation button (「確定」) for this very call.
    confirmed: bool = False
    # When the server received the message (``time.monotonic()``); None: not known (the CLI).
    received: float | None = None
    # 「もっと見せて」 after an answer from the reduced search: the next items of that ranking.
    reduced_search: bool = False

    def waited_ms(self) -> float:
        """Milliseconds since the message was received (0 when not known): on a busy server,
        mostly the wait for a free worker."""
        return 0.0 if self.received is None else (time.monotonic() - self.received) * 1000


ToolFunc = Callable[[ToolContext, Any], Reply]
