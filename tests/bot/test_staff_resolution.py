"""One staff resolver (store.staff_names.resolve_staff) for the router and the store: the staff
member the router accepted is the one the tool acts on, and a name two people share is asked
back — never guessed one way in the router and another in the tool."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.router import route
from bot.router.lexicon import load_lexicon
from store import crud
from tests.tools import office


def supervisor_says(engine: Engine, tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, tmp_path))
    return d.dispatch(IncomingMessage(surface="web", user_ref=office.SUPERVISOR, staff_id=office.SUPERVISOR, text=text))


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("佐藤さん", ["A01", "A03"]),  # a surname two people share
        ("次郎さん", ["A03", "B01"]),  # a given name two people share
        ("佐藤花子さん", ["A01"]),
        ("高橋さん", ["B01"]),
        ("a02", ["A02"]),
        ("一郎さん", ["A02"]),
    ],
)
def test_the_router_and_the_store_mean_the_same_people(office_engine: Engine, written: str, ids: list[str]) -> None:
    with Session(office_engine) as session:
        lexicon = load_lexicon(session=session)
        mention = route(f"10001の担当を{written}に替えて", lexicon).entities.staff
        stored = [s.staff_id for s in crud.find_staff_by_name_or_id(session=session, query=mention.written)]  # type: ignore[union-attr]
    assert mention is not None and list(mention.staff_ids) == stored == ids


def test_a_shared_surname_is_asked_back_with_the_people_the_router_found(office_engine: Engine, tmp_path: Path) -> None:
    with Session(office_engine) as session:
        r = route("10001の担当を佐藤さんに替えて", load_lexicon(session=session))
    assert r.call()["args"] == {"case_id": "10001", "to_staff": "佐藤"} and "to_staff_id" not in r.args
    reply = supervisor_says(office_engine, tmp_path, "10001の担当を佐藤さんに替えて")
    assert reply is not None and "2人" in reply.text
    assert sorted(b.payload["args"]["to_staff"] for b in reply.buttons) == sorted(r.entities.staff.staff_ids)  # type: ignore[union-attr]


def test_a_name_the_router_resolved_is_the_person_the_tool_acts_on(office_engine: Engine, tmp_path: Path) -> None:
    with Session(office_engine) as session:
        r = route("10002の担当を次郎さんに替えて", load_lexicon(session=session))
        assert r.args.get("to_staff_id") is None  # 佐藤 次郎 or 高橋 次郎: not guessed
        r = route("10002の担当を高橋さんに替えて", load_lexicon(session=session))
    assert r.args == {"case_id": "10002", "to_staff": "高橋", "to_staff_id": office.STAFF_B}
    reply = supervisor_says(office_engine, tmp_path, "10002の担当を高橋さんに替えて")
    assert reply is not None and "高橋 次郎" in reply.text
    confirm = next(b for b in reply.buttons if b.payload.get("confirmed"))
    assert confirm.payload["args"] == {"case_id": "10002", "to_staff": office.STAFF_B, "expect_from": office.STAFF_A2}
