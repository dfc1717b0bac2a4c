"""Jinja2 templates with the message catalogue as ``t`` and a few display filters."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from bot.web.flash import pop_flash
from bot.web.icons import icon
from tools.format import known_item
from tools.messages import MESSAGES, t

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.globals["t"] = t
templates.env.globals["icon"] = icon


def _yen(value: int | float | None) -> str:
    return "—" if value is None else f"{int(value):,}円"


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _signed(value: float | None) -> str:
    """+1.5 / −2.0 / ±0.0 (hours a choice adds or saves)."""
    if value is None:
        return "—"
    if round(value, 1) == 0:
        return "±0.0"
    return f"{'+' if value > 0 else '−'}{abs(value):,.1f}"


def _when(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _message(reason: Any) -> str:
    """Render an engine's ``Reason(key, params)`` or a ``(key, params)`` note; an unknown key
    shows as itself."""
    if isinstance(reason, tuple) and len(reason) == 2:
        key, params = reason
    else:
        key, params = getattr(reason, "key", None), getattr(reason, "params", {})
    if key is None:
        return str(reason)
    if key not in MESSAGES:
        return str(key)
    try:
        return t(key, **(params or {}))
    except (KeyError, IndexError, ValueError):
        return str(key)


def _marked(text: str, highlight: str | None) -> Markup:
    """The passage escaped, with the sentence that matched wrapped in ``<mark>``."""
    safe = escape(text or "")
    if highlight:
        needle = escape(highlight)
        if needle in safe:
            return Markup(safe.replace(needle, Markup("<mark>") + needle + Markup("</mark>"), 1))
    return Markup(safe)


templates.env.filters["message"] = _message
templates.env.filters["known"] = lambda asset: known_item(asset, "ja")
templates.env.filters["marked"] = _marked
templates.env.filters["yen"] = _yen
templates.env.filters["hours"] = _hours
templates.env.filters["signed"] = _signed
templates.env.filters["when"] = _when


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """Render ``name`` with the logged-in staff member and the CSRF token in the context."""
    ctx: dict[str, Any] = {
        "me": getattr(request.state, "staff", None),
        "csrf_token": request.session.get("csrf") if "session" in request.scope else None,
        "flash": pop_flash(request),
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
