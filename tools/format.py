"""Small rendering helpers shared by the tools (user text itself lives in tools.messages)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tools.messages import MESSAGES, Lang, t

if TYPE_CHECKING:
    from investigation.types import KnownAsset


def render_key(key: str, lang: Lang, params: dict[str, Any] | None = None) -> str:
    """A message by key; an unknown key renders as the key (never a crash at the edge)."""
    if key not in MESSAGES:
        return key
    try:
        return t(key, lang, **(params or {}))
    except (KeyError, IndexError, ValueError):
        return MESSAGES[key].get(lang) or MESSAGES[key]["ja"]


def kind_label(kind: str | None, lang: Lang) -> str:
    return render_key(f"chat.kind.{kind}", lang) if kind else ""


def yen(amount: int | None) -> str:
    return "-" if amount is None else f"{amount:,}"


def hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def known_item(asset: KnownAsset, lang: Lang) -> str:
    """「ゆうちょ銀行（預貯金・2024-12-17 案件010002）」: an asset already found and held."""
    return t(
        "recommend.known_item", lang, name=asset.target_name or asset.target_id,
        kind=kind_label(asset.target_kind, lang), date=asset.found_on, case_id=asset.case_id,
    )
