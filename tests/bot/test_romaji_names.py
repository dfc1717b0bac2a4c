"""Staff and institutions named in romaji or English are matched as their kanji names are."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.router import route
from bot.router.entities import Lexicon, StaffName, TargetName
from tests.tools import office

LEXICON = Lexicon(
    staff=[StaffName("K01", "木村 葵"), StaffName("K02", "吉田 健太"), StaffName("K03", "吉田 美咲"), StaffName("K05", "山口 翔")],
    targets=[
        TargetName("deposit", "1302", "みどり信用金庫", "credit_union"),
        TargetName("deposit", "1303", "けやき信用金庫", "credit_union"),
        TargetName("deposit", "0001", "東都中央銀行", "bank"),
        TargetName("life_insurance", "L06", "東都中央生命保険", "life_insurer"),
    ],
)


def test_reassign_to_a_romanised_name_routes_to_that_person() -> None:
    r = route("reassign 010014 to Kimura", LEXICON)
    assert (r.tool, r.args["to_staff_id"], r.ask) == ("reassign_case", "K01", "")
    assert route("010014の担当をYamaguchiさんに", LEXICON).args["to_staff_id"] == "K05"


def test_a_romanised_name_two_people_share_is_left_to_ask_which() -> None:
    r = route("reassign 010014 to Yoshida", LEXICON)
    assert r.tool == "reassign_case" and "to_staff_id" not in r.args
    assert r.entities.staff is not None and set(r.entities.staff.staff_ids) == {"K02", "K03"}


def test_institutions_in_romaji_or_english() -> None:
    assert route("010014 Midori Shinkin: account found", LEXICON).args["target_id"] == "1302"
    assert route("010014 Keyaki Shinkin no account", LEXICON).args["target_id"] == "1303"
    assert route("010014 Tohto Chuo Bank: account found", LEXICON).args["target_id"] == "0001"


def _say(engine: Engine, home: Path, staff: str, text: str):  # type: ignore[no-untyped-def]
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, home))
    reply = d.dispatch(IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text))
    assert reply is not None
    return reply


def test_a_supervisor_reassigns_to_a_name_in_romaji(office_engine: Engine, tmp_path: Path) -> None:
    reply = _say(office_engine, tmp_path, office.SUPERVISOR, "reassign 10001 to Suzuki")
    assert "Suzuki" not in reply.text and "鈴木 一郎" in reply.text
    assert any(b.payload.get("args", {}).get("to_staff") == office.STAFF_A2 for b in reply.buttons)


def test_two_sato_in_romaji_are_asked_back(office_engine: Engine, tmp_path: Path) -> None:
    reply = _say(office_engine, tmp_path, office.SUPERVISOR, "reassign 10001 to Sato-san")
    assert {b.payload["args"]["to_staff"] for b in reply.buttons} == {"A01", "A03"}


def test_a_result_at_an_institution_written_in_romaji(office_engine: Engine, tmp_path: Path) -> None:
    reply = _say(office_engine, tmp_path, office.STAFF_A, "10001 Jonan Shinkin: account found")
    assert reply.ok and "城南信用金庫" in reply.plain_text()


def test_a_name_in_kana_before_an_honorific() -> None:
    assert route("010014をきむらさんに担当替え", LEXICON).args["to_staff_id"] == "K01"
    assert route("010014の担当をヤマグチさんに", LEXICON).args["to_staff_id"] == "K05"
