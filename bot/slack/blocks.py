"""Render a Reply as Slack Block Kit, and read a pressed button back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tools.reply import Button, Link, Reply

MAX_SECTION = 2900  # Slack allows 3000 characters in a section's text
MAX_VALUE = 2000  # and 2000 in a button's value
ACTION_PREFIX = "choshu_"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


LINK_LINE = "\n→ "


def _section(text: str, links: Sequence[Link] = (), base_url: str = "") -> dict[str, Any]:
    # A section's links (an article on the search page) follow its text as mrkdwn links;
    # Slack links need an absolute address, so without CHOSHU_PUBLIC_URL there are none.
    tail = "".join(f"{LINK_LINE}<{x.url(base_url)}|{_link_label(x.label)}>" for x in links) if base_url else ""
    body = escape(text)[: MAX_SECTION - len(tail)] + tail
    return {"type": "section", "text": {"type": "mrkdwn", "text": body or " "}}


def _link_label(label: str) -> str:
    return escape(label).replace("|", "｜")


def _link_buttons(links: Sequence[Link], base_url: str, offset: int) -> list[dict[str, Any]]:
    """Link buttons (``url``): Slack opens the page and still sends an action, which
    :func:`read_button` ignores (no value)."""
    return [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": x.label[:75], "emoji": True},
            "action_id": f"{ACTION_PREFIX}link_{offset + i}",
            "url": x.url(base_url)[:3000],
        }
        for i, x in enumerate(links)
    ]


def _buttons(buttons: list[Button], block_no: int) -> dict[str, Any]:
    elements = []
    for i, b in enumerate(buttons[:25]):
        value = json.dumps({"a": b.action, "p": b.payload}, ensure_ascii=False, separators=(",", ":"))
        element: dict[str, Any] = {
            "type": "button",
            "text": {"type": "plain_text", "text": b.label[:75], "emoji": True},
            "action_id": f"{ACTION_PREFIX}{block_no}_{i}",
            "value": value[:MAX_VALUE],
        }
        if b.style:
            element["style"] = b.style
        elements.append(element)
    return {"type": "actions", "block_id": f"choshu_actions_{block_no}", "elements": elements}


def render_blocks(reply: Reply, *, base_url: str = "") -> list[dict[str, Any]]:
    """Block Kit for ``reply``; ``base_url`` (``CHOSHU_PUBLIC_URL``) makes its links absolute,
    and without it the links are left out (a relative address means nothing in Slack)."""
    blocks = [_section(reply.text)]
    for no, section in enumerate(reply.sections):
        blocks.append(_section(section.text, section.links, base_url))
        if section.buttons:
            blocks.append(_buttons(section.buttons, no))
    links = _link_buttons(reply.links, base_url, 0) if base_url else []
    if reply.buttons or links:
        actions = _buttons(reply.buttons, len(reply.sections))
        actions["elements"] = (actions["elements"] + links)[:25]
        blocks.append(actions)
    return blocks[:50]


def read_button(value: str) -> dict[str, Any] | None:
    """``{"action", "payload"}`` from a button value, or None when it is not ours."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("a") not in ("run", "rate", "cancel", "full_text"):
        return None
    payload = data.get("p")
    return {"action": data["a"], "payload": payload if isinstance(payload, dict) else {}}


def mark_chosen(blocks: list[dict[str, Any]], action_id: str) -> list[dict[str, Any]] | None:
    """The message's blocks with the pressed button's row replaced by 「✔ label」 (Slack cannot
    disable a button: the row's other buttons go, so nobody presses one of them afterwards);
    None when the button is not in these blocks."""
    out: list[dict[str, Any]] = []
    found = False
    for block in blocks:
        elements = (block.get("elements") or []) if block.get("type") == "actions" else []
        pressed = next((e for e in elements if e.get("action_id") == action_id), None)
        if pressed is None:
            out.append(block)
            continue
        found = True
        label = escape(str((pressed.get("text") or {}).get("text", "")))
        out.append({"type": "context", "block_id": block.get("block_id", ""), "elements": [{"type": "mrkdwn", "text": f"✔ *{label}*"}]})
    return out if found else None
