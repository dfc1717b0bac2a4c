"""The one dispatch: middleware order, bad input, rate limit, and failures that still answer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.chat.middleware import default_chain
from bot.chat.turn import Next, Turn
from tests.tools import office


def web_message(text: str, staff: str = office.STAFF_A, **kw) -> IncomingMessage:
    return IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text, **kw)


def test_the_chain_is_registered_in_one_place_in_order() -> None:
    assert [m.__name__ for m in default_chain()] == [
        "guard_errors", "dedupe", "identify", "authorize", "rate_limit", "check_input",
    ]


def test_rate_limit_asks_to_wait(office_engine: Engine, tmp_path: Path) -> None:
    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path, choshu_rate_limit_per_minute=2))
    replies = [d.dispatch(web_message("ヘルプ")) for _ in range(3)]
    assert [r.ok for r in replies if r] == [True, True, False]
    assert "待って" in replies[2].text  # type: ignore[union-attr]
    other = d.dispatch(web_message("ヘルプ", staff=office.STAFF_B))
    assert other is not None and other.ok  # the limit is per staff member


def test_an_unexpected_failure_answers_with_a_reference_and_changes_nothing(office_engine: Engine, tmp_path: Path) -> None:
    def explode(turn: Turn, call_next: Next):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    chain = default_chain()
    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path), chain=[*chain, explode])
    reply = d.dispatch(web_message("10001の概要"))
    assert reply is not None and not reply.ok
    assert "参照番号" in reply.text and "disk on fire" not in reply.text


def test_english_questions_are_answered_in_english(office_engine: Engine, tmp_path: Path) -> None:
    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    reply = d.dispatch(web_message("what can you do"))
    assert reply is not None and "collection assistant" in reply.text


def test_an_unsure_message_asks_back_with_buttons_instead_of_acting(office_engine: Engine, tmp_path: Path) -> None:
    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    reply = d.dispatch(web_message("10001 10002"))
    assert reply is not None and reply.buttons
    assert {b.payload["args"].get("case_id") for b in reply.buttons} <= {"10001", "10002", None}


def test_a_reassignment_without_a_name_asks_whom(office_engine: Engine, tmp_path: Path) -> None:
    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    reply = d.dispatch(web_message("10001の担当を替えて", staff=office.SUPERVISOR))
    assert reply is not None and ("誰に" in reply.text or reply.buttons)


def test_a_failure_log_holds_no_personal_data(office_engine: Engine, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    def explode(turn: Turn, call_next: Next):  # type: ignore[no-untyped-def]
        raise RuntimeError("納税者1 250000 円")

    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path), chain=[*default_chain(), explode])
    d.dispatch(web_message("案件10001の概要"))
    assert "RuntimeError" in caplog.text
    assert "納税者1" not in caplog.text and "10001の概要" not in caplog.text


def test_an_unreachable_store_still_answers(tmp_path: Path) -> None:
    from store.db import make_engine

    (tmp_path / "a-directory.db").mkdir()  # a path SQLite cannot open as a database
    broken = make_engine(f"sqlite:///{tmp_path / 'a-directory.db'}")
    d = Dispatcher(engine=broken, settings=office.settings_for(broken, tmp_path))
    reply = d.dispatch(web_message("ヘルプ"))
    assert reply is not None and not reply.ok and "参照番号" in reply.text


def test_a_case_read_stays_in_the_audit_log_when_the_answer_then_fails(office_engine: Engine, tmp_path: Path) -> None:
    from sqlmodel import Session

    from store import crud

    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    reply = d.dispatch(web_message("10001の財産調査先はどこがいい？"))  # no model trained in this home
    assert reply is not None and not reply.ok and "システム管理者" in reply.text
    assert "choshu" not in reply.text  # a chat user has no terminal to run a command in
    at_terminal = d.dispatch(IncomingMessage(surface="cli", user_ref=office.STAFF_A, staff_id=office.STAFF_A,
                                             text="10001の財産調査先はどこがいい？"))
    assert at_terminal is not None and "choshu train" in at_terminal.text  # the terminal names the command
    with Session(office_engine) as s:
        rows = crud.list_audit(session=s, case_id="10001", staff_id=office.STAFF_A)
    assert rows, "the look at case 10001 was rolled back with the failed answer"
