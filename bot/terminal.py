"""Render a Reply for the terminal: text, sections, numbered buttons, and links as plain
addresses (only with CHOSHU_PUBLIC_URL: a relative address opens nothing from a terminal)."""

from __future__ import annotations

from tools.reply import Button, Link, Reply


def _links(links: list[Link], base_url: str, indent: str) -> list[str]:
    return [f"{indent}{x.label}: {x.url(base_url)}" for x in links] if base_url else []


def render_terminal(reply: Reply, *, base_url: str = "") -> tuple[str, list[Button]]:
    lines = [reply.text]
    buttons: list[Button] = []
    for section in reply.sections:
        lines.append(section.text)
        labels = []
        for b in section.buttons:
            buttons.append(b)
            labels.append(f"[{len(buttons)}] {b.label}")
        if labels:
            lines.append("   " + "  ".join(labels))
        lines += _links(section.links, base_url, "   ")
    if reply.buttons:
        labels = []
        for b in reply.buttons:
            buttons.append(b)
            labels.append(f"[{len(buttons)}] {b.label}")
        lines.append("  ".join(labels))
    lines += _links(reply.links, base_url, "")
    return "\n".join(line for line in lines if line), buttons
