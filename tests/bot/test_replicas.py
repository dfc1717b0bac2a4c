"""Two replicas of the server (two ``create_app`` on one store): the chat's rate limit and the
de-duplication of platform retries hold across both."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack import event, post_json
from tests.bot.test_webchat import login, say
from tests.tools import office


@pytest.fixture
def replicas(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> Iterator[tuple[TestClient, TestClient]]:
    settings = office.settings_for(office_engine, tmp_path, **fake.settings(), choshu_rate_limit_per_minute=3)
    apps = [create_app(settings=settings), create_app(settings=settings)]
    with TestClient(apps[0]) as a, TestClient(apps[1]) as b:
        yield a, b
    for app in apps:
        app.state.engine.dispose()


def test_the_rate_limit_counts_messages_on_every_replica(replicas: tuple[TestClient, TestClient]) -> None:
    a, b = replicas
    csrf_a, csrf_b = login(a, office.STAFF_A), login(b, office.STAFF_A)
    answers = [say(a, csrf_a, "ヘルプ"), say(b, csrf_b, "ヘルプ"), say(a, csrf_a, "ヘルプ"), say(b, csrf_b, "ヘルプ")]
    assert [x["reply"]["ok"] for x in answers] == [True, True, True, False]
    assert "待って" in answers[3]["reply"]["text"]
    other = say(b, login(b, office.STAFF_B), "ヘルプ")
    assert other["reply"]["ok"]  # the limit is per staff member


def test_a_slack_retry_delivered_to_the_other_replica_is_not_answered_twice(
    replicas: tuple[TestClient, TestClient], fake: FakeSlack
) -> None:
    a, b = replicas
    payload = event("ヘルプ", user=office.SLACK_USER[office.STAFF_A], event_id="EvReplica1")
    assert post_json(a, payload).status_code == 200
    fake.wait_for("chat.postMessage")
    assert post_json(b, payload, retry=1).status_code == 200
    time.sleep(0.5)
    assert len(fake.of("chat.postMessage")) == 1
