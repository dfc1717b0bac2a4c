"""What the law and common sense take out of the recommendations."""

from __future__ import annotations

from sqlmodel import Session

from investigation import service
from tests.investigation.conftest import Tiny


def _rec(tiny: Tiny, case_id: str, top: int = 5):  # type: ignore[no-untyped-def]
    with Session(tiny.engine) as session:
        return service.recommend_case(session=session, case_id=case_id, model_dir=tiny.model_dir, top=top)


def test_closed_and_suspended_cases_get_no_targets(tiny: Tiny) -> None:
    closed = _rec(tiny, "000101")
    suspended = _rec(tiny, "000102")
    assert closed.targets == [] and closed.excluded is not None
    assert closed.excluded.key == "recommend.excluded_closed"
    assert suspended.targets == [] and suspended.excluded is not None
    assert suspended.excluded.key == "recommend.excluded_suspended"


def test_a_target_already_found_is_listed_as_known_and_may_be_asked_again(tiny: Tiny) -> None:
    # a seizure needs today's balance: the known asset stays a candidate, shown as known
    rec = _rec(tiny, "000103", top=50)
    assert ("deposit", "0001") in {(x.target_kind, x.target_id) for x in rec.targets}
    assert ("deposit", "0001") in {(a.target_kind, a.target_id) for a in rec.known}


def test_what_another_case_of_the_taxpayer_found_is_shown_as_known_not_recommended(tiny: Tiny) -> None:
    rec = _rec(tiny, "000110", top=50)
    proposed = {(x.target_kind, x.target_id) for x in rec.targets}
    assert [(a.target_kind, a.target_id, a.case_id, a.found_on) for a in rec.known] == [
        ("deposit", "9900", "000109", "2025-02-01")
    ]
    # found once, not found at the latest inquiry: no longer held, so not listed as known
    assert ("deposit", "0002") in proposed and all(a.target_id != "0002" for a in rec.known)
    assert _rec(tiny, "000108").known == []


def test_salary_is_only_recommended_at_the_current_employer(tiny: Tiny) -> None:
    rec = _rec(tiny, "000104", top=50)
    salary = [x.target_id for x in rec.targets if x.target_kind == "salary"]
    assert salary == ["E2"]


def test_welfare_recipient_gets_a_suspension_review_instead_of_targets(tiny: Tiny) -> None:
    rec = _rec(tiny, "000105", top=50)
    assert rec.targets == []
    assert rec.excluded is not None and rec.excluded.key == "recommend.excluded_welfare"
    assert rec.hardship.flag
    keys = [r.key for r in rec.hardship.reasons]
    assert "hardship.welfare" in keys
    assert "hardship.suggest_suspension" in keys and "hardship.suggest_referral" in keys


def test_hardship_notes_flag_the_case_with_the_word_and_date(tiny: Tiny) -> None:
    rec = _rec(tiny, "000106")
    assert rec.hardship.flag
    note = [r for r in rec.hardship.reasons if r.key == "hardship.note"]
    assert note and note[0].params["word"] == "失業"


def test_no_income_at_all_flags_the_case(tiny: Tiny) -> None:
    rec = _rec(tiny, "000107")
    assert rec.hardship.flag
    assert "hardship.no_income" in [r.key for r in rec.hardship.reasons]


def test_an_ordinary_case_is_not_flagged(tiny: Tiny) -> None:
    rec = _rec(tiny, "000108")
    assert not rec.hardship.flag and rec.hardship.reasons == []
    assert len(rec.targets) == 5


def test_a_hardship_case_not_on_welfare_gets_targets_and_the_livelihood_panel(tiny: Tiny) -> None:
    rec = _rec(tiny, "000106", top=50)
    assert rec.hardship.flag and rec.excluded is None
    assert rec.targets, "hardship does not stop the 財産調査 (153条 needs knowing there is nothing)"
    keys = [r.key for r in rec.hardship.reasons]
    assert "hardship.suggest_suspension" in keys and "hardship.suggest_referral" in keys
    assert "hardship.settle_first" in keys
    # deposits, salary and pension first: they settle whether anything can be seized
    settling = [x.target_kind in ("deposit", "salary", "pension") for x in rec.targets]
    assert settling == sorted(settling, reverse=True) and settling[0]
    # within each group, the score order
    first = [x.score for x in rec.targets if x.target_kind in ("deposit", "salary", "pension")]
    assert first == sorted(first, reverse=True)
