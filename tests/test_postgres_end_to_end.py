"""The whole path on PostgreSQL, as an office that outgrew one machine runs it: `choshu db
upgrade`, `demo-data`, `import`, `train`, `recommend`, `assign --apply`, then two web replicas
on the same store (dashboard plan run on one and applied on the other, case page, recorded
result, reassignment, audit log, search with a rating, web chat). Skipped without a reachable
TEST_DATABASE_URL; runs in a schema of its own, dropped at the end."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.web.app import create_app
from retrieval.corpus import BUNDLED_DIR
from retrieval.service import forget_searcher
from store.db import make_engine
from store.models import (
    AssignmentPlanRecord,
    AuditLog,
    Case,
    CaseAssignment,
    Investigation,
    Rating,
    Staff,
)
from store.settings import Settings, get_settings

pytestmark = pytest.mark.postgres
runner = CliRunner()


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """TEST_DATABASE_URL with ``search_path`` set to a fresh schema (created and dropped here)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL tests skipped)")
    admin = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # any driver error means: no usable server here
        admin.dispose()
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL unreachable: {type(err).__name__}")
    schema = f"e2e_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _run(url: str, *args: str) -> str:
    result = runner.invoke(cli, ["--db", url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _tiny_corpus(directory: Path) -> None:
    directory.mkdir(parents=True)
    with (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as src, (directory / "laws.jsonl").open("w", encoding="utf-8") as out:
        for line in src:
            rec = json.loads(line)
            if rec["source_id"] == "334AC0000000147" and rec["article_key"] in {"76", "153"}:
                out.write(line)


def test_an_office_runs_on_postgresql_end_to_end(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("CHOSHU_HOME", str(home))
    get_settings.cache_clear()
    try:
        _run(pg_url, "db", "upgrade")
        _run(pg_url, "demo-data", str(tmp_path / "office"), "--cases", "300")
        _run(pg_url, "import", str(tmp_path / "office"))
        _run(pg_url, "import", str(tmp_path / "office"))  # the same export again changes nothing
        _run(pg_url, "train")
        engine = make_engine(pg_url)
        with Session(engine) as s:
            case_id = s.exec(select(Case.case_id).where(Case.status == "open").order_by(Case.case_id)).first()
            boss = s.exec(select(Staff.staff_id).where(Staff.role == "supervisor").order_by(Staff.staff_id)).first()
            imported_history = s.exec(select(func.count()).select_from(CaseAssignment)).one()
        assert case_id and boss
        rec = json.loads(_run(pg_url, "recommend", case_id, "--json"))
        assert rec["case_id"] == case_id and rec["targets"]
        _run(pg_url, "assign", "--out", str(tmp_path / "assignment.csv"), "--apply")
        assert (tmp_path / "assignment.csv").read_text(encoding="utf-8").count("\n") > 300
        with Session(engine) as s:
            assert s.exec(select(func.count()).select_from(CaseAssignment)).one() >= imported_history

        _tiny_corpus(tmp_path / "corpus")
        settings = Settings(
            _env_file=None,
            database_url=pg_url,
            choshu_home=home,
            choshu_corpus_dir=tmp_path / "corpus",
            choshu_corpus_bundled=False,
            choshu_secret_key="test-secret-key-for-signing-cookies-only",
        )
        apps = [create_app(settings=settings) for _ in range(2)]
        with TestClient(apps[0]) as a, TestClient(apps[1]) as b:
            login = a.get("/login").text
            assert a.post("/login", data={"staff_id": boss, "csrf": _csrf(login)}, follow_redirects=False).status_code == 303
            b.cookies.update(a.cookies)
            assert a.get("/healthz").status_code == 200

            ran = a.post("/dashboard/run", data={"csrf": _csrf(a.get("/dashboard").text), "development_weight": "0.3"})
            assert ran.status_code == 200 and 'data-testid="chart-after"' in ran.text
            applied = b.post("/dashboard/apply", data={"csrf": _csrf(ran.text)})
            assert applied.status_code == 200 and "件の担当者を変更" in applied.text

            page = b.get(f"/cases/{case_id}")
            assert page.status_code == 200 and case_id in page.text
            r = a.post(
                f"/cases/{case_id}/results",
                data={"csrf": _csrf(page.text), "target_kind": "real_estate", "result": "not_found"},
            )
            assert r.status_code == 200
            with Session(engine) as s:
                holder = s.get(Case, case_id).staff_id  # type: ignore[union-attr]
                other = s.exec(select(Staff.staff_id).where(Staff.staff_id != holder, Staff.role == "staff").order_by(Staff.staff_id)).first()
            r = b.post(f"/cases/{case_id}/reassign", data={"csrf": _csrf(page.text), "to_staff_id": other, "unlock": "true"})
            assert r.status_code == 200, r.text

            found = a.get("/search", params={"q": "給料の差押禁止"})
            assert found.status_code == 200 and "第七十六条" in found.text
            doc_id = re.search(r'name="doc_id" value="([^"]+)"', found.text).group(1)  # type: ignore[union-attr]
            r = b.post("/search/rate", data={"csrf": _csrf(found.text), "doc_id": doc_id, "query": "給料の差押禁止", "value": "1"})
            assert r.status_code == 200

            chat = a.get("/").text
            token = chat[chat.index('data-csrf="') + len('data-csrf="'):].split('"', 1)[0]
            answer = b.post("/chat/api", json={"text": f"案件{case_id}の概要"}, headers={"X-CSRF-Token": token})
            assert answer.status_code == 200 and answer.json()["reply"]["ok"]
            assert a.get("/audit").status_code == 200
        for web in apps:
            web.state.engine.dispose()

        with Session(engine) as s:
            assert s.exec(select(AssignmentPlanRecord.applied_at)).one() is not None
            assert s.exec(select(Investigation).where(Investigation.case_id == case_id, Investigation.source == "web")).first()
            assert s.exec(select(CaseAssignment).where(CaseAssignment.case_id == case_id, CaseAssignment.changed_by == boss)).first()
            assert s.exec(select(func.count()).select_from(Rating)).one() == 1
            actions = set(s.exec(select(AuditLog.action)).all())
        engine.dispose()
        assert {"web.assign_cases", "apply_assignment", "reassign_case", "case_summary"} <= actions
    finally:
        forget_searcher(settings=Settings(_env_file=None, choshu_home=home, choshu_corpus_dir=tmp_path / "corpus", choshu_corpus_bundled=False))
        get_settings.cache_clear()
