"""The weekly digest: sent once per staff member and ISO week, on the Slack and Teams fakes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from bot.digest import run_digest, week_start
from store.errors import InvalidInput
from store.models import AuditLog, Case, DigestSent, Investigation
from tests.bot.fake_slack import FakeSlack
from tests.tools import office

TODAY = dt.date(2026, 12, 7)  # a Monday, ISO week 2026-W50


@pytest.fixture
def news(office_engine: Engine) -> Engine:
    """A01's case 00042 prescribes in 30 days; an account was found last week for B01's 10003."""
    with Session(office_engine) as s:
        case = s.get(Case, office.CASE_ZERO)
        assert case is not None
        case.tax_kind, case.oldest_due = "国民健康保険料", dt.date(2024, 12, 31)  # prescribes 2026-12-31
        s.add(Investigation(case_id=office.CASE_B, date=TODAY - dt.timedelta(days=3), target_kind="deposit",
                            target_id="BK001", result="found", row_hash="inv-news"))
        s.commit()
    return office_engine


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


def test_digest_goes_by_slack_dm_once_per_week(news: Engine, tmp_path: Path, slack: FakeSlack) -> None:
    settings = office.settings_for(news, tmp_path, slack_bot_token="xoxb-test", slack_api_url=slack.url)
    first = run_digest(engine=news, settings=settings, day=TODAY, send=True)
    assert sorted(first.sent) == [(office.STAFF_A, "slack"), (office.STAFF_B, "slack")]
    posts = {p["channel"]: p["text"] for p in slack.of("chat.postMessage")}
    assert set(posts) == {office.SLACK_USER[office.STAFF_A], office.SLACK_USER[office.STAFF_B]}
    assert "案件00042 時効完成予定 2026-12-31（あと 24 日）" in posts[office.SLACK_USER[office.STAFF_A]]
    assert "案件10003 2026-12-04 みずほ銀行" in posts[office.SLACK_USER[office.STAFF_B]]
    again = run_digest(engine=news, settings=settings, day=TODAY + dt.timedelta(days=2), send=True)
    assert again.sent == [] and sorted(again.skipped) == [office.STAFF_A, office.STAFF_B]
    assert len(slack.of("chat.postMessage")) == 2
    with Session(news) as s:
        assert len(s.exec(select(DigestSent)).all()) == 2
        assert len(s.exec(select(AuditLog).where(AuditLog.action == "digest.sent")).all()) == 2
    next_week = run_digest(engine=news, settings=settings, day=TODAY + dt.timedelta(days=7), send=True)
    assert next_week.sent == [(office.STAFF_A, "slack")]  # the found account is older than a week by then


def test_digest_goes_by_teams_once_per_week(news: Engine, tmp_path: Path) -> None:
    connector = FakeSlack(answers={"conversations": {"id": "a:1digest"}})
    try:
        settings = office.settings_for(news, tmp_path, teams_service_url=connector.url)
        first = run_digest(engine=news, settings=settings, day=TODAY, send=True)
        assert sorted(first.sent) == [(office.STAFF_A, "teams"), (office.STAFF_B, "teams")]
        created = connector.of("conversations")
        assert sorted(c["members"][0]["id"] for c in created) == sorted(office.TEAMS_USER[s] for s in (office.STAFF_A, office.STAFF_B))
        texts = [a["text"] for a in connector.of("activities")]
        assert len(texts) == 2 and any("時効完成予定 2026-12-31" in x for x in texts)
        run_digest(engine=news, settings=settings, day=TODAY, send=True)
        assert len(connector.of("activities")) == 2
    finally:
        connector.close()


def test_without_a_channel_nothing_is_recorded_as_sent(news: Engine, tmp_path: Path) -> None:
    settings = office.settings_for(news, tmp_path)
    run = run_digest(engine=news, settings=settings, day=TODAY, send=True)
    assert run.sent == [] and sorted(run.unreachable) == [office.STAFF_A, office.STAFF_B]
    with Session(news) as s:
        assert s.exec(select(DigestSent)).all() == []


def test_cli_digest_prints_without_sending_and_refuses_a_bad_week(news: Engine) -> None:
    result = CliRunner().invoke(app, ["--db", str(news.url), "digest", "--week", "2026-W50"])
    assert result.exit_code == 0, result.output
    assert "【週次ダイジェスト 2026-W50】佐藤 花子さんへ" in result.output and "送信 0 件" in result.output
    bad = CliRunner().invoke(app, ["--db", str(news.url), "digest", "--week", "2026-50"])
    assert bad.exit_code == 2 and "2026-50" in bad.output
    with pytest.raises(InvalidInput):
        week_start("2026-W60")
