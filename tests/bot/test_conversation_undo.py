"""Typed undo and correction of the result recorded in the conversation (「今の取り消して」,
「間違えました、なしです」), and two requests joined by 「と」."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.router.conversation import Focus, plan
from store.models import Investigation
from tests.bot.test_webchat import login, say
from tests.tools import office

RECORD = "10001の城南信金照会、口座ありでした"


def standing(engine: Engine) -> list[tuple[str, str]]:
    """(result, state) of case 10001's records for 城南信金."""
    with Session(engine) as s:
        found = s.exec(
            select(Investigation).where(Investigation.case_id == "10001", Investigation.target_id == "CU001")
        ).all()
        return sorted((r.result, r.state) for r in found)


def test_web_a_typed_correction_replaces_the_recorded_result(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.STAFF_A)
    say(web, csrf, RECORD)
    reply = say(web, csrf, "間違えました、なしです")["reply"]
    assert "「なし」に訂正しました" in reply["text"]
    assert standing(office_engine) == [("found", "superseded"), ("not_found", "active")]
    reply = say(web, csrf, "やっぱりありでした")["reply"]  # corrects the correction
    assert "「あり」に訂正しました" in reply["text"]
    assert ("found", "active") in standing(office_engine)


def test_web_undo_typed_after_a_record_takes_it_back(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.STAFF_A)
    say(web, csrf, RECORD)
    assert standing(office_engine) == [("found", "active")]
    reply = say(web, csrf, "今の取り消して")["reply"]
    assert "取り消しました" in reply["text"]
    assert standing(office_engine) == [("found", "undone")]
    # recorded again after the undo: the same request is no longer a duplicate
    assert "記録しました" in say(web, csrf, RECORD)["reply"]["text"]
    assert ("found", "active") in standing(office_engine)
    reply = say(web, csrf, "訂正：なし")["reply"]
    assert "「なし」に訂正しました" in reply["text"]


def test_web_undo_or_correction_with_nothing_recorded_says_so(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.STAFF_A)
    say(web, csrf, "10001の概要")
    assert "取り消すものがありません" in say(web, csrf, "取り消し")["reply"]["text"]
    assert "訂正するものが分かりません" in say(web, csrf, "訂正：なし")["reply"]["text"]
    assert standing(office_engine) == []


def test_in_the_terminal_undo_that_takes_back_the_result(office_engine: Engine) -> None:
    result = CliRunner().invoke(
        cli_app, ["--db", str(office_engine.url), "chat", "--as", "A01"], input=f"{RECORD}\nundo that\nexit\n"
    )
    assert result.exit_code == 0, result.output
    assert "記録しました" in result.output and "undid the result" in result.output  # answered in English
    assert standing(office_engine) == [("found", "undone")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("今の取り消して", ("undo", "")),
        ("undo", ("undo", "")),
        ("間違えました、なしです", ("correct", "not_found")),
        ("やっぱりありでした", ("correct", "found")),
        ("10001の城南信金照会、口座なしでした", ("tool", "")),  # a record of its own, not a correction
    ],
)
def test_the_planner_reads_undo_and_correction_only_after_a_record(text: str, want: tuple[str, str]) -> None:
    after = Focus(case_id="10001", recorded={"result_id": 3, "case_id": "10001", "target_kind": "deposit"})
    step = plan(text, after).steps[0]
    assert (step.kind, step.result) == want
    if want[0] != "tool":
        assert plan(text, Focus(case_id="10001")).steps[0].kind == "nothing_recorded"


def test_two_requests_joined_by_to_take_the_case_of_the_first() -> None:
    steps = plan("10001の概要と調査先を教えて").steps
    assert [(s.route.tool, s.route.args.get("case_id")) for s in steps if s.route] == [
        ("case_summary", "10001"), ("recommend_targets", "10001"),
    ]


@pytest.mark.parametrize(
    "text", ["徴収法と地方税法の違い", "10001と00042の概要", "10001の概要を教えて", "10001のたんとうをすずきさんに"]
)
def test_to_inside_a_title_or_between_case_numbers_does_not_split(text: str) -> None:
    assert len(plan(text).steps) == 1


def test_web_two_requests_joined_by_to_are_both_answered(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    reply = say(web, csrf, "10001の概要と調査先を教えて")["reply"]
    text = json.dumps(reply, ensure_ascii=False)
    assert "【1】「10001の概要」" in text and "250,000円" in text and "【2】「調査先を教えて」" in text
