"""The order to work a staff member's open cases (pure).

1. Claims prescribing within the alert window, soonest first (a claim must not prescribe).
2. Then by expected yield per expected hour: amount due × the chance that the top inquiries find
   something (the recommender) × a lower share for hardship cases (生活再建 first), divided by
   the hours model's estimate for this officer.
3. Claims already extinguished last: nothing is left to collect (不納欠損 to process).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from investigation.prescription import Prescription
from investigation.types import Reason

HARDSHIP_SHARE = 0.5  # expected share of the amount collected while a hardship case is rebuilt
DEFAULT_HOURS = 6.0  # the generated office's median; used when the hours model knows nothing
DEFAULT_CHANCE = 0.3  # without a trained recommender


@dataclass(frozen=True)
class WorkItem:
    case_id: str
    amount_due: int
    prescription: Prescription
    chance: float | None = None  # P(the top inquiries find an asset), None = unknown
    top_target: str | None = None  # the best target's kind (for the reason text)
    hardship: bool = False
    hours: float | None = None  # expected hours for this officer


@dataclass(frozen=True)
class Ranked:
    item: WorkItem
    rank: int
    group: str  # "prescribing" | "yield" | "extinguished"
    yen_per_hour: float
    reasons: list[Reason] = field(default_factory=list)


def yen_per_hour(item: WorkItem) -> float:
    chance = DEFAULT_CHANCE if item.chance is None else item.chance
    share = HARDSHIP_SHARE if item.hardship else 1.0
    hours = item.hours if item.hours and item.hours > 0 else DEFAULT_HOURS
    return item.amount_due * chance * share / hours


def rank(items: Sequence[WorkItem], *, today: dt.date, alert_days: int) -> list[Ranked]:
    """``items`` in the order to work them, each with its reasons."""
    scored = []
    for item in items:
        left = item.prescription.days_left(today)
        if left is not None and left < 0:
            group, key = 2, (0.0, item.case_id)
        elif left is not None and left <= alert_days:
            group, key = 0, (float(left), item.case_id)
        else:
            group, key = 1, (-yen_per_hour(item), item.case_id)
        scored.append((group, key, item))
    scored.sort(key=lambda s: (s[0], s[1]))
    names = ("prescribing", "yield", "extinguished")
    return [
        Ranked(item, n, names[group], round(yen_per_hour(item)), _reasons(item, today, alert_days))
        for n, (group, _key, item) in enumerate(scored, start=1)
    ]


def _reasons(item: WorkItem, today: dt.date, alert_days: int) -> list[Reason]:
    out: list[Reason] = []
    p = item.prescription
    left = p.days_left(today)
    if left is not None and left < 0:
        out.append(Reason("worklist.reason.extinguished", {"date": p.date.isoformat() if p.date else ""}))
    elif left is not None and left <= alert_days:
        out.append(Reason("worklist.reason.days_left", {"days": left}))
    elif p.date is None:
        out.append(Reason("worklist.reason.not_running"))
    if item.chance is not None and (left is None or left >= 0):
        kind = item.top_target or "deposit"
        # A model's estimate is never a certainty: 0.996 reads 99 %, not 100 %.
        percent = min(round(item.chance * 100), 99)
        out.append(Reason("worklist.reason.chance", {"kind": kind, "percent": percent}))
    if item.hardship:
        out.append(Reason("worklist.reason.hardship"))
    out.append(Reason("worklist.reason.yield", {"yen": round(yen_per_hour(item)), "hours": round(item.hours or DEFAULT_HOURS, 1)}))
    return out
