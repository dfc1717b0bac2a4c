"""Slack scenarios from realistic, signed payloads against a local fake Web API server."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.web.app import create_app
from store.models import AuditLog, Investigation
from tests.bot.fake_slack import SECRET, FakeSlack, sign
from tests.tools import office


@pytest.fixture
def web(slack_web: TestClient) -> TestClient:
    return slack_web


def event(text: str, *, user: str, channel: str = "D0000001", kind: str = "message", event_id: str = "Ev0001") -> dict:
    ev = {"type": kind, "user": user, "text": text, "ts": "1700000000.000100", "channel": channel, "event_ts": "1700000000.000100"}
    if kind == "message":
        ev["channel_type"] = "im" if channel.startswith("D") else "channel"
    return {
        "token": "legacy", "team_id": "T0001", "api_app_id": "A0001", "event": ev, "type": "event_callback",
        "event_id": event_id, "event_time": 1700000000, "authorizations": [{"team_id": "T0001", "user_id": "UBOT0001", "is_bot": True}],
    }


def post_json(client: TestClient, payload: dict, *, retry: int | None = None, timestamp: int | None = None, secret: str = SECRET):
    body = json.dumps(payload)
    headers = {"Content-Type": "application/json", **sign(secret, body, timestamp)}
    if retry is not None:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    return client.post("/slack/events", content=body, headers=headers)


def post_form(client: TestClient, form: dict):
    body = urlencode(form)
    return client.post("/slack/events", content=body, headers={"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)})


def test_a_dm_gets_the_case_summary_in_the_dm(web: TestClient, fake: FakeSlack) -> None:
    r = post_json(web, event("案件10001の概要", user=office.SLACK_USER[office.STAFF_A]))
    assert r.status_code == 200
    [posted] = fake.wait_for("chat.postMessage")
    assert posted["channel"] == "D0000001" and "250,000円" in json.dumps(posted["blocks"], ensure_ascii=False)
    assert fake.of("auth.test")


def test_a_retry_of_the_same_event_gets_no_second_reply(web: TestClient, fake: FakeSlack) -> None:
    payload = event("ヘルプ", user=office.SLACK_USER[office.STAFF_A], event_id="EvRetry1")
    assert post_json(web, payload).status_code == 200
    fake.wait_for("chat.postMessage")
    assert post_json(web, payload, retry=1).status_code == 200
    assert post_json(web, payload, retry=2).status_code == 200
    time.sleep(0.5)
    assert len(fake.of("chat.postMessage")) == 1


def test_a_forged_signature_is_refused_with_401(web: TestClient, fake: FakeSlack) -> None:
    r = post_json(web, event("10001の概要", user=office.SLACK_USER[office.STAFF_A]), secret="wrong-secret")
    assert r.status_code == 401
    time.sleep(0.3)
    assert fake.of("chat.postMessage") == []


def test_a_stale_timestamp_is_refused_with_401(web: TestClient, fake: FakeSlack) -> None:
    r = post_json(web, event("ヘルプ", user=office.SLACK_USER[office.STAFF_A]), timestamp=int(time.time()) - 3600)
    assert r.status_code == 401


def test_an_unknown_user_gets_a_polite_refusal_and_is_audited(web: TestClient, fake: FakeSlack, office_engine: Engine) -> None:
    post_json(web, event("10001の概要", user="UNOBODY01"))
    [posted] = fake.wait_for("chat.postMessage")
    assert "職員名簿に登録されていない" in posted["text"] and "250,000" not in json.dumps(posted, ensure_ascii=False)
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog)).all()
    assert [(r.staff_id, r.user_ref, r.surface, r.allowed) for r in rows] == [(None, "UNOBODY01", "slack", False)]


def test_case_data_asked_in_a_public_channel_is_answered_privately(web: TestClient, fake: FakeSlack) -> None:
    user = office.SLACK_USER[office.STAFF_A]
    post_json(web, event("<@UBOT0001> 10001の概要", user=user, channel="C0000001", kind="app_mention"))
    [private] = fake.wait_for("chat.postEphemeral")
    assert private["user"] == user and private["channel"] == "C0000001"
    assert "250,000円" in json.dumps(private["blocks"], ensure_ascii=False)
    [public] = fake.wait_for("chat.postMessage")
    assert public["thread_ts"] == "1700000000.000100" and "250,000" not in json.dumps(public, ensure_ascii=False)
    assert "あなたにだけ" in public["text"]


def test_a_mention_without_case_data_is_answered_in_the_thread(web: TestClient, fake: FakeSlack) -> None:
    post_json(web, event("<@UBOT0001> 何ができるの？", user=office.SLACK_USER[office.STAFF_A], channel="C0000001", kind="app_mention"))
    [public] = fake.wait_for("chat.postMessage")
    assert public["thread_ts"] == "1700000000.000100" and "財産調査先" in json.dumps(public["blocks"], ensure_ascii=False)


def test_the_slash_command_answers_ephemerally_at_the_response_url(web: TestClient, fake: FakeSlack) -> None:
    r = post_form(web, {
        "token": "legacy", "team_id": "T0001", "channel_id": "C0000001", "channel_name": "general",
        "user_id": office.SLACK_USER[office.STAFF_A], "command": "/choshu", "text": "10001の概要",
        "response_url": fake.url.replace("/api/", "/hooks/cmd1"), "trigger_id": "trig.1", "api_app_id": "A0001",
    })
    assert r.status_code == 200
    [answer] = fake.wait_for("cmd1")
    assert answer["response_type"] == "ephemeral" and "250,000円" in json.dumps(answer["blocks"], ensure_ascii=False)


def test_a_result_button_pressed_twice_records_once(web: TestClient, fake: FakeSlack, office_engine: Engine) -> None:
    value = json.dumps({"a": "run", "p": {"tool": "record_result", "args": {
        "case_id": "10001", "target_kind": "deposit", "target_id": "BK001", "result": "found"}}})
    payload = {
        "type": "block_actions", "user": {"id": office.SLACK_USER[office.STAFF_A]}, "api_app_id": "A0001",
        "team": {"id": "T0001"}, "channel": {"id": "D0000001"}, "trigger_id": "trig.2",
        "container": {"type": "message", "message_ts": "1700000001.000200", "channel_id": "D0000001"},
        "response_url": fake.url.replace("/api/", "/hooks/act1"),
        "actions": [{"type": "button", "action_id": "choshu_0_0", "block_id": "choshu_actions_0", "value": value, "action_ts": "1700000002.1"}],
    }
    assert post_form(web, {"payload": json.dumps(payload)}).status_code == 200
    [answer] = fake.wait_for("act1")
    assert "記録しました" in answer["text"]
    payload["actions"][0]["action_ts"] = "1700000003.1"
    payload["trigger_id"] = "trig.3"
    assert post_form(web, {"payload": json.dumps(payload)}).status_code == 200
    time.sleep(0.5)
    assert len(fake.of("act1")) == 1
    with Session(office_engine) as s:
        assert len(s.exec(select(Investigation)).all()) == 1


def test_url_verification_answers_the_challenge(web: TestClient) -> None:
    r = post_json(web, {"token": "legacy", "challenge": "abc123", "type": "url_verification"})
    assert r.status_code == 200 and "abc123" in r.text


def test_slack_events_without_configuration_say_what_to_set(office_engine: Engine, tmp_path: Path) -> None:
    app = create_app(settings=office.settings_for(office_engine, tmp_path))
    with TestClient(app) as client:
        r = client.post("/slack/events", content="{}")
    assert r.status_code == 404 and "SLACK_SIGNING_SECRET" in r.text


@pytest.mark.parametrize(
    ("text", "user", "expected"),
    [
        ("10003の概要", office.STAFF_A, "他の係"),
        ("99999の概要", office.STAFF_A, "見つかりません"),
        ("<@UBOT0001>", office.STAFF_A, "メッセージが空です"),
        ("あ" * 20_000, office.STAFF_A, "長すぎます"),
        ("10002の担当を佐藤さんに", office.SUPERVISOR, "2人"),
        ("10001の担当を高橋さんに", office.STAFF_A, "係長"),
    ],
)
def test_bad_input_in_a_dm_gets_a_clear_reply_and_changes_nothing(web: TestClient, fake: FakeSlack, office_engine: Engine, text: str, user: str, expected: str) -> None:
    post_json(web, event(text, user=office.SLACK_USER[user]))
    [posted] = fake.wait_for("chat.postMessage")
    assert expected in json.dumps(posted, ensure_ascii=False)
    assert "250,000" not in json.dumps(posted, ensure_ascii=False)
    with Session(office_engine) as s:
        from store.models import Case

        assert s.get(Case, "10001").staff_id == office.STAFF_A  # type: ignore[union-attr]
        assert s.exec(select(Investigation)).all() == []


def _press(web: TestClient, fake: FakeSlack, message: dict, block_no: int, index: int, hook: str, *, user: str | None = None) -> list[dict]:
    """Press button ``index`` of actions block ``block_no`` of ``message`` (as Slack sends it:
    the message's blocks come with the press); the posts to the response URL afterwards."""
    block = next(b for b in message["blocks"] if b.get("block_id") == f"choshu_actions_{block_no}")
    button = block["elements"][index]
    payload = {
        "type": "block_actions", "user": {"id": user or office.SLACK_USER[office.STAFF_A]}, "api_app_id": "A0001",
        "team": {"id": "T0001"}, "channel": {"id": "D0000001"}, "trigger_id": f"trig.{hook}",
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": "D0000001"},
        "message": message,
        "response_url": fake.url.replace("/api/", f"/hooks/{hook}"),
        "actions": [{"type": "button", "action_id": button["action_id"], "block_id": block["block_id"], "value": button["value"], "action_ts": "1700000002.1"}],
    }
    assert post_form(web, {"payload": json.dumps(payload)}).status_code == 200
    return fake.wait_for(hook, count=2)


def test_the_chosen_button_shows_as_chosen_and_the_result_can_be_undone(web: TestClient, fake: FakeSlack, office_engine: Engine) -> None:
    from bot.slack.blocks import render_blocks
    from tools.reply import Reply, run_button

    call = {"case_id": "10001", "target_kind": "deposit", "target_id": "BK001"}
    asked = Reply(text="照会結果は？", buttons=[
        run_button("照会結果 あり", "record_result", {**call, "result": "found", "amount": 120000}),
        run_button("照会結果 なし", "record_result", {**call, "result": "not_found"}),
    ])
    message = {"type": "message", "ts": "1700000001.000300", "text": "照会結果は？", "blocks": render_blocks(asked)}
    chosen, answer = _press(web, fake, message, 0, 0, "pick1")
    # The message that carried the buttons: its row of buttons is now 「✔ 照会結果 あり」 alone.
    assert chosen["replace_original"] is True
    shown = json.dumps(chosen["blocks"], ensure_ascii=False)
    assert "✔ *照会結果 あり*" in shown and "照会結果 なし" not in shown
    assert not any(b["type"] == "actions" for b in chosen["blocks"])
    assert answer["replace_original"] is False and "あり 120,000円" in answer["text"]
    with Session(office_engine) as s:
        [row] = s.exec(select(Investigation)).all()
        assert (row.amount, row.state) == (120000, "active")
    # The answer carries 取り消す; pressed, the result is undone (the row is kept, marked).
    answer_message = {"type": "message", "ts": "1700000004.000100", "text": answer["text"], "blocks": answer["blocks"]}
    chosen, undone = _press(web, fake, answer_message, 0, 0, "undo1")
    assert "✔ *取り消す*" in json.dumps(chosen["blocks"], ensure_ascii=False)
    assert "取り消しました" in undone["text"]
    with Session(office_engine) as s:
        [row] = s.exec(select(Investigation)).all()
        assert row.state == "undone"
