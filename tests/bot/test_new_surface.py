"""A new chat surface is one adapter plus its ``register(...)`` in ``bot.surfaces``: a fake LINE WORKS,
registered by a fixture, gets a `choshu doctor` row, its staff.csv column imports into identity
rows, and its endpoint answers the staff member those rows name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import APIRouter, Request
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from bot.surface import Surface
from bot.surfaces import SURFACES, build_routers, register
from store import crud
from store.checks import Check
from store.db import make_engine
from store.models import AuditLog, unregister_surface
from store.settings import Settings
from tests.store.office import write_office
from tools.messages import MESSAGES, t

runner = CliRunner()
STAFF_CSV = (
    "staff_id,name,role,slack_user_id,lineworks_user_id\n"
    "S01,佐藤 花子,supervisor,U001,lw-001\n"
    "S02,鈴木 一郎,staff,U002,lw-002\n"
    "S03,佐藤 次郎,staff,,\n"
)


def _lineworks_router(settings: Settings) -> APIRouter:
    """The adapter: a callback payload → IncomingMessage → dispatch → the reply's text."""
    router = APIRouter()

    @router.post("/lineworks/callback")
    def callback(payload: dict[str, str], request: Request) -> dict[str, str]:
        from bot.chat.incoming import IncomingMessage
        from bot.chat.service import dispatcher_for
        from bot.terminal import render_terminal

        msg = IncomingMessage(surface="lineworks", user_ref=payload["userId"], text=payload["text"])
        reply = dispatcher_for(request.app, settings).dispatch(msg)
        return {"text": render_terminal(reply)[0] if reply else ""}

    return router


@pytest.fixture
def lineworks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Surface]:
    surface = Surface(
        name="lineworks",
        label="LINE WORKS",
        check=lambda settings: Check("doctor.check.lineworks", "info", "doctor.lineworks_off"),
        mode=lambda settings: "off",
        routers=lambda settings: [_lineworks_router(settings)],
    )
    monkeypatch.setitem(MESSAGES, "doctor.check.lineworks", {"ja": "LINE WORKS"})
    monkeypatch.setitem(MESSAGES, "doctor.lineworks_off", {"ja": "未設定（LINE WORKS の設定なし）"})
    register(surface)
    yield surface
    SURFACES.remove(surface)
    unregister_surface(surface.name)


def _office(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert runner.invoke(app, ["--db", url, "db", "upgrade"]).exit_code == 0
    return url, write_office(tmp_path / "o", {"staff.csv": STAFF_CSV})


def test_a_registered_surface_has_its_row_in_doctor(tmp_path: Path, lineworks: Surface) -> None:
    url, _ = _office(tmp_path)
    result = runner.invoke(app, ["--db", url, "doctor"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "Microsoft Teams" in line or "LINE WORKS" in line]
    assert len(rows) == 2 and "Microsoft Teams" in rows[0]  # in the order of the list
    assert "未設定（LINE WORKS の設定なし）" in rows[1]


def test_a_registered_surfaces_column_imports_into_identity_rows(tmp_path: Path, lineworks: Surface) -> None:
    url, directory = _office(tmp_path)
    result = runner.invoke(app, ["--db", url, "import", str(directory)])
    assert result.exit_code == 0, result.output
    assert "lineworks_user_id" not in result.output  # no unknown-column warning
    with Session(make_engine(url)) as session:
        assert crud.identities_of(session=session, staff_id="S02") == {"lineworks": "lw-002", "slack": "U002"}
        found = crud.find_staff_by_identity(session=session, surface="lineworks", user_id="lw-001")
        assert found is not None and found.staff_id == "S01"


def test_without_the_surface_its_column_is_an_unknown_one(tmp_path: Path) -> None:
    url, directory = _office(tmp_path)
    result = runner.invoke(app, ["--db", url, "import", str(directory)])
    assert result.exit_code == 0, result.output
    assert "staff.csv:1: lineworks_user_id: " + t("import.unknown_column") in result.output
    with Session(make_engine(url)) as session:
        assert crud.list_identities(session=session, surface="lineworks") == []
        assert crud.identities_of(session=session, staff_id="S02") == {"slack": "U002"}  # the contract's


def test_a_registered_surface_is_mounted_and_answers_the_staff_member_its_ids_name(
    tmp_path: Path, lineworks: Surface
) -> None:
    from bot.web.app import create_app

    url, directory = _office(tmp_path)
    assert runner.invoke(app, ["--db", url, "import", str(directory)]).exit_code == 0
    settings = Settings(
        _env_file=None, database_url=url, choshu_home=tmp_path / "home",  # type: ignore[call-arg]
        choshu_secret_key="test-secret-key-for-signing-cookies-only",
    )
    assert any(r for r in build_routers(settings) if any(getattr(x, "path", "") == "/lineworks/callback" for x in r.routes))
    web = create_app(settings=settings)
    with TestClient(web) as client:
        known = client.post("/lineworks/callback", json={"userId": "lw-002", "text": "00123の概要"}).json()["text"]
        stranger = client.post("/lineworks/callback", json={"userId": "lw-999", "text": "何ができるの？"}).json()["text"]
    web.state.engine.dispose()
    assert stranger == t("chat.unknown_user")
    assert "00123" in known and known != stranger
    with Session(make_engine(url)) as session:
        rows = session.exec(select(AuditLog).where(AuditLog.surface == "lineworks")).all()
    assert ("S02", "case_summary", "00123") in {(r.staff_id, r.action, r.case_id) for r in rows}

