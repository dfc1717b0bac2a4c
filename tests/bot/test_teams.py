"""Teams scenarios: realistic activities posted to /api/messages; replies captured at a fake
connector service on loopback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.web.app import create_app
from store.models import Investigation
from tests.bot.fake_slack import FakeSlack
from tests.tools import office

EMULATOR = {"teams_dangerously_allow_unauthenticated": True, "teams_service_url_hosts": "127.0.0.1"}


@pytest.fixture
def connector(fake: FakeSlack) -> FakeSlack:
    return fake  # records any POST; the Bot Connector path ends in /activities


@pytest.fixture
def web(teams_web: TestClient) -> TestClient:
    return teams_web


def activity(connector: FakeSlack, *, text: str = "", aad: str = office.TEAMS_USER[office.STAFF_A], value: dict | None = None,
             conversation_type: str = "personal", activity_id: str = "1700000000001") -> dict:
    body = {
        "type": "message", "id": activity_id, "timestamp": "2026-11-24T07:00:00.000Z", "localTimestamp": "2026-11-24T16:00:00.000+09:00",
        "serviceUrl": connector.url.replace("/api/", "/"), "channelId": "msteams",
        "from": {"id": "29:1user", "name": "職員", "aadObjectId": aad},
        "conversation": {"conversationType": conversation_type, "id": "a:1conversation", "tenantId": "tenant-1"},
        "recipient": {"id": "28:bot-app-id", "name": "徴収アシスタント"},
        "textFormat": "plain", "locale": "ja-JP", "channelData": {"tenant": {"id": "tenant-1"}},
        "entities": [{"type": "clientInfo", "locale": "ja-JP", "country": "JP", "platform": "Web"}],
    }
    if text:
        body["text"] = text
    if value is not None:
        body["value"] = value
        body["replyToId"] = "1700000000999"
    return body


def sent(connector: FakeSlack, count: int = 1) -> list[dict]:
    return connector.wait_for("activities", count)


def card_actions(card: dict) -> list[dict]:
    """The Action.Execute buttons of a card, in order."""
    return [a for b in card["body"] if b.get("type") == "ActionSet" for a in b["actions"] if a["type"] == "Action.Execute"]


def invoke(connector: FakeSlack, card: dict, title: str, *, aad: str = office.TEAMS_USER[office.STAFF_A],
           activity_id: str = "f:invoke-1", reply_to: str = "1700000000999") -> dict:
    """The ``adaptiveCard/action`` invoke Teams sends when ``title`` is pressed on ``card``: the
    action's data merged with the values of the card's inputs (the hidden card state)."""
    action = next(a for a in card_actions(card) if a["title"] == title)
    inputs = {b["id"]: b.get("value", "") for b in card["body"] if b["type"].startswith("Input.")}
    body = activity(connector, aad=aad, activity_id=activity_id)
    body.update(type="invoke", name="adaptiveCard/action", replyToId=reply_to, value={
        "action": {"type": "Action.Execute", "id": action["id"], "verb": action["verb"], "data": {**action["data"], **inputs}},
        "trigger": "manual",
    })
    return body


def test_a_personal_chat_gets_the_case_summary_as_an_adaptive_card(web: TestClient, connector: FakeSlack) -> None:
    r = web.post("/api/messages", json=activity(connector, text="案件10001の概要"))
    assert r.status_code in (200, 201, 202)
    [reply] = sent(connector)
    card = reply["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert "250,000円" in json.dumps(card["content"], ensure_ascii=False)


def test_a_repeated_activity_gets_one_answer(web: TestClient, connector: FakeSlack) -> None:
    web.post("/api/messages", json=activity(connector, text="ヘルプ", activity_id="dup-1"))
    web.post("/api/messages", json=activity(connector, text="ヘルプ", activity_id="dup-1"))
    sent(connector)
    time.sleep(0.3)
    assert len(connector.of("activities")) == 1


def test_an_unknown_teams_user_is_refused_politely(web: TestClient, connector: FakeSlack) -> None:
    web.post("/api/messages", json=activity(connector, text="10001の概要", aad="aad-nobody"))
    [reply] = sent(connector)
    assert "職員名簿に登録されていない" in reply["text"] and "250,000" not in json.dumps(reply, ensure_ascii=False)


def test_a_card_button_records_the_result_once(web: TestClient, connector: FakeSlack, office_engine: Engine) -> None:
    value = {"choshu": {"action": "run", "payload": {"tool": "record_result", "args": {
        "case_id": "10001", "target_kind": "deposit", "target_id": "BK001", "result": "not_found"}}}}
    web.post("/api/messages", json=activity(connector, value=value, activity_id="btn-1"))
    web.post("/api/messages", json=activity(connector, value=value, activity_id="btn-2"))
    [reply] = sent(connector)
    assert "記録しました" in reply["text"]
    time.sleep(0.3)
    with Session(office_engine) as s:
        assert [r.result for r in s.exec(select(Investigation)).all()] == ["not_found"]


def test_case_data_is_not_shown_in_a_channel(web: TestClient, connector: FakeSlack) -> None:
    web.post("/api/messages", json=activity(connector, text="<at>徴収アシスタント</at> 10001の概要", conversation_type="channel"))
    [reply] = sent(connector)
    assert "1対1" in reply["text"] and "250,000" not in json.dumps(reply, ensure_ascii=False)


def test_with_an_app_id_an_unsigned_activity_is_refused(office_engine: Engine, tmp_path: Path, connector: FakeSlack) -> None:
    app = create_app(settings=office.settings_for(office_engine, tmp_path, teams_app_id="00000000-0000-0000-0000-000000000001",
                                                  teams_app_password="pw"))
    with TestClient(app) as client:
        r = client.post("/api/messages", json=activity(connector, text="ヘルプ"))
    assert r.status_code == 401
    assert connector.of("activities") == []


def test_a_pressed_button_answers_with_the_card_showing_it_chosen(web: TestClient, connector: FakeSlack, office_engine: Engine) -> None:
    aad = office.TEAMS_USER[office.SUPERVISOR]
    web.post("/api/messages", json=activity(connector, text="10001を高橋さんに担当替え", aad=aad))
    [asked] = sent(connector)
    card = asked["attachments"][0]["content"]
    assert [a["title"] for a in card_actions(card)] == ["確定", "やめる"]
    assert all(a["fallback"]["type"] == "Action.Submit" for a in card_actions(card))  # older clients
    r = web.post("/api/messages", json=invoke(connector, card, "確定", aad=aad))
    assert r.status_code == 200
    answer = r.json()
    assert (answer["statusCode"], answer["type"]) == (200, "application/vnd.microsoft.card.adaptive")
    shown = json.dumps(answer["value"], ensure_ascii=False)
    assert "✔ 確定" in shown and "高橋 次郎" in shown  # the question stays, its buttons are gone
    assert card_actions(answer["value"]) == []
    done = sent(connector, 2)[1]
    assert "替えました" in done["text"]
    with Session(office_engine) as s:
        from store.models import Case

        assert s.get(Case, "10001").staff_id == office.STAFF_B  # type: ignore[union-attr]


def test_a_pressed_button_is_authorised_and_audited_as_a_typed_request(web: TestClient, connector: FakeSlack, office_engine: Engine) -> None:
    from bot.teams.cards import render_card
    from store.models import AuditLog
    from tools.reply import Reply, run_button

    # a card signed with another key: its content is not shown back, its tool call is checked
    card = render_card(Reply(text="偽のカード", buttons=[run_button("概要", "case_summary", {"case_id": "10001"})]), secret="forged")
    r = web.post("/api/messages", json=invoke(connector, card, "概要", aad=office.TEAMS_USER[office.STAFF_B]))
    assert r.status_code == 200
    shown = json.dumps(r.json()["value"], ensure_ascii=False)
    assert "✔ 概要" in shown and "偽のカード" not in shown
    [reply] = sent(connector)
    assert "他の係" in reply["text"] and "250,000" not in json.dumps(reply, ensure_ascii=False)
    time.sleep(0.2)
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.surface == "teams")).all()
    assert [(r.staff_id, r.case_id, r.allowed) for r in rows] == [(office.STAFF_B, "10001", False)]


def test_a_button_pressed_twice_acts_once_and_older_clients_press_the_fallback(
    web: TestClient, connector: FakeSlack, office_engine: Engine
) -> None:
    from bot.teams.cards import render_card
    from tools.reply import Reply, run_button

    call = {"case_id": "10001", "target_kind": "deposit", "target_id": "BK001"}
    asked = Reply(text="照会結果は？", buttons=[
        run_button("照会結果 あり", "record_result", {**call, "result": "found"}),
        run_button("照会結果 なし", "record_result", {**call, "result": "not_found"}),
    ])
    card = render_card(asked, secret="k" * 32)
    for n in (1, 2):  # a double click: two invokes for the same button of the same card
        r = web.post("/api/messages", json=invoke(connector, card, "照会結果 あり", activity_id=f"twice-{n}", reply_to="c1"))
        assert r.status_code == 200 and "✔ 照会結果 あり" in json.dumps(r.json()["value"], ensure_ascii=False)
    [answer] = sent(connector)
    assert "記録しました" in answer["text"]
    # A client without Universal Actions shows the Action.Submit fallback: its press is a message.
    fallback = next(a["fallback"] for a in card_actions(card) if a["title"] == "照会結果 なし")
    web.post("/api/messages", json=activity(connector, value=fallback["data"], activity_id="old-client-1"))
    assert "「なし」に訂正しますか" in sent(connector, 2)[1]["text"]  # あり then なし: asked, not stored
    time.sleep(0.3)
    assert len(connector.of("activities")) == 2
    with Session(office_engine) as s:
        assert [r.result for r in s.exec(select(Investigation)).all()] == ["found"]
