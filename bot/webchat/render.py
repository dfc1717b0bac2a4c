"""Render a Reply as an HTML fragment for the web chat (buttons carry their action as JSON;
links are relative links to the web pages, opened in a new tab so the conversation stays)."""

from __future__ import annotations

import json
import uuid

from markupsafe import Markup, escape

from tools.reply import Button, Link, Reply, document_path

# 👍/👎 and other emoji lead a label; without an emoji font they render as empty boxes, so the
# emoji is its own span (hidden from screen readers, styled by the page) beside the words.
_EMOJI = ("👍", "👎")


def _label(label: str) -> str:
    for emoji in _EMOJI:
        if label.startswith(emoji):
            rest = label[len(emoji):].strip()
            return f'<span class="emoji" aria-hidden="true">{escape(emoji)}</span> {escape(rest)}'
    return str(escape(label))


def _full_text_href(b: Button) -> str:
    return document_path(str(b.payload.get("doc_id", "")), str(b.payload.get("query", "")))


def _button(b: Button) -> str:
    if b.action == "full_text":  # on the web, the whole article is a page of its own
        href = _full_text_href(b)
        return f'<a class="chat-link" href="{escape(href)}" target="_blank" rel="noopener">{escape(b.label)}</a>'
    data = json.dumps({"action": b.action, "payload": b.payload, "nonce": uuid.uuid4().hex}, ensure_ascii=False)
    cls = f"chat-btn {b.style}" if b.style else "chat-btn"
    title = f' title="{escape(b.label)}"' if b.label.startswith(_EMOJI) else ""
    return f'<button type="button" class="{cls}" data-action="{escape(data)}"{title}>{_label(b.label)}</button>'


def _link(link: Link) -> str:
    return (
        f'<a class="chat-link" data-link="{escape(link.kind)}" href="{escape(link.path)}" target="_blank" '
        f'rel="noopener">{escape(link.label)}</a>'
    )


def _row(buttons: list[Button], links: list[Link]) -> str:
    # A link to the page a full_text button already opens is not shown twice.
    shown = {_full_text_href(b) for b in buttons if b.action == "full_text"}
    items = [_button(b) for b in buttons] + [_link(x) for x in links if x.path not in shown]
    return '<div class="chat-buttons">' + "".join(items) + "</div>" if items else ""


def _text(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>")


def render_html(reply: Reply) -> Markup:
    parts = [f'<div class="chat-reply{"" if reply.ok else " error"}">', f'<p class="chat-head">{_text(reply.text)}</p>']
    for section in reply.sections:
        parts.append(f'<div class="chat-section"><p>{_text(section.text)}</p>')
        parts.append(_row(section.buttons, section.links))
        parts.append("</div>")
    parts.append(_row(reply.buttons, reply.links))
    parts.append("</div>")
    return Markup("".join(parts))
