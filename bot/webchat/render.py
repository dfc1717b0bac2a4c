"""Render a Reply as an HTML fragment for the web chat (buttons carry their action as JSON;
links are relative links to the web pages, opened in a new tab so the conversation stays)."""

from __future__ import annotations

import json
import uuid

from markupsafe import Markup, escape

from tools.reply import Button, Link, Reply, document_path

# 👍/👎 lead a label; without an emoji font they render as empty boxes, so the web draws them
# (the thumb of Material Icons "thumb_up", Apache-2.0) beside the words, hidden from screen readers.
_THUMB = (
    "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 "
    "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23"
    ".14-.47.14-.73v-2z"
)
_ICONS = {
    "👍": f'<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="{_THUMB}"/></svg>',
    "👎": f'<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path transform="rotate(180 12 12)" d="{_THUMB}"/></svg>',
}


def _label(label: str) -> str:
    for emoji, icon in _ICONS.items():
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
