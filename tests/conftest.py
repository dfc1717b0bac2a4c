"""Shared fixtures. Tests never touch the network (loopback only) or ../shared."""

from __future__ import annotations

import os

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Test apps load what they need on first use (a warm-up thread would outlive short tests).
os.environ.setdefault("CHOSHU_WARM_UP", "false")
# The audit chain's key for every store the tests make (production reads CHOSHU_AUDIT_KEY too;
# development would otherwise generate one under the default CHOSHU_HOME, ./var).
os.environ.setdefault("CHOSHU_AUDIT_KEY", "tests-audit-chain-key-0123456789abcdef")

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)
from store.db import make_engine
from store.migrate import upgrade


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test session, copied for each test (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


@pytest.fixture
def engine(tmp_path: Path, _migrated_sqlite_template: Path) -> Iterator[Engine]:
    """A fresh, migrated SQLite store in the test's own directory."""
    path = tmp_path / "store.db"
    shutil.copyfile(_migrated_sqlite_template, path)
    eng = make_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


def _pg_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture(scope="session")
def _pg_schema_engine() -> Iterator[Engine | str]:
    """A migrated PostgreSQL schema of this test process (xdist worker), dropped at the end;
    or the reason why there is none."""
    url = _pg_url()
    if url is None:
        yield "TEST_DATABASE_URL is not set (PostgreSQL tests skipped)"
        return
    admin = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # any driver error means: no usable server here
        admin.dispose()
        yield f"PostgreSQL at TEST_DATABASE_URL unreachable: {type(err).__name__}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_engine(_pg_schema_engine: Engine | str) -> Engine:
    """A migrated, empty PostgreSQL store (TEST_DATABASE_URL, e.g.
    postgresql://postgres@127.0.0.1:5432/test); skips when unset or unreachable.

    Each test process has a schema of its own (so parallel xdist workers never collide), and
    every table is emptied before each test.
    """
    if isinstance(_pg_schema_engine, str):
        pytest.skip(_pg_schema_engine)
    with _pg_schema_engine.begin() as conn:  # DELETE: much faster than TRUNCATE on tiny tables
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())
    return _pg_schema_engine


@dataclass
class DemoOffice:
    engine: Engine
    directory: Path
    truth_dir: Path
    url: str


@pytest.fixture(scope="session")
def demo_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoOffice]:
    """A small generated office (300 open cases, seed 7) imported into an SQLite file store.

    Shared by every test of the session (per xdist worker): read from it, never write to it;
    a test that changes data imports ``.directory`` into its own ``engine`` instead.
    """
    from bot.demo import generate_office
    from store.importer import import_directory

    base = tmp_path_factory.mktemp("demo-office")
    directory = Path(generate_office(out_dir=base / "office", cases=300, seed=7))
    url = f"sqlite:///{base / 'store.db'}"
    eng = make_engine(url)
    upgrade(eng)
    import_directory(engine=eng, directory=directory)
    yield DemoOffice(engine=eng, directory=directory, truth_dir=directory / "truth", url=url)
    with contextlib.suppress(Exception):
        eng.dispose()


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The chat tests' tiny office (``tests/tools/office.py``), built once per session."""
    from tests.tools import office

    path = tmp_path_factory.mktemp("chat-office") / "template.db"
    office.build(path)
    return path


@pytest.fixture
def office_engine(office_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the chat tests' tiny office (tools and bot tests)."""
    from tests.tools import office

    engine = office.copy_to(office_template, tmp_path / "store.db")
    yield engine
    engine.dispose()
