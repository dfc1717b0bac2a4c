"""Plain dataclasses the investigation engine takes and returns (no SQL, no chat platform)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    """A message key of ``tools.messages`` and its parameters; rendered at the edge."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecommendedTarget:
    rank: int
    target_kind: str
    target_id: str
    target_name: str
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class Hardship:
    flag: bool
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class KnownAsset:
    """A target already found for the taxpayer and still held: not recommended again, but the
    officer needs to see it (and why, say, 年金 is missing from the list)."""

    target_kind: str
    target_id: str
    target_name: str
    found_on: str  # ISO date of the latest 'found'
    case_id: str  # the taxpayer's case it was found for (maybe another case than the one asked)


@dataclass(frozen=True)
class CaseRecommendation:
    case_id: str
    targets: list[RecommendedTarget]
    hardship: Hardship
    # Why there are no targets at all (closed / suspended case), as a message key; else None.
    excluded: Reason | None = None
    # Targets already found for the taxpayer (in any of their cases) and still held, newest first.
    known: list[KnownAsset] = field(default_factory=list)


@dataclass(frozen=True)
class InquiryRow:
    """One deposit inquiry chosen for the 電子照会 batch."""

    case_id: str
    name_kana: str
    birth_date: str
    address: str
    institution_id: str
    institution_name: str
    channel: str  # "electronic" | "paper"
    probability: float
    cost_yen: int
