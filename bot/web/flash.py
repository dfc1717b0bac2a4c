"""One-shot notices carried in the session across a POST → redirect → GET."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from tools.messages import MESSAGES, t


def flash(request: Request, key: str, **params: Any) -> None:
    request.session["flash"] = {"key": key, "params": {k: str(v) for k, v in params.items()}}
    request.state.flashed = True


def drop_own_flash(request: Request) -> None:
    """The request failed after its handler had set a notice (「…を記録しました」) and its work
    was rolled back: the notice must not be shown (a notice of an earlier request stays)."""
    if getattr(request.state, "flashed", False) and "session" in request.scope:
        request.session.pop("flash", None)
        request.state.flashed = False


def pop_flash(request: Request) -> str | None:
    if "session" not in request.scope:
        return None
    item = request.session.pop("flash", None)
    if not item or item.get("key") not in MESSAGES:
        return None
    return t(item["key"], **item.get("params", {}))
