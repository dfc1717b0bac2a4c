"""The command line is audited: who (the OS account), from which terminal, what; `chat --as`
records the OS user and is refused in production; `import` says whether roles or chat ids
changed."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from store.db import make_engine
from store.models import AuditLog
from store.settings import get_settings
from tests.store.office import BASE, write_office

runner = CliRunner()
ME = pwd.getpwuid(os.getuid()).pw_name


def _rows(url: str) -> list[AuditLog]:
    engine = make_engine(url)
    with Session(engine) as s:
        rows = list(s.exec(select(AuditLog).order_by(AuditLog.id)).all())
    engine.dispose()
    return rows


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("CHOSHU_ENV", "production")
    monkeypatch.setenv("CHOSHU_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CHOSHU_DEMO_LOGIN", "false")
    monkeypatch.setenv("CHOSHU_SECRET_KEY", "p" * 40)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_import_writes_one_audit_row_saying_whether_roles_or_chat_ids_changed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "o"))]).exit_code == 0
    again = runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "o"))])
    assert again.exit_code == 0
    promoted = BASE["staff.csv"].replace("S02,鈴木 一郎,staff", "S02,鈴木 一郎,supervisor")  # type: ignore[union-attr]
    r = runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "p", {"staff.csv": promoted}))])
    assert r.exit_code == 0, r.output
    rows = [r for r in _rows(url) if r.action == "import"]
    assert len(rows) == 3
    assert all(r.surface == "cli" and r.os_user == ME and r.origin for r in rows)
    assert "roles_changed=none" in (rows[1].detail or "")
    assert "roles_changed=S02" in (rows[2].detail or "") and "chat_ids_changed=none" in (rows[2].detail or "")
    assert "staff.csv" in (rows[2].detail or "")


def test_a_refused_import_is_audited_as_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    bad = write_office(tmp_path / "bad", {"cases.csv": "case_id,taxpayer_id\n1,T0001\n"})
    assert runner.invoke(app, ["--db", url, "import", str(bad)]).exit_code != 0
    [row] = [r for r in _rows(url) if r.action == "import"]
    assert not row.allowed and row.os_user == ME


def test_chat_as_records_the_os_user_beside_the_staff_id(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "o"))])
    r = runner.invoke(app, ["--db", url, "chat", "--as", "S02"], input="00123の概要\nexit\n")
    assert r.exit_code == 0, r.output
    rows = [r for r in _rows(url) if r.staff_id == "S02"]
    assert {r.action for r in rows} >= {"cli.chat_as", "case_summary"}
    assert all(r.os_user == ME for r in rows)


def test_chat_as_is_refused_in_production_unless_allowed(tmp_path: Path, production: None, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "o"))])
    r = runner.invoke(app, ["--db", url, "chat", "--as", "S02"], input="00123の概要\nexit\n")
    assert r.exit_code != 0
    assert "CHOSHU_CLI_CHAT_IN_PRODUCTION" in r.output
    refused = [x for x in _rows(url) if x.action == "cli.chat_as"]
    assert [(x.allowed, x.os_user) for x in refused] == [(False, ME)]
    assert not [x for x in _rows(url) if x.action == "case_summary"]

    monkeypatch.setenv("CHOSHU_CLI_CHAT_IN_PRODUCTION", "true")
    get_settings.cache_clear()
    r = runner.invoke(app, ["--db", url, "chat", "--as", "S02"], input="00123の概要\nexit\n")
    assert r.exit_code == 0, r.output
    assert [x.os_user for x in _rows(url) if x.action == "case_summary"] == [ME]
