"""Teams fails closed: no token, no answer; replies only to Microsoft's Teams hosts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.web.app import create_app
from store.models import AuditLog, Case
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_teams import activity, invoke
from tests.tools import office


@pytest.fixture
def connector() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


def _client(engine: Engine, home: Path, **overrides: object) -> TestClient:
    app = create_app(settings=office.settings_for(engine, home, **overrides))
    return TestClient(app)


def _pressed_reassignment(connector: FakeSlack) -> dict:
    """A supervisor's 確定 press (an adaptiveCard/action invoke) on a card the sender made up."""
    from bot.teams.cards import render_card
    from tools.reply import Reply, run_button

    args = {"case_id": "10001", "to_staff": office.STAFF_B, "expect_from": office.STAFF_A}
    card = render_card(Reply(text="?", buttons=[run_button("確定", "reassign_case", args, confirmed=True)]))
    return invoke(connector, card, "確定", aad=office.TEAMS_USER[office.SUPERVISOR])


@pytest.mark.parametrize("kind", ["message", "invoke"])
def test_by_default_an_unsigned_activity_gets_401_and_nothing_is_sent(
    office_engine: Engine, tmp_path: Path, connector: FakeSlack, kind: str
) -> None:
    # a supervisor's Teams id and a serviceUrl of the attacker's choosing, no Authorization
    body = activity(connector, text="案件10001の概要", aad=office.TEAMS_USER[office.SUPERVISOR])
    if kind == "invoke":
        body = _pressed_reassignment(connector)
    with _client(office_engine, tmp_path) as client:
        r = client.post("/api/messages", json=body)
        assert r.status_code == 401
        r = client.post("/api/messages", json=body, headers={"Authorization": "Bearer forged.token.here"})
        assert r.status_code == 401  # no TEAMS_APP_ID: no token can be valid
    time.sleep(0.3)
    assert connector.of("activities") == []
    with Session(office_engine) as s:
        assert s.exec(select(AuditLog).where(AuditLog.surface == "teams")).all() == []
        assert s.get(Case, "10001").staff_id == office.STAFF_A  # type: ignore[union-attr]


def test_a_service_url_off_the_allow_list_is_refused_and_nothing_is_sent(
    office_engine: Engine, tmp_path: Path, connector: FakeSlack
) -> None:
    body = activity(connector, text="案件10001の概要")
    with _client(office_engine, tmp_path, teams_dangerously_allow_unauthenticated=True) as client:
        r = client.post("/api/messages", json=body)
    assert r.status_code == 403
    time.sleep(0.3)
    assert connector.of("activities") == []


def test_the_emulator_setting_is_ignored_and_refused_in_production(
    office_engine: Engine, tmp_path: Path, connector: FakeSlack
) -> None:
    overrides = {
        "choshu_env": "production",
        "choshu_demo_login": False,
        "choshu_secret_key": "s" * 40,
        "choshu_audit_key": "a" * 40,
        "teams_dangerously_allow_unauthenticated": True,
        "teams_service_url_hosts": "127.0.0.1",
    }
    from store.security import startup_problems

    settings = office.settings_for(office_engine, tmp_path, **overrides)
    assert [p.key for p in startup_problems(settings)] == ["security.teams_unauthenticated_production"]
    with _client(office_engine, tmp_path, **overrides) as client:
        r = client.post("/api/messages", json=activity(connector, text="ヘルプ"))
    assert r.status_code == 401
    time.sleep(0.3)
    assert connector.of("activities") == []


def test_microsofts_teams_hosts_are_allowed_over_https_only() -> None:
    from bot.teams.policy import service_url_allowed
    from store.settings import Settings

    s = Settings(_env_file=None)
    assert service_url_allowed(s, "https://smba.trafficmanager.net/jp/")
    assert not service_url_allowed(s, "http://smba.trafficmanager.net/jp/")
    assert not service_url_allowed(s, "https://smba.trafficmanager.net.evil.example/")
    assert not service_url_allowed(s, "https://evil.example/smba.trafficmanager.net")
    assert not service_url_allowed(s, None)
    extended = Settings(_env_file=None, teams_service_url_hosts="bot-proxy.city.lg.jp")
    assert service_url_allowed(extended, "https://bot-proxy.city.lg.jp/teams/")
