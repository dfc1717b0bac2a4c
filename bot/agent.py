"""LLM mode: placeholder until the agent lands."""

from __future__ import annotations

from typing import Any

from store.settings import Settings


def agent_for(settings: Settings) -> Any | None:
    return None
