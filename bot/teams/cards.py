"""Render a Reply as an Adaptive Card, read a pressed button back, and mark it as chosen.

Buttons are Universal Actions (``Action.Execute``, verb ``choshu``, carrying the tool call in
``data``), each with an ``Action.Submit`` fallback for clients without Universal Actions (the
Teams documentation's advice for backward compatibility). A pressed ``Action.Execute`` comes
as an ``adaptiveCard/action`` invoke, answered with the card as it should now look: the
pressed button's row becomes 「✔ label」 (as in Slack and the web chat).

The invoke does not carry the card it was pressed on, so the card carries itself: a hidden
input holds the card (compressed, and signed with a key derived from CHOSHU_SECRET_KEY), and every action sends
the card's inputs along. A state that fails its signature is ignored (the answer is then the
「✔ label」 line alone); it never decides what runs — the tool call in ``data`` does, checked
and audited like a typed request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import zlib
from typing import Any

from tools.reply import Button, Link, Reply

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
DATA_KEY = "choshu"
VERB = "choshu"
STATE_ID = "choshu_card"  # the hidden input holding the card itself
ACTIONS = ("run", "rate", "cancel", "full_text")
MAX_STATE = 200_000  # bytes of a card decompressed: more is not a card of ours


def _text(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _button(b: Button, action_id: str) -> dict[str, Any]:
    style = {"style": "positive" if b.style == "primary" else "destructive"} if b.style else {}
    data = {DATA_KEY: {"action": b.action, "payload": b.payload, "label": b.label}}
    return {
        "type": "Action.Execute",
        "id": action_id,
        "title": b.label,
        "verb": VERB,
        **style,
        "data": data,
        "fallback": {"type": "Action.Submit", "title": b.label, **style, "data": data},
    }


def _actions(
    buttons: list[Button], links: list[Link], base_url: str, block_no: int
) -> list[dict[str, Any]]:
    """One ActionSet: the buttons (Action.Execute carrying the tool call), then the links
    (Action.OpenUrl; only with an absolute base, CHOSHU_PUBLIC_URL); none when both are empty."""
    actions = [_button(b, f"{DATA_KEY}_{block_no}_{i}") for i, b in enumerate(buttons)]
    if base_url:
        actions += [
            {"type": "Action.OpenUrl", "title": x.label, "url": x.url(base_url)} for x in links
        ]
    return (
        [{"type": "ActionSet", "id": f"{DATA_KEY}_actions_{block_no}", "actions": actions}]
        if actions
        else []
    )


def render_card(reply: Reply, *, base_url: str = "", secret: str = "") -> dict[str, Any]:
    """The card for ``reply``; ``base_url`` (``CHOSHU_PUBLIC_URL``) makes its links absolute,
    and without it they are left out. With ``secret`` the card carries itself (signed) for
    showing the chosen button after a press."""
    body: list[dict[str, Any]] = [
        _text(reply.text, weight="Bolder" if reply.sections else "Default")
    ]
    for no, section in enumerate(reply.sections):
        body.append({"type": "Container", "separator": True, "items": [_text(section.text)]})
        body += _actions(section.buttons, section.links, base_url, no)
    body += _actions(reply.buttons, reply.links, base_url, len(reply.sections))
    card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    return _with_state(card, secret)


def _with_state(card: dict[str, Any], secret: str) -> dict[str, Any]:
    has_buttons = any(
        a.get("type") == "Action.Execute" for b in card["body"] for a in b.get("actions") or []
    )
    if not secret or not has_buttons:
        return card
    blob = base64.urlsafe_b64encode(
        zlib.compress(json.dumps(card, ensure_ascii=False).encode(), 9)
    ).decode()
    hidden = {
        "type": "Input.Text",
        "id": STATE_ID,
        "isVisible": False,
        "value": f"{blob}.{_sign(secret, blob)}",
    }
    return {**card, "body": [*card["body"], hidden]}


def _sign(secret: str, blob: str) -> str:
    return hmac.new(secret.encode(), blob.encode(), hashlib.sha256).hexdigest()[:32]


def _card_from_state(state: object, secret: str) -> dict[str, Any] | None:
    """The card a hidden state holds, or None (missing, altered, or not a card)."""
    if not secret or not isinstance(state, str) or "." not in state:
        return None
    blob, signature = state.rsplit(".", 1)
    if not hmac.compare_digest(signature, _sign(secret, blob)):
        return None
    try:
        raw = zlib.decompressobj().decompress(base64.urlsafe_b64decode(blob), MAX_STATE)
        card = json.loads(raw)
    except (binascii.Error, zlib.error, ValueError):
        return None
    return card if isinstance(card, dict) and isinstance(card.get("body"), list) else None


def read_submit(value: Any) -> dict[str, Any] | None:
    """``{"action", "payload"}`` from an Action.Submit ``value`` or an Action.Execute ``data``,
    or None when it is not ours."""
    if not isinstance(value, dict):
        return None
    data = value.get(DATA_KEY)
    if not isinstance(data, dict) or data.get("action") not in ACTIONS:
        return None
    payload = data.get("payload")
    return {"action": data["action"], "payload": payload if isinstance(payload, dict) else {}}


def chosen_card(data: dict[str, Any], action_id: str | None, *, secret: str) -> dict[str, Any]:
    """The card to show after the button ``action_id`` was pressed: the card its hidden state
    holds, with the pressed button's row replaced by 「✔ label」 (its other buttons go, so
    nobody presses one of them afterwards); the 「✔ label」 line alone when the state is
    missing or not ours."""
    label = str((data.get(DATA_KEY) or {}).get("label") or "")
    mark = _text(f"✔ {label}", weight="Bolder")
    card = _card_from_state(data.get(STATE_ID), secret)
    if card is None:
        return {
            "type": "AdaptiveCard",
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.5",
            "body": [mark],
        }
    body = []
    for block in card["body"]:
        actions = (
            block.get("actions")
            if isinstance(block, dict) and block.get("type") == "ActionSet"
            else None
        )
        pressed = next(
            (a for a in actions or [] if isinstance(a, dict) and a.get("id") == action_id), None
        )
        if pressed is None:
            body.append(block)
        else:
            body.append(_text(f"✔ {pressed.get('title') or label}", weight="Bolder"))
    return _with_state({**card, "body": body}, secret)
