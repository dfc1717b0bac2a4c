"""Render a Reply as an HTML fragment for the web chat (buttons carry their action as JSON)."""

from __future__ import annotations

import json
import uuid
from urllib.parse import urlencode

from markupsafe import Markup, escape

from tools.reply import Button, Reply


def _button(b: Button) -> str:
    if b.action == "full_text":  # on the web, the whole article is a page of its own
        query = {"doc": b.payload.get("doc_id", ""), "q": b.payload.get("query", "")}
        href = "/search?" + urlencode({k: v for k, v in query.items() if v})
        return f'<a class="chat-link" href="{escape(href)}" target="_blank" rel="noopener">{escape(b.label)}</a>'
    data = json.dumps({"action": b.action, "payload": b.payload, "nonce": uuid.uuid4().hex}, ensure_ascii=False)
    cls = f"chat-btn {b.style}" if b.style else "chat-btn"
    return f'<button type="button" class="{cls}" data-action="{escape(data)}">{escape(b.label)}</button>'


def _text(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>")


def render_html(reply: Reply) -> Markup:
    parts = [f'<div class="chat-reply{"" if reply.ok else " error"}">', f"<p>{_text(reply.text)}</p>"]
    for section in reply.sections:
        parts.append(f'<div class="chat-section"><p>{_text(section.text)}</p>')
        if section.buttons:
            parts.append('<div class="chat-buttons">' + "".join(_button(b) for b in section.buttons) + "</div>")
        parts.append("</div>")
    if reply.buttons:
        parts.append('<div class="chat-buttons">' + "".join(_button(b) for b in reply.buttons) + "</div>")
    parts.append("</div>")
    return Markup("".join(parts))
