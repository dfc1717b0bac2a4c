"""「10014の概要」 when the office's numbers are 「010014」: the chat asks 「もしかして 010014 ですか？」
with a button, and never names a case the user may not see."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from store.ids import near_keys, suggest_case_ids
from tests.tools import office

VISIBLE = ["010014", "010041", "010015", "020014", "999999"]


@pytest.mark.parametrize(
    ("written", "first"),
    [
        ("10014", "010014"),  # a leading zero dropped
        ("0010014", "010014"),  # one too many
        ("010104", "010014"),  # two neighbours swapped
        ("010024", "010014"),  # one digit off
        ("01014", "010014"),  # one digit missing
        ("0100144", "010014"),  # one digit extra
    ],
)
def test_the_closest_visible_case_is_suggested_first(written: str, first: str) -> None:
    assert suggest_case_ids(written, VISIBLE)[0] == first



def test_nothing_is_suggested_two_slips_away_or_for_the_number_itself() -> None:
    assert suggest_case_ids("123456", VISIBLE) == []
    assert "010014" not in suggest_case_ids("010014", VISIBLE)
    assert suggest_case_ids("abc", VISIBLE) == []


def test_the_store_candidates_hold_every_suggestion() -> None:
    keys = near_keys("10014")
    assert {"10014", "10041", "10015", "20014", "1014", "100014"} <= keys


def _dispatch(engine: Engine, home: Path, staff: str, text: str):  # type: ignore[no-untyped-def]
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, home))
    reply = d.dispatch(IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text))
    assert reply is not None
    return d, reply


def test_a_number_without_its_leading_zeros_gets_a_did_you_mean_button(office_engine: Engine, tmp_path: Path) -> None:
    d, reply = _dispatch(office_engine, tmp_path, office.STAFF_A, "042の概要")
    assert reply.text == "案件 042 は見つかりません。もしかして 00042 ですか？"
    assert [b.label for b in reply.buttons] == ["00042"]
    # The button re-runs the same request with the suggested number.
    button = reply.buttons[0]
    again = d.dispatch(
        IncomingMessage(surface="web", user_ref=office.STAFF_A, staff_id=office.STAFF_A, text="",
                        action={"action": button.action, "payload": button.payload})
    )
    assert again is not None and again.ok and "00042" in again.plain_text()
    assert button.payload["tool"] == "case_summary"


def test_a_case_of_another_team_is_never_suggested(office_engine: Engine, tmp_path: Path) -> None:
    # 10004 is one digit from 10001 and 10002 (team A) and 10003 (team B's).
    _, reply = _dispatch(office_engine, tmp_path, office.STAFF_A, "10004の概要")
    assert "もしかして" in reply.text
    assert "10003" not in reply.text and "10003" not in str([b.payload for b in reply.buttons])
    assert {b.label for b in reply.buttons} == {"10001", "10002"}


def test_a_supervisor_is_offered_every_team_s_case(office_engine: Engine, tmp_path: Path) -> None:
    _, reply = _dispatch(office_engine, tmp_path, office.SUPERVISOR, "10004の財産調査先")
    assert {b.label for b in reply.buttons} == {"10001", "10002", "10003"}
    assert {b.payload["tool"] for b in reply.buttons} == {"recommend_targets"}


def test_nothing_near_says_not_found_without_a_guess(office_engine: Engine, tmp_path: Path) -> None:
    _, reply = _dispatch(office_engine, tmp_path, office.STAFF_B, "10004の概要")
    # B's own 10003 is near; A's cases are not B's to see.
    assert {b.label for b in reply.buttons} == {"10003"}
    _, reply = _dispatch(office_engine, tmp_path, office.STAFF_A, "77777の概要")
    assert "もしかして" not in reply.text and not reply.buttons


def test_english_users_read_did_you_mean(office_engine: Engine, tmp_path: Path) -> None:
    _, reply = _dispatch(office_engine, tmp_path, office.STAFF_A, "summary of case 042")
    assert reply.text == "Case 042 not found. Did you mean 00042?"


def test_a_leading_zero_slip_outranks_a_digit_off() -> None:
    assert suggest_case_ids("10015", VISIBLE)[0] == "010015"


def test_the_same_number_with_other_zeros_is_the_only_guess() -> None:
    assert suggest_case_ids("10014", VISIBLE) == ["010014"]
    assert set(suggest_case_ids("010016", VISIBLE)) == {"010014", "010015"}  # two guesses, both shown
