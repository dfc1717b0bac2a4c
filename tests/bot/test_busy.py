"""When every store connection is taken, people are told at once to retry: the web chat gets
503 with a Retry-After, and Slack and Teams are still acknowledged (the acknowledgement needs
no connection) and then answered that the assistant is busy. Nothing waits the old 30 s."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from tests.bot.fake_slack import SECRET, FakeSlack, sign
from tests.bot.test_teams import EMULATOR, activity
from tests.bot.test_webchat import login
from tests.tools import office


@pytest.fixture
def app_and_client(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> Iterator[tuple[object, TestClient]]:
    settings = office.settings_for(
        office_engine,
        tmp_path,
        **fake.settings(),
        choshu_workers=1,
        choshu_chat_workers=1,
        choshu_pool_timeout_seconds=0.2,
        **EMULATOR,
    )
    app = create_app(settings=settings)
    with TestClient(app) as client:
        yield app, client
    app.state.engine.dispose()


def test_an_exhausted_pool_gets_a_fast_retry_answer_on_every_surface(
    app_and_client: tuple[object, TestClient], fake: FakeSlack
) -> None:
    app, web = app_and_client
    engine: Engine = app.state.engine  # type: ignore[attr-defined]
    assert engine.pool.size() == 1 + 2 * 1 + 2  # sized from the worker settings
    csrf = login(web, office.STAFF_A)
    with ExitStack() as held:
        for _ in range(engine.pool.size()):  # every connection taken (a stuck batch job, say)
            held.enter_context(engine.connect())
        r = web.post("/chat/api", json={"text": "10001の概要"}, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert "混み合って" in r.json()["error"] and "もう一度" in r.json()["error"]

        event = {
            "type": "event_callback", "team_id": "T0001", "api_app_id": "A0001", "event_id": "EvBusy1", "event_time": 1700000000,
            "event": {"type": "message", "channel_type": "im", "channel": "D0000001",
                      "user": office.SLACK_USER[office.STAFF_A], "text": "10001の概要", "ts": "1700000000.000100"},
        }
        body = json.dumps(event)
        r = web.post("/slack/events", content=body, headers={"Content-Type": "application/json", **sign(SECRET, body)})
        assert r.status_code == 200  # acknowledged without a connection
        [posted] = fake.wait_for("chat.postMessage")
        assert "混み合って" in posted["text"]

        r = web.post("/api/messages", json=activity(fake, text="10001の概要"))
        assert r.status_code in (200, 201, 202)
        [sent] = fake.wait_for("activities")
        assert "混み合って" in json.dumps(sent, ensure_ascii=False)
    # Connections back: the same question is answered.
    r = web.post("/chat/api", json={"text": "10001の概要"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["reply"]["ok"]
