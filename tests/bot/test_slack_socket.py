"""Slack Socket Mode (no public URL, the usual set-up inside a closed office network): the real
slack-bolt handler connects to a local websocket server that plays Slack's side, receives an
event envelope, acknowledges it and answers through the (fake) Web API."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from websockets.sync.server import ServerConnection, serve

from bot.slack.socket import start_socket_mode
from bot.web.app import create_app
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack import event
from tests.tools import office


class FakeSocketSlack:
    """Slack's websocket end: says hello, sends the queued envelopes, records the acks."""

    def __init__(self, envelopes: list[dict[str, Any]]) -> None:
        self.envelopes = envelopes
        self.acks: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/?ticket=test"

    def _session(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}))
        for envelope in self.envelopes:
            ws.send(json.dumps(envelope))
        for raw in ws:
            with self._lock:
                self.acks.append(json.loads(raw))

    def wait_for_ack(self, envelope_id: str, timeout: float = 8.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for ack in self.acks:
                    if ack.get("envelope_id") == envelope_id:
                        return ack
            time.sleep(0.02)
        raise AssertionError(f"no ack of {envelope_id}; acks: {self.acks}")

    def close(self) -> None:
        self.server.shutdown()


def envelope(payload: dict[str, Any], envelope_id: str) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
        "retry_attempt": 0, "retry_reason": "", "payload": payload,
    }


@pytest.fixture
def socket_app(office_engine: Engine, tmp_path: Path) -> Iterator[tuple[FakeSlack, FakeSocketSlack]]:
    dm = event("案件10001の概要", user=office.SLACK_USER[office.STAFF_A], event_id="EvSock1")
    stranger = event("案件10001の概要", user="UNKNOWN01", event_id="EvSock2", channel="D0000009")
    ws = FakeSocketSlack([envelope(dm, "env-1"), envelope(stranger, "env-2")])
    api = FakeSlack(answers={"apps.connections.open": {"url": ws.url}})
    settings = office.settings_for(
        office_engine, tmp_path, slack_bot_token="xoxb-test", slack_app_token="xapp-test", slack_api_url=api.url
    )
    web = create_app(settings=settings)
    assert start_socket_mode(web, settings)
    yield api, ws
    web.state.slack_socket.close()
    ws.close()
    api.close()
    web.state.engine.dispose()


def test_socket_mode_acknowledges_each_event_and_answers_in_the_dm(
    socket_app: tuple[FakeSlack, FakeSocketSlack],
) -> None:
    api, ws = socket_app
    assert api.of("apps.connections.open")  # the app token asked Slack for the socket
    assert ws.wait_for_ack("env-1")["envelope_id"] == "env-1"
    ws.wait_for_ack("env-2")
    posts = api.wait_for("chat.postMessage", count=2)
    by_channel = {p["channel"]: json.dumps(p.get("blocks") or p.get("text"), ensure_ascii=False) for p in posts}
    assert "250,000円" in by_channel["D0000001"]  # the officer's case summary, in their DM
    # someone the office does not know gets told so, and no case data
    assert "250,000円" not in by_channel["D0000009"] and "10001" not in by_channel["D0000009"]
