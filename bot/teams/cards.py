"""Render a Reply as an Adaptive Card (buttons are Action.Submit carrying the tool call)."""

from __future__ import annotations

from typing import Any

from tools.reply import Button, Reply

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
DATA_KEY = "choshu"


def _text(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _actions(buttons: list[Button]) -> dict[str, Any]:
    return {
        "type": "ActionSet",
        "actions": [
            {
                "type": "Action.Submit",
                "title": b.label,
                **({"style": "positive" if b.style == "primary" else "destructive"} if b.style else {}),
                "data": {DATA_KEY: {"action": b.action, "payload": b.payload}},
            }
            for b in buttons
        ],
    }


def render_card(reply: Reply) -> dict[str, Any]:
    body: list[dict[str, Any]] = [_text(reply.text, weight="Bolder" if reply.sections else "Default")]
    for section in reply.sections:
        body.append({"type": "Container", "separator": True, "items": [_text(section.text)]})
        if section.buttons:
            body.append(_actions(section.buttons))
    if reply.buttons:
        body.append(_actions(reply.buttons))
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
