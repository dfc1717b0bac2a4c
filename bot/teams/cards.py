"""Render a Reply as an Adaptive Card (buttons are Action.Submit carrying the tool call)."""

from __future__ import annotations

from typing import Any

from tools.reply import Button, Link, Reply

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
DATA_KEY = "choshu"


def _text(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _actions(buttons: list[Button], links: list[Link], base_url: str) -> list[dict[str, Any]]:
    """One ActionSet: the buttons (Action.Submit carrying the tool call), then the links
    (Action.OpenUrl; only with an absolute base, CHOSHU_PUBLIC_URL); none when both are empty."""
    actions: list[dict[str, Any]] = [
        {
            "type": "Action.Submit",
            "title": b.label,
            **({"style": "positive" if b.style == "primary" else "destructive"} if b.style else {}),
            "data": {DATA_KEY: {"action": b.action, "payload": b.payload}},
        }
        for b in buttons
    ]
    if base_url:
        actions += [{"type": "Action.OpenUrl", "title": x.label, "url": x.url(base_url)} for x in links]
    return [{"type": "ActionSet", "actions": actions}] if actions else []


def render_card(reply: Reply, *, base_url: str = "") -> dict[str, Any]:
    """The card for ``reply``; ``base_url`` (``CHOSHU_PUBLIC_URL``) makes its links absolute,
    and without it they are left out."""
    body: list[dict[str, Any]] = [_text(reply.text, weight="Bolder" if reply.sections else "Default")]
    for section in reply.sections:
        body.append({"type": "Container", "separator": True, "items": [_text(section.text)]})
        body += _actions(section.buttons, section.links, base_url)
    body += _actions(reply.buttons, reply.links, base_url)
    return {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "version": "1.5", "body": body}


def read_submit(value: Any) -> dict[str, Any] | None:
    """``{"action", "payload"}`` from an Action.Submit ``value``, or None when it is not ours."""
    if not isinstance(value, dict):
        return None
    data = value.get(DATA_KEY)
    if not isinstance(data, dict) or data.get("action") not in ("run", "rate", "cancel", "full_text"):
        return None
    payload = data.get("payload")
    return {"action": data["action"], "payload": payload if isinstance(payload, dict) else {}}
