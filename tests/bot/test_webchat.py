"""The web chat at / behind the web login: page, JSON endpoint, buttons, bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import AuditLog, Case
from tests.tools import office


def login(client: TestClient, staff_id: str) -> str:
    page = client.get("/login")
    marker = 'name="csrf" value="'
    start = page.text.index(marker) + len(marker)
    csrf = page.text[start : page.text.index('"', start)]
    r = client.post("/login", data={"staff_id": staff_id, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get("/").text  # the chat page hands the session's CSRF token to its script
    start = page.index('data-csrf="') + len('data-csrf="')
    return page[start : page.index('"', start)]


def say(client: TestClient, csrf: str, text: str = "", action: dict | None = None) -> dict:
    r = client.post("/chat/api", json={"text": text, "action": action}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    return r.json()


def test_the_chat_page_needs_a_login(web: TestClient) -> None:
    r = web.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_the_chat_page_greets_the_logged_in_staff_member(web: TestClient) -> None:
    login(web, office.STAFF_A)
    page = web.get("/")
    assert page.status_code == 200 and "佐藤 花子" in page.text and 'id="chat-form"' in page.text


def test_the_examples_on_the_chat_page_name_a_case_the_staff_member_holds(web: TestClient) -> None:
    login(web, office.STAFF_B)
    page = web.get("/").text
    # 高橋 holds only 10003: the placeholder and the intro show it, not a number from the demo office.
    assert 'placeholder="例: 10003の財産調査先はどこがいい？"' in page
    assert "「10003の財産調査先はどこがいい？」" in page and "010014" not in page


def test_staff_asks_for_their_case_summary(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.STAFF_A)
    data = say(web, csrf, "案件10001の概要")
    assert data["reply"]["case_data"] and "250,000円" in data["html"]
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.action == "case_summary")).all()
    assert [(r.staff_id, r.surface, r.case_id, r.allowed) for r in rows] == [("A01", "web", "10001", True)]


def test_a_case_of_another_team_gets_a_clear_refusal(web: TestClient) -> None:
    csrf = login(web, office.STAFF_B)
    data = say(web, csrf, "10001の概要")
    assert not data["reply"]["ok"] and "他の係" in data["reply"]["text"] and "250,000" not in data["html"]


def test_a_case_that_does_not_exist(web: TestClient) -> None:
    csrf = login(web, office.SUPERVISOR)
    data = say(web, csrf, "99999の概要")
    assert "見つかりません" in data["reply"]["text"] and "99999" in data["reply"]["text"]


@pytest.mark.parametrize(("text", "expected"), [("", "メッセージが空です"), ("あ" * 20_000, "長すぎます")])
def test_empty_and_overlong_messages_get_a_hint(web: TestClient, text: str, expected: str) -> None:
    csrf = login(web, office.STAFF_A)
    assert expected in say(web, csrf, text)["reply"]["text"]


def test_supervisor_reassigns_after_pressing_confirm_once(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.SUPERVISOR)
    data = say(web, csrf, "10001の担当を高橋さんに")
    confirm = next(b for b in data["reply"]["buttons"] if b["label"] == "確定")
    with Session(office_engine) as s:
        assert s.get(Case, "10001").staff_id == "A01"  # type: ignore[union-attr]
    action = {"action": confirm["action"], "payload": confirm["payload"], "nonce": "n-1"}
    done = say(web, csrf, action=action)
    assert "替えました" in done["reply"]["text"]
    again = say(web, csrf, action=action)
    assert again["reply"] is None  # the same button pressed twice acts once
    with Session(office_engine) as s:
        assert s.get(Case, "10001").staff_id == "B01"  # type: ignore[union-attr]


def test_a_name_that_matches_two_people_asks_which(web: TestClient) -> None:
    csrf = login(web, office.SUPERVISOR)
    data = say(web, csrf, "10002の担当を佐藤さんに")
    assert "2人" in data["reply"]["text"]
    assert {b["payload"]["args"]["to_staff"] for b in data["reply"]["buttons"]} == {"A01", "A03"}


def test_the_json_endpoint_refuses_a_missing_csrf_token(web: TestClient) -> None:
    login(web, office.STAFF_A)
    r = web.post("/chat/api", json={"text": "ヘルプ"})
    assert r.status_code in (400, 403)
