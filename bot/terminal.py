"""Render a Reply for the terminal: text, sections, and numbered buttons."""

from __future__ import annotations

from tools.reply import Button, Reply


def render_terminal(reply: Reply) -> tuple[str, list[Button]]:
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
    if reply.buttons:
        labels = []
        for b in reply.buttons:
            buttons.append(b)
            labels.append(f"[{len(buttons)}] {b.label}")
        lines.append("  ".join(labels))
    return "\n".join(line for line in lines if line), buttons
