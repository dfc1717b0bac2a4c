"""The neutral answer of a tool: text, sections and buttons. Adapters render it (Block Kit,
Adaptive Card, HTML, terminal); nothing here knows a chat platform."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ButtonAction = Literal["run", "rate", "cancel", "full_text"]


@dataclass(frozen=True)
class Button:
    """A button. ``action`` "run" carries a tool call ``{"tool", "args", "confirmed"}``;
    "rate" carries ``{"doc_id", "query", "value"}``; "cancel" changes nothing; "full_text"
    carries ``{"doc_id", "query"}`` and shows a search hit whole (the web renders it as a link to
    the search page's article view, ``/search?doc=…``)."""

    label: str
    action: ButtonAction
    payload: dict[str, Any]
    style: Literal["primary", "danger"] | None = None


@dataclass
class Section:
    """One block of the answer (a target, a search hit), with its own buttons."""

    text: str
    buttons: list[Button] = field(default_factory=list)


@dataclass
class Reply:
    text: str
    sections: list[Section] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    # True when the answer holds taxpayer data: only DMs / ephemeral / the web page may show it.
    case_data: bool = False
    ok: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        """The reply :meth:`to_dict` gave (a stored answer shown again)."""

        def buttons(items: list[dict[str, Any]]) -> list[Button]:
            return [Button(label=b["label"], action=b["action"], payload=b["payload"], style=b.get("style")) for b in items]

        return cls(
            text=str(data.get("text") or ""),
            sections=[Section(text=s["text"], buttons=buttons(s.get("buttons") or [])) for s in data.get("sections") or []],
            buttons=buttons(data.get("buttons") or []),
            case_data=bool(data.get("case_data")),
            ok=bool(data.get("ok", True)),
        )

    def plain_text(self) -> str:
        """Text and sections as one string (terminal, LLM tool output, notifications)."""
        parts = [self.text, *(s.text for s in self.sections)]
        return "\n".join(p for p in parts if p)


def run_button(
    label: str,
    tool: str,
    args: dict[str, Any],
    *,
    confirmed: bool = False,
    style: Literal["primary", "danger"] | None = None,
) -> Button:
    payload: dict[str, Any] = {"tool": tool, "args": args}
    if confirmed:
        payload["confirmed"] = True
    return Button(label=label, action="run", payload=payload, style=style)
