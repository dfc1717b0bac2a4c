"""Small drawn icons for the web pages and the web chat: 👍/👎 render as empty boxes where no
emoji font is installed, so the pages draw them (inline SVG, coloured like the text) beside
their words. The thumb is Material Icons' "thumb_up" (Apache-2.0)."""

from __future__ import annotations

from markupsafe import Markup

_THUMB = (
    "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 "
    "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23"
    ".14-.47.14-.73v-2z"
)
_SVG = '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path {extra}d="{path}"/></svg>'

# emoji → its drawn icon (hidden from screen readers: the words beside it say the same)
ICONS: dict[str, Markup] = {
    "👍": Markup(_SVG.format(extra="", path=_THUMB)),
    "👎": Markup(_SVG.format(extra='transform="rotate(180 12 12)" ', path=_THUMB)),
}


def icon(emoji: str) -> Markup:
    return ICONS[emoji]
