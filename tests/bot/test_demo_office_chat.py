"""On a generated office with a trained model: a staff member asks for investigation targets,
records a result with a button and another by typing it, as in the contract's examples."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from store.db import make_engine
from store.models import Case, Investigation, Staff
from tests.tools import office


@pytest.fixture
def demo_chat(demo_office, tmp_path: Path) -> Dispatcher:  # type: ignore[no-untyped-def]
    from investigation.service import train

    db = tmp_path / "store.db"
    # A copy (SQLite backup, WAL included): never change the shared office.
    with sqlite3.connect(str(demo_office.url).split("///", 1)[1]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    engine = make_engine(f"sqlite:///{db}")
    settings = office.settings_for(engine, tmp_path / "home")
    with Session(engine) as s:
        train(session=s, model_dir=settings.models_dir)
    return Dispatcher(engine=engine, settings=settings)


def holder_and_case(d: Dispatcher) -> tuple[Staff, Case]:
    with Session(d.engine) as s:
        case = s.exec(select(Case).where(Case.status == "open", Case.staff_id.is_not(None)).order_by(Case.case_id)).first()  # type: ignore[union-attr]
        assert case is not None
        staff = s.get(Staff, case.staff_id)
        assert staff is not None
        return staff, case


def test_targets_with_reasons_and_a_result_recorded_by_button_and_by_words(demo_chat: Dispatcher) -> None:
    staff, case = holder_and_case(demo_chat)

    def say(**kw):  # type: ignore[no-untyped-def]
        return demo_chat.dispatch(IncomingMessage(surface="web", user_ref=staff.staff_id, staff_id=staff.staff_id, **kw))

    reply = say(text=f"{case.case_id}の財産調査先はどこがいい？")
    assert reply is not None and reply.ok and reply.sections, reply.text
    first = reply.sections[0]
    assert "reason." not in first.text  # reasons rendered as text, not keys
    found = next(b for b in first.buttons if b.label == "照会結果 あり")
    assert say(action={"action": found.action, "payload": found.payload}, event_id="btn:demo-1").ok  # type: ignore[union-attr]

    # asked again: the target just found is no longer proposed, it is listed as already found
    again = say(text=f"{case.case_id}の財産調査先はどこがいい？")
    assert again is not None and again.ok
    recorded = (found.payload["args"]["target_kind"], found.payload["args"]["target_id"])  # type: ignore[index]
    proposed = [b.payload["args"] for sec in again.sections for b in sec.buttons if b.payload]  # type: ignore[index]
    assert recorded not in {(a["target_kind"], a["target_id"]) for a in proposed}
    known = next(sec.text for sec in again.sections if sec.text.startswith("判明済み"))
    assert first.text.split("\n")[0].split(". ", 1)[1].split("（")[0] in known  # the bank's name

    with Session(demo_chat.engine) as s:
        from store.models import Institution

        bank = s.exec(select(Institution).where(Institution.kind == "bank")).first()
        assert bank is not None
    typed = say(text=f"No.{case.case_id}の{bank.name}照会、口座なしでした")
    assert typed is not None and "記録しました" in typed.text, typed.text
    with Session(demo_chat.engine) as s:
        mine = s.exec(select(Investigation).where(Investigation.recorded_by.is_not(None))).all()  # type: ignore[union-attr]
        rows = [(r.target_id, r.result) for r in s.exec(select(Investigation).where(Investigation.case_id == case.case_id, Investigation.source == "web")).all()]
    assert (found.payload["args"]["target_id"], "found") in rows and (bank.institution_id, "not_found") in rows
    assert mine


def test_after_the_warm_up_the_first_targets_question_neither_loads_the_model_nor_fits(
    demo_chat: Dispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's warm-up reads the model and fits the office's hardship flag as of today, so
    the first officer to ask at 9:00 does not wait for them (nor everyone asking meanwhile)."""
    from types import SimpleNamespace

    import joblib

    from bot.chat import warmup
    from investigation import hardship_model

    app = SimpleNamespace(state=SimpleNamespace(engine=demo_chat.engine, chat_dispatcher=demo_chat))
    warmup.warm(app, demo_chat.settings)

    def refused(*_a: object, **_k: object) -> None:
        raise AssertionError("done again in the chat turn")

    monkeypatch.setattr(joblib, "load", refused)
    monkeypatch.setattr(hardship_model, "fit_hardship", refused)
    staff, case = holder_and_case(demo_chat)
    reply = demo_chat.dispatch(
        IncomingMessage(surface="web", user_ref=staff.staff_id, staff_id=staff.staff_id, text=f"{case.case_id}の財産調査先は？")
    )
    assert reply is not None and reply.ok and reply.sections, reply.text
