"""Web fixtures: a tiny office in a fresh store, the app on it, and logged-in clients."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.web.app import create_app
from store.models import Area, Case, Staff, Taxpayer
from store.settings import Settings

SECRET = "test-secret-key-for-signing-cookies-only"


def web_settings(url: str, **overrides: object) -> Settings:
    """Settings for a test app: the given store, a test secret, CHOSHU_HOME beside the store."""
    values: dict[str, object] = {
        "database_url": url,
        "choshu_home": str(Path(url.split("///", 1)[-1]).parent / "home"),
        "choshu_secret_key": SECRET,
        "choshu_demo_login": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def tiny_office(engine: Engine) -> Engine:
    """Two teams (A, B), a supervisor, three staff, one case per staff member."""
    with Session(engine) as s:
        s.add(Area(area_code="001", name="本町一丁目"))
        s.add_all(
            [
                Staff(staff_id="S01", name="山田 係長", role="supervisor", team="A"),
                Staff(staff_id="A01", name="佐藤 花子", role="staff", team="A"),
                Staff(staff_id="A02", name="鈴木 一郎", role="staff", team="A"),
                Staff(staff_id="B01", name="高橋 次郎", role="staff", team="B"),
            ]
        )
        for i in (1, 2, 3):
            s.add(
                Taxpayer(
                    taxpayer_id=f"T{i}",
                    birth_date=date(1970, 1, i),
                    area_code="001",
                    name=f"納税者{i}",
                )
            )
        s.flush()
        for i, staff_id in enumerate(("A01", "A02", "B01"), start=1):
            s.add(
                Case(
                    case_id=f"1000{i}",
                    taxpayer_id=f"T{i}",
                    tax_kind="住民税",
                    amount_due=100_000 * i,
                    oldest_due=date(2023, 5, 31),
                    staff_id=staff_id,
                )
            )
        s.commit()
    return engine


@pytest.fixture
def make_client(tiny_office: Engine) -> Iterator[Callable[..., TestClient]]:
    """A client on a fresh app over the tiny office; keyword arguments override settings."""
    opened: list[TestClient] = []

    def _make(**overrides: object) -> TestClient:
        app = create_app(settings=web_settings(str(tiny_office.url), **overrides))
        c = TestClient(app)
        c.__enter__()
        opened.append(c)
        return c

    yield _make
    for c in opened:
        c.__exit__(None, None, None)
        c.app.state.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def csrf_of(client: TestClient) -> str:
    """The CSRF token the login page hands out (and that every later form carries)."""
    page = client.get("/login")
    marker = 'name="csrf" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


@pytest.fixture
def csrf() -> Callable[[TestClient], str]:
    return csrf_of


def log_in(client: TestClient, staff_id: str) -> TestClient:
    """Log ``client`` in as ``staff_id`` through the demo login form."""
    r = client.post("/login", data={"staff_id": staff_id, "csrf": csrf_of(client)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


@pytest.fixture
def login(client: TestClient) -> Callable[[str], TestClient]:
    return functools.partial(log_in, client)


def copy_sqlite(source_url: str, target: Path) -> str:
    """A private copy of an SQLite store (the backup API: safe while others read it)."""
    src = sqlite3.connect(source_url.split("///", 1)[-1])
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return f"sqlite:///{target}"


@pytest.fixture
def office_url(demo_office, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The shared demo office (300 cases, 15 staff in three teams), copied for this test only:
    the web writes audit rows and assignments, and the shared store must stay as it was."""
    return copy_sqlite(demo_office.url, tmp_path / "office.db")


@pytest.fixture
def office_client(office_url: str) -> Iterator[TestClient]:
    app = create_app(settings=web_settings(office_url))
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


@pytest.fixture
def office_login(office_client: TestClient) -> Callable[[str], TestClient]:
    return functools.partial(log_in, office_client)


@pytest.fixture
def office_people(office_url: str) -> dict[str, list[Staff]]:
    """The office's staff by role: ``supervisor`` and ``staff``, in staff-id order."""
    from sqlmodel import create_engine, select

    eng = create_engine(office_url)
    with Session(eng) as s:
        people = sorted(s.exec(select(Staff)).all(), key=lambda p: p.staff_id)
    eng.dispose()
    return {
        "supervisor": [p for p in people if p.role == "supervisor"],
        "staff": [p for p in people if p.role == "staff"],
    }
