"""Shared fixtures. Tests never touch the network (loopback only) or ../shared."""

from __future__ import annotations

import os

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.db import make_engine
from store.migrate import upgrade


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated SQLite store in the test's own directory."""
    eng = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def _pg_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A migrated PostgreSQL store in a schema of its own (dropped afterwards).

    Uses TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test); skips when it is
    unset or unreachable. The schema is named per test, so parallel xdist workers never collide.
    """
    url = _pg_url()
    if url is None:
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL tests skipped)")
    admin = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # any driver error means: no usable server here
        admin.dispose()
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL unreachable: {type(err).__name__}")
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


@dataclass
class DemoOffice:
    engine: Engine
    directory: Path
    truth_dir: Path
    url: str


@pytest.fixture(scope="session")
def demo_office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoOffice]:
    """A small generated office (300 cases, seed 7) imported into an SQLite file store."""
    try:
        from store.demo import generate_office
    except ImportError:
        pytest.skip("store.demo.generate_office is not built yet (issue 2, generator)")
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
