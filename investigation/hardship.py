"""Hardship triage (生活再建): who should get a 執行停止 review and a welfare referral
instead of seizure targets.

Signs: 生活保護 (生活保護法58条 forbids seizing what the recipient gets), no income at all, and
経過記録 about 失業・多重債務・病気・生活困窮 in the last year before the prediction time.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from investigation.types import Hardship, Reason

# Word in a note → the hardship it signals (message param).
HARDSHIP_WORDS: dict[str, str] = {
    "失業": "失業",
    "失職": "失業",
    "解雇": "失業",
    "雇止め": "失業",
    "離職": "失業",
    "無職": "失業",
    "多重債務": "多重債務",
    "債務整理": "多重債務",
    "自己破産": "多重債務",
    "消費者金融": "多重債務",
    "借金": "多重債務",
    "病気": "病気",
    "入院": "病気",
    "療養": "病気",
    "闘病": "病気",
    "通院": "病気",
    "がん": "病気",
    "生活困窮": "生活困窮",
    "困窮": "生活困窮",
    "生活が苦しい": "生活困窮",
    "生活苦": "生活困窮",
    "生活保護": "生活保護",
}
_PATTERN = re.compile("|".join(sorted(map(re.escape, HARDSHIP_WORDS), key=len, reverse=True)))
# A sign that is denied or over does not count (「失業は否定」「入院は終了」「生活保護は受けていない」).
_NEGATED = re.compile(r"(否定|ではない|でない|していない|受けていない|終了|解消|完済|回復|復職|再就職|と言うが|意思はある)")
RECENT_DAYS = 365


def find_hardship_words(text: str) -> list[str]:
    """The hardship categories a note speaks of (without denial in the same sentence)."""
    found: list[str] = []
    for sentence in re.split(r"[。\n]", text):
        if not sentence or _NEGATED.search(sentence):
            continue
        for m in _PATTERN.finditer(sentence):
            cat = HARDSHIP_WORDS[m.group(0)]
            if cat not in found:
                found.append(cat)
    return found


@dataclass(frozen=True)
class Learned:
    """The office's learned flag for the case (``hardship_model``)."""

    flag: bool
    probability: float
    suspended: bool  # another case of the taxpayer is under 執行停止


@dataclass(frozen=True)
class HardshipInput:
    """What triage looks at for one case, all as of the prediction date."""

    welfare: bool
    incomes: tuple[float, ...]  # salary, business, pension, real estate (NaN = unknown)
    has_employer: bool
    notes: tuple[tuple[int, str], ...]  # (date ordinal, category) of notes before as_of
    as_of: int
    learned: Learned | None = None  # None: the office has too few suspensions to learn from


def triage(x: HardshipInput) -> Hardship:
    """Flag a case for 執行停止 review and welfare referral, with the reasons. With a learned
    flag, the flag is the office's (its past suspensions) and the signs are its reasons."""
    if x.learned is not None and not x.learned.flag:
        return Hardship(flag=False, reasons=[])
    reasons: list[Reason] = []
    if x.welfare:
        reasons.append(Reason("hardship.welfare"))
    known = [v for v in x.incomes if not math.isnan(v)]
    if known and len(known) == len(x.incomes) and sum(known) <= 0 and not x.has_employer:
        reasons.append(Reason("hardship.no_income"))
    seen: dict[str, int] = {}
    for d, cat in x.notes:
        if d < x.as_of and x.as_of - d <= RECENT_DAYS:
            seen[cat] = max(seen.get(cat, 0), d)
    for cat, d in sorted(seen.items(), key=lambda kv: -kv[1]):
        if cat == "生活保護" and x.welfare:
            continue
        reasons.append(Reason("hardship.note", {"word": cat, "date": dt.date.fromordinal(d).isoformat()}))
    if x.learned is not None:
        if x.learned.suspended:
            reasons.append(Reason("hardship.suspended_before"))
        reasons.append(Reason("hardship.learned", {"pct": round(100 * x.learned.probability)}))
    if not reasons:
        return Hardship(flag=False, reasons=[])
    reasons.append(Reason("hardship.suggest_suspension"))
    reasons.append(Reason("hardship.suggest_referral"))
    return Hardship(flag=True, reasons=reasons)
