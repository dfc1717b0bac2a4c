"""Small rendering helpers shared by the tools (user text itself lives in tools.messages)."""

from __future__ import annotations

from typing import Any

from tools.messages import MESSAGES, Lang, t


def render_key(key: str, lang: Lang, params: dict[str, Any] | None = None) -> str:
    """A message by key; an unknown key renders as the key (never a crash at the edge)."""
    if key not in MESSAGES:
        return key
    try:
        return t(key, lang, **(params or {}))
    except (KeyError, IndexError, ValueError):
        return MESSAGES[key].get(lang) or MESSAGES[key]["ja"]


def kind_label(kind: str | None, lang: Lang) -> str:
    return render_key(f"chat.kind.{kind}", lang) if kind else ""


def yen(amount: int | None) -> str:
    return "-" if amount is None else f"{amount:,}"


def hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
