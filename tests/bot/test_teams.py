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
