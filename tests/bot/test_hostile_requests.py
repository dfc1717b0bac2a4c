"""Hostile requests to every endpoint: invalid Unicode (lone surrogates, bytes that are not
UTF-8), malformed JSON and oversize bodies. No endpoint answers 500; JSON endpoints answer 400
for malformed JSON, every endpoint 413 for an oversize body (unread); and the server's log
never holds the name or the address the requests carried."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from bot.web.logs import DropExceptionMessages
from tests.bot.fake_slack import SECRET, FakeSlack, sign
from tests.bot.test_teams import EMULATOR
from tests.bot.test_webchat import login
from tests.tools import office

NAME = "秘密野 花子"
ADDRESS = "東京都秘密区裏町9-9-9"
JSON_ENDPOINTS = ("/chat/api", "/slack/events", "/api/messages")


@pytest.fixture
def web(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> Iterator[TestClient]:
    settings = office.settings_for(office_engine, tmp_path, **fake.settings(), **EMULATOR)
    app = create_app(settings=settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.app_routes = app.routes  # type: ignore[attr-defined]
        yield client
    app.state.engine.dispose()


def post_paths(routes: list) -> set[str]:  # type: ignore[type-arg]
    """Every POST path of the app, through included routers."""
    found: set[str] = set()
    for r in routes:
        inner = getattr(r, "original_router", None)
        if inner is not None:
            prefix = getattr(getattr(r, "include_context", None), "prefix", "") or ""
            found |= {prefix + p for p in post_paths(inner.routes)}
        elif "POST" in (getattr(r, "methods", None) or ()):
            found.add(r.path)
    return found


def hostile_bodies() -> dict[str, tuple[bytes, str]]:
    text = f"{NAME} {ADDRESS} の件\ud800です"
    surrogate = json.dumps({"text": text, "type": "message", "action": {"action": "rate", "payload": {"query": text}}})
    return {
        "malformed json": (f'{{"text": "{NAME} {ADDRESS}", '.encode(), "application/json"),
        "lone surrogate": (surrogate.encode(), "application/json"),
        "not utf-8": (f'{{"text": "{NAME} {ADDRESS}"}}'.encode() + b"\xff\xfe\xc3", "application/json"),
        "form not utf-8": (f"staff_id={NAME}&q={ADDRESS}".encode() + b"\xff", "application/x-www-form-urlencoded"),
        "oversize": (json.dumps({"text": (NAME + ADDRESS) * 20_000}).encode(), "application/json"),
    }


def test_no_endpoint_fails_or_logs_personal_data_on_hostile_bodies(
    web: TestClient, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    csrf = login(web, office.STAFF_A)
    paths = sorted(post_paths(web.app_routes))  # type: ignore[attr-defined]
    assert {"/chat/api", "/slack/events", "/api/messages", "/login"} <= set(paths)
    caplog.set_level(logging.INFO)  # the server's default level (CHOSHU_LOG_LEVEL)
    for path in paths:
        for kind, (body, content_type) in hostile_bodies().items():
            # Signed, so that Slack's own check passes and the body reaches the chat (the JSON of
            # the lone surrogate is ASCII: the signature over its text is the one over its bytes).
            headers = {"Content-Type": content_type, "X-CSRF-Token": csrf, **sign(SECRET, body.decode("utf-8", "replace"))}
            r = web.post(path, content=body, headers=headers, follow_redirects=False)
            assert r.status_code < 500, (path, kind, r.status_code, r.text[:200])
            if kind == "oversize":
                assert r.status_code == 413, (path, kind)
            elif kind == "malformed json" and path in JSON_ENDPOINTS:
                assert r.status_code == 400, (path, kind, r.status_code)
            assert NAME not in r.text and ADDRESS not in r.text, (path, kind)  # not echoed either
    # A genuine, signed Slack DM with a lone surrogate reaches the chat and gets an answer.
    dm = {
        "type": "event_callback", "team_id": "T0001", "api_app_id": "A0001", "event_id": "EvHostile1", "event_time": 1700000000,
        "event": {"type": "message", "channel_type": "im", "channel": "D0000009", "user": office.SLACK_USER[office.STAFF_A],
                  "text": f"{NAME} {ADDRESS}\ud800の概要", "ts": "1700000000.000100"},
    }
    raw = json.dumps(dm)
    r = web.post("/slack/events", content=raw, headers={"Content-Type": "application/json", **sign(SECRET, raw)})
    assert r.status_code == 200
    fake.wait_for("chat.postMessage")
    fake.close()
    logged = "\n".join(f"{rec.name}: {rec.getMessage()} {rec.exc_text or ''}" for rec in caplog.records)
    assert NAME not in logged and ADDRESS not in logged
    assert "秘密" not in logged


def test_a_lone_surrogate_in_the_web_chat_is_400_and_changes_nothing(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    r = web.post(
        "/chat/api",
        content=json.dumps({"text": f"{NAME}\ud800"}).encode(),
        headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
    )
    assert r.status_code == 400 and "正しくありません" in r.json()["error"]


def test_an_oversize_chat_body_is_refused_before_it_is_read(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    chunks_sent = 0

    def body() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        nonlocal chunks_sent
        for _ in range(10_000):
            chunks_sent += 1
            yield b"x" * 1024

    r = web.post("/chat/api", content=body(), headers={"Content-Type": "application/json", "X-CSRF-Token": csrf})
    assert r.status_code == 413 and "大きすぎます" in r.json()["error"]
    r = web.post("/chat/api", content=b"{}", headers={"Content-Type": "application/json", "Content-Length": str(10**7), "X-CSRF-Token": csrf})
    assert r.status_code == 413


def test_an_exception_escaping_to_the_server_log_keeps_its_type_not_its_message() -> None:
    try:
        raise ValueError(f"INSERT failed [parameters: ('{NAME}', '{ADDRESS}')]")
    except ValueError:
        record = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application", None, sys.exc_info())
    assert DropExceptionMessages().filter(record)
    formatted = logging.Formatter().format(record)
    assert "ValueError" in formatted and NAME not in formatted and ADDRESS not in formatted


def test_without_a_login_the_web_chat_answers_401_before_it_reads_the_body(web: TestClient) -> None:
    for kind, (body, content_type) in hostile_bodies().items():
        if kind == "oversize":  # refused by size before anything else (413)
            continue
        r = web.post(
            "/chat/api", content=body, headers={"Content-Type": content_type, "X-CSRF-Token": "x"}, follow_redirects=False
        )
        # JSON gets 401; a form post is a page's, and is sent to the login page
        login_page = r.status_code == 303 and r.headers["location"] == "/login"
        assert r.status_code == 401 or (login_page and content_type.startswith("application/x-www")), (kind, r.status_code)
    r = web.post("/chat/api", json={"text": "こんにちは"}, headers={"X-CSRF-Token": "x"})
    assert r.status_code == 401
