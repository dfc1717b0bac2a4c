"""What the worklist says about a case's chance."""

from __future__ import annotations

import datetime as dt

from investigation.prescription import prescription
from investigation.worklist import WorkItem, rank

TODAY = dt.date(2026, 12, 6)


def _chance_percent(chance: float) -> int:
    p = prescription(tax_kind="住民税", oldest_due=dt.date(2025, 5, 31), actions=[])
    (ranked,) = rank([WorkItem("010001", 100_000, p, chance=chance, top_target="deposit")], today=TODAY, alert_days=180)
    (reason,) = [r for r in ranked.reasons if r.key == "worklist.reason.chance"]
    return int(reason.params["percent"])


def test_a_near_certain_chance_is_never_shown_as_100_percent() -> None:
    assert _chance_percent(0.998) == 99
    assert _chance_percent(0.72) == 72
