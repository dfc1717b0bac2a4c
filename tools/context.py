"""What every tool function gets besides its arguments (its own module, so that tool modules,
the registry, authorisation and audit depend on it without depending on each other)."""

from __future__ import annotations

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


ToolFunc = Callable[[ToolContext, Any], Reply]
