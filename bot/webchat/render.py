"""Render a Reply as an HTML fragment for the web chat (buttons carry their action as JSON;
links are relative links to the web pages, opened in a new tab so the conversation stays)."""

from __future__ import annotations

import json
import uuid

from markupsafe import Markup, escape

from bot.web.icons import ICONS
from tools.reply import Button, Link, Reply, document_path


def _label(label: str) -> str:
    for emoji, icon in ICONS.items():  # 👍/👎 drawn: no emoji font needed
        if label.startswith(emoji):
            return f"{icon} {escape(label[len(emoji):].strip())}"
    return str(escape(label))


def _full_text_href(b: Button) -> str:
    return document_path(str(b.payload.get("doc_id", "")), str(b.payload.get("query", "")))


def _button(b: Button) -> str:
    if b.action == "full_text":  # on the web, the whole article is a page of its own
        href = _full_text_href(b)
        return f'<a class="chat-link" href="{escape(href)}" target="_blank" rel="noopener">{escape(b.label)}</a>'
    data = json.dumps({"action": b.action, "payload": b.payload, "nonce": uuid.uuid4().hex}, ensure_ascii=False)
    cls = f"chat-btn {b.style}" if b.style else "chat-btn"
    return f'<button type="button" class="{cls}" data-action="{escape(data)}">{_label(b.label)}</button>'


def _link(link: Link) -> str:
    return (
        f'<a class="chat-link" data-link="{escape(link.kind)}" href="{escape(link.path)}" target="_blank" '
        f'rel="noopener">{escape(link.label)}</a>'
    )


def _row(buttons: list[Button], links: list[Link]) -> str:
    # A link to the page a full_text button already opens is not shown twice.
    shown = {_full_text_href(b) for b in buttons if b.action == "full_text"}
    # links first (where 「全文を見る」 stands on a hit that has it), then the buttons
    opening = [_button(b) for b in buttons if b.action == "full_text"] + [_link(x) for x in links if x.path not in shown]
    items = opening + [_button(b) for b in buttons if b.action != "full_text"]
    return '<div class="chat-buttons">' + "".join(items) + "</div>" if items else ""


def _text(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>")


def render_html(reply: Reply) -> Markup:
    parts = [f'<div class="chat-reply{"" if reply.ok else " error"}">', f'<p class="chat-head">{_text(reply.text)}</p>']
    # the answer's own links (the case page, the dashboard) under its heading, in view at once
    parts.append(_row([], reply.links))
    for section in reply.sections:
        parts.append(f'<div class="chat-section"><p>{_text(section.text)}</p>')
        parts.append(_row(section.buttons, section.links))
        parts.append("</div>")
    parts.append(_row(reply.buttons, []))
    parts.append("</div>")
    return Markup("".join(parts))
