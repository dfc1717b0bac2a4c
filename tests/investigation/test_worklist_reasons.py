"""What the worklist says about a case's chance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

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


def test_the_worklists_chance_and_first_inquiry_are_those_of_the_cases_recommendation(
    demo_office: Any, tmp_path: Path
) -> None:
    """The worklist scores the staff member's cases without the reasons; what it says of each
    (「預貯金発見見込み 76%」, the first inquiry, 生活再建) is what the case's targets show."""
    from sqlmodel import Session

    from investigation import service
    from investigation.worklist_service import TOP_INQUIRIES, _chances

    with Session(demo_office.engine) as session:
        service.train(session=session, model_dir=tmp_path)
        ids = service.open_case_ids(session=session)
        recs = service.recommend_cases(session=session, case_ids=ids, model_dir=tmp_path, top=TOP_INQUIRIES)
        chance, hardship = _chances(session=session, case_ids=ids, model_dir=tmp_path, today=dt.date.today())
        session.rollback()  # the shared office stays as it was
    # hardship cases whose first inquiry moves to a deposit, the employer or the pension
    assert any(r.hardship.flag and r.targets and r.targets[0].target_kind != _first_by_score(r) for r in recs)
    for rec in recs:
        miss = 1.0
        for target in rec.targets:
            miss *= 1.0 - target.score
        found, first = chance[rec.case_id]
        assert found == pytest.approx(1.0 - miss, abs=1e-12)
        assert first == (rec.targets[0].target_kind if rec.targets else None)
        assert hardship[rec.case_id] is rec.hardship.flag


def _first_by_score(rec: Any) -> str:
    return str(max(rec.targets, key=lambda x: x.score).target_kind)
