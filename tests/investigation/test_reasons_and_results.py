"""Reasons on every target, aliases learned from the table, results recorded by staff."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session, select

from investigation import service
from investigation.aliases import MentionFinder, institution_aliases
from investigation.hardship import find_hardship_words
from investigation.inquiries import choose
from store.errors import InvalidInput, NotFound
from store.models import Investigation
from tests.investigation.conftest import Tiny
from tools.messages import t


def test_every_recommended_target_has_a_reason_that_renders(tiny: Tiny) -> None:
    with Session(tiny.engine) as session:
        ids = service.open_case_ids(session=session)
        recs = service.recommend_cases(session=session, case_ids=ids, model_dir=tiny.model_dir, top=8)
    targets = [x for r in recs for x in r.targets]
    assert len(targets) > 100
    for x in targets:
        assert x.reasons, x
        for reason in x.reasons:
            assert t(reason.key, "ja", **reason.params)
            assert t(reason.key, "en", **reason.params)
    for r in recs:
        for reason in r.hardship.reasons:
            assert t(reason.key, "ja", **reason.params)


def test_a_bank_named_by_its_abbreviation_in_the_notes_is_recommended_with_that_reason(tiny: Tiny) -> None:
    with Session(tiny.engine) as session:
        rec = service.recommend_case(session=session, case_id="000108", model_dir=tiny.model_dir, top=30)
    midori = [x for x in rec.targets if x.target_id == "1302"]
    assert midori and midori[0].reasons[0].key == "reason.notes_mention"


def test_the_coworkers_payroll_bank_comes_with_the_coworkers_reason(tiny: Tiny) -> None:
    with Session(tiny.engine) as session:
        rec = service.recommend_case(session=session, case_id="000108", model_dir=tiny.model_dir, top=30)
    bank = next(x for x in rec.targets if x.target_id == "0001")  # 東西工業 pays into 東西銀行
    assert "reason.coworkers_bank" in [r.key for r in bank.reasons]
    assert "東西銀行" in t(next(r for r in bank.reasons if r.key == "reason.coworkers_bank").key, "ja",
                          **next(r for r in bank.reasons if r.key == "reason.coworkers_bank").params)


def test_aliases_are_generated_from_the_institution_table() -> None:
    names = ["みどり信用金庫", "ゆうちょ銀行", "武蔵中央銀行", "日本あおば銀行", "けやき野農業協同組合", "あけぼの生命保険"]
    kinds = ["credit_union", "post_bank", "bank", "bank", "ja_bank", "life_insurer"]
    finder = MentionFinder(institution_aliases(names, kinds), kinds)
    assert finder.institutions("本人よりみどり信金に口座ありと聴取") == {0}
    assert finder.institutions("年金は郵貯で受取とのこと") == {1}
    assert finder.institutions("ゆうちょに照会") == {1}
    assert finder.institutions("武中銀の通帳を持参") == {2}
    assert finder.institutions("あおば銀から振込") == {3}
    assert finder.institutions("ＪＡけやき野に確認") == {4}
    assert finder.institutions("あけぼの生命の保険料控除") == {5}
    assert finder.institutions("催告書送付") == set()


def test_a_bare_name_that_is_also_a_place_is_not_an_alias() -> None:
    names, kinds = ["みどり信用金庫"], ["credit_union"]
    finder = MentionFinder(institution_aliases(names, kinds, avoid=["みどり町一丁目"]), kinds)
    assert finder.institutions("みどり町を臨戸") == set()
    assert finder.institutions("みどり信金に照会") == {0}


def test_hardship_words_in_notes_and_false_alarms() -> None:
    assert find_hardship_words("会社を解雇され収入なしと聴取") == ["失業"]
    assert find_hardship_words("多重債務あり、弁護士に債務整理を相談中") == ["多重債務"]
    assert find_hardship_words("病気で入院中と家族より聴取") == ["病気"]
    assert find_hardship_words("生活が苦しいと言うが、納付の意思はある様子") == []
    assert find_hardship_words("催告書送付") == []


def test_greedy_choice_never_exceeds_the_budget() -> None:
    rng = np.random.default_rng(0)
    for budget in (0, 90, 1000, 12345):
        p = rng.random(500)
        cost = rng.choice([90, 100, 120, 400, 450], size=500)
        chosen = choose(p, cost, budget)
        assert cost[chosen].sum() <= budget
        assert len(set(chosen.tolist())) == len(chosen)
        if budget >= 90:
            assert len(chosen) > 0


def test_recorded_result_is_written_with_its_surface_and_becomes_training_data(tiny_copy: Tiny) -> None:
    from investigation.engine import training_set

    with Session(tiny_copy.engine) as session:
        rows_before = len(training_set(service.office_of(session=session), unasked_weight=0).y)
        new_id = service.record_result(
            session=session, case_id="０００１０８", target_kind="deposit", target_id="1302",
            result="found", staff_id="K1", surface="slack", amount=12000,
        )
        session.commit()
    with Session(tiny_copy.engine) as session:
        row = session.exec(select(Investigation).where(Investigation.id == new_id)).one()
        assert (row.case_id, row.target_kind, row.target_id, row.result) == ("000108", "deposit", "1302", "found")
        assert row.source == "slack" and row.recorded_by == "K1" and row.recorded_at is not None
        office = service.office_of(session=session)
        assert len(training_set(office, unasked_weight=0).y) == rows_before + 1
        rec = service.recommend_case(session=session, case_id="000108", model_dir=tiny_copy.model_dir, top=30)
    assert "1302" in [a.target_id for a in rec.known]  # found and held now: shown as known
    assert "1302" not in [x.target_id for x in rec.targets]  # found today: nothing to ask again


RESULT = {"case_id": "000108", "target_kind": "deposit", "target_id": "1302", "result": "found",
          "staff_id": "K1", "amount": 12000}


def _stored(tiny: Tiny) -> list[tuple[str, str, str | None, str, str | None]]:
    with Session(tiny.engine) as session:
        rows = session.exec(select(Investigation).where(Investigation.case_id == "000108")).all()
        return [(r.target_kind, r.result, r.target_id, r.staff_id, r.source) for r in rows if r.target_id == "1302"]


def test_the_same_result_recorded_twice_on_the_same_day_is_one_row(tiny_copy: Tiny) -> None:
    ids = []
    for surface in ("web", "slack"):  # a double click, then the same answer typed in chat
        with Session(tiny_copy.engine) as session:
            ids.append(service.record_result(session=session, surface=surface, **RESULT))  # type: ignore[arg-type]
            session.commit()
    assert ids[0] == ids[1]
    assert _stored(tiny_copy) == [("deposit", "found", "1302", "K1", "web")]


def test_a_recorded_result_imported_later_is_stored_once(tiny_copy: Tiny, tmp_path: Path) -> None:
    from store.importer import import_directory

    with Session(tiny_copy.engine) as session:
        new_id = service.record_result(session=session, surface="web", **RESULT)  # type: ignore[arg-type]
        session.commit()
        day = session.exec(select(Investigation).where(Investigation.id == new_id)).one().date
    export = tmp_path / "export"
    shutil.copytree(tiny_copy.directory, export)
    with (export / "investigations.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(f"000108,{day.isoformat()},deposit,1302,found,12000,K1\n")
    import_directory(engine=tiny_copy.engine, directory=export)
    assert _stored(tiny_copy) == [("deposit", "found", "1302", "K1", "web")]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"case_id": "777777"}, NotFound),
        ({"target_kind": "gold"}, InvalidInput),
        ({"result": "maybe"}, InvalidInput),
        ({"target_id": "L01"}, InvalidInput),  # an insurer is no deposit target
        ({"target_id": "9999"}, NotFound),
        ({"case_id": "1２x!"}, InvalidInput),
    ],
)
def test_recording_a_bad_result_is_refused(tiny_copy: Tiny, kwargs: dict[str, str], error: type[Exception]) -> None:
    args = {"case_id": "000108", "target_kind": "deposit", "target_id": "0001", "result": "found",
            "staff_id": "K1", "surface": "web"} | kwargs
    with Session(tiny_copy.engine) as session, pytest.raises(error):
        service.record_result(session=session, **args)  # type: ignore[arg-type]
