"""`recommend`, `recommend --case-ids-file` and `inquiries` show or export taxpayer data: each
run writes an audit row (the OS account, the terminal, the case or the count and purpose)."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from store.models import AuditLog
from store.settings import get_settings
from tests.investigation.conftest import Tiny

runner = CliRunner()
ME = pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture
def office(tiny_copy: Tiny, monkeypatch: pytest.MonkeyPatch) -> Iterator[Tiny]:
    monkeypatch.setenv("CHOSHU_HOME", str(tiny_copy.model_dir.parent))
    get_settings.cache_clear()
    with Session(tiny_copy.engine) as s:
        tiny_copy.audit_before = max([r.id or 0 for r in s.exec(select(AuditLog)).all()], default=0)  # type: ignore[attr-defined]
    yield tiny_copy
    get_settings.cache_clear()


def _audit(office: Tiny) -> list[AuditLog]:
    """The rows this test wrote (the shared office may hold other tests' rows)."""
    with Session(office.engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.id > office.audit_before).order_by(AuditLog.id)).all())


def test_recommend_for_one_case_is_audited(office: Tiny) -> None:
    r = runner.invoke(app, ["--db", office.url, "recommend", "000108"])
    assert r.exit_code == 0, r.output
    [row] = _audit(office)
    assert (row.action, row.case_id, row.surface, row.os_user) == ("recommend_targets", "000108", "cli", ME)
    assert row.origin  # a terminal, or "no-tty"


def test_the_batch_recommendation_is_audited_with_its_count(office: Tiny, tmp_path: Path) -> None:
    ids = tmp_path / "ids.csv"
    ids.write_text("case_id\n000108\n000109\n", encoding="utf-8")
    r = runner.invoke(
        app, ["--db", office.url, "recommend", "--case-ids-file", str(ids), "--top", "3", "--out", str(tmp_path / "r.csv")]
    )
    assert r.exit_code == 0, r.output
    [row] = _audit(office)
    assert row.action == "export.recommend" and "cases=2" in (row.detail or "") and row.os_user == ME


def test_the_inquiry_batch_is_audited_with_its_count_and_purpose(office: Tiny, tmp_path: Path) -> None:
    out = tmp_path / "batch.csv"
    r = runner.invoke(app, ["--db", office.url, "inquiries", "--budget-yen", "5000", "--out", str(out)])
    assert r.exit_code == 0, r.output
    written = len(out.read_text(encoding="utf-8").splitlines()) - 1
    [row] = _audit(office)
    assert row.action == "export.inquiries" and row.os_user == ME
    assert f"rows={written}" in (row.detail or "") and "name_kana" in (row.detail or "")
