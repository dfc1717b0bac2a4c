"""The neutral answer of a tool: text, sections and buttons. Adapters render it (Block Kit,
Adaptive Card, HTML, terminal); nothing here knows a chat platform."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode

ButtonAction = Literal["run", "rate", "cancel", "full_text"]
LinkKind = Literal["case", "document", "dashboard", "worklist"]


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


def document_path(doc_id: str, query: str = "") -> str:
    """The search page showing one article or manual section whole (the query marks the
    sentence that answered it)."""
    params = {"doc": doc_id, "q": query}
    return "/search?" + urlencode({k: v for k, v in params.items() if v})


@dataclass(frozen=True)
class Link:
    """A page of the web interface the answer points to: ``kind`` "case" (``{"case_id"}``, the
    case page), "document" (``{"doc_id", "query"}``, the article or manual section on the search
    page), "dashboard" (``{"team"}`` optional), "worklist" (``{"staff"}`` optional, the web's
    「今日の案件」). Surfaces render it natively (an HTML link, a
    Slack link button, an Adaptive Card ``Action.OpenUrl``); :meth:`url` is relative unless a
    base (``CHOSHU_PUBLIC_URL``) is given."""

    label: str
    kind: LinkKind
    params: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        if self.kind == "case":
            return "/cases/" + quote(self.params["case_id"], safe="")
        if self.kind == "document":
            return document_path(self.params["doc_id"], self.params.get("query", ""))
        if self.kind == "worklist":
            staff = self.params.get("staff")
            return "/worklist" + ("?" + urlencode({"staff": staff}) if staff else "")
        team = self.params.get("team")
        return "/dashboard" + ("?" + urlencode({"team": team}) if team else "")

    def url(self, base: str = "") -> str:
        return base.rstrip("/") + self.path if base else self.path


def case_link(label: str, case_id: str) -> Link:
    return Link(label=label, kind="case", params={"case_id": case_id})


def document_link(label: str, doc_id: str, query: str = "") -> Link:
    return Link(label=label, kind="document", params={"doc_id": doc_id, "query": query})


def dashboard_link(label: str, team: str | None = None) -> Link:
    return Link(label=label, kind="dashboard", params={"team": team} if team else {})


def worklist_link(label: str, staff: str | None = None) -> Link:
    return Link(label=label, kind="worklist", params={"staff": staff} if staff else {})


@dataclass
class Section:
    """One block of the answer (a target, a search hit), with its own buttons and links."""

    text: str
    buttons: list[Button] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Reply:
    text: str
    sections: list[Section] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # True when the answer holds taxpayer data: only DMs / ephemeral / the web page may show it.
    case_data: bool = False
    ok: bool = True
    # Where 「もっと見せて」 continues: the ``offset`` argument of the same call showing the next
    # items (search hits, investigation targets); None when the answer was shown whole.
    more_offset: int | None = None
    # True when a busy server answered with its reduced search (see CHOSHU_SEARCH_REDUCE_AFTER_MS).
    reduced: bool = False

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives (plain, copied), without its deep copy of every
        string and number: the web chat converts each turn's reply twice."""
        plain: dict[str, Any] = _plain(self)
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        """The reply :meth:`to_dict` gave (a stored answer shown again)."""

        def buttons(items: list[dict[str, Any]]) -> list[Button]:
            return [Button(label=b["label"], action=b["action"], payload=b["payload"], style=b.get("style")) for b in items]

        def links(items: list[dict[str, Any]]) -> list[Link]:
            return [Link(label=x["label"], kind=x["kind"], params=dict(x.get("params") or {})) for x in items]

        return cls(
            text=str(data.get("text") or ""),
            sections=[
                Section(text=s["text"], buttons=buttons(s.get("buttons") or []), links=links(s.get("links") or []))
                for s in data.get("sections") or []
            ],
            buttons=buttons(data.get("buttons") or []),
            links=links(data.get("links") or []),
            case_data=bool(data.get("case_data")),
            ok=bool(data.get("ok", True)),
            reduced=bool(data.get("reduced")),
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


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(obj: Any) -> Any:
    """``obj`` as ``dataclasses.asdict`` turns it: dataclasses become dicts, lists, tuples and
    dicts are rebuilt, immutable atoms are kept as they are, anything else is deep-copied."""
    kind = type(obj)
    if kind in _ATOMS:
        return obj
    if kind is list:
        return [_plain(v) for v in obj]
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in obj.items()}
    if kind is tuple:
        return tuple(_plain(v) for v in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES.setdefault(kind, tuple(f.name for f in fields(obj)))
        return {name: _plain(getattr(obj, name)) for name in names}
    return copy.deepcopy(obj)
