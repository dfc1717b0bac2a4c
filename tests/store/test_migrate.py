from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import store.models  # noqa: F401
from store.db import make_engine
from store.migrate import MIGRATIONS_DIR, current_revision, head_revision, is_current, upgrade


def _schema_diff(eng: Engine) -> list:
    with eng.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, SQLModel.metadata)


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue("engine" if request.param == "sqlite" else "pg_engine")


def test_upgrade_reaches_head_and_matches_the_models(migrated: Engine) -> None:
    assert current_revision(migrated) == head_revision()
    assert is_current(migrated)
    assert _schema_diff(migrated) == [], (
        'store.models differs from the migrations: run `python -m store.migrate revision "what changed"`'
    )


def test_upgrade_twice_is_harmless(migrated: Engine) -> None:
    upgrade(migrated)
    assert is_current(migrated)


def test_fresh_store_has_no_version(tmp_path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current_revision(eng) is None
    assert not is_current(eng)


def test_migration_scripts_are_shipped_as_package_data() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert list((MIGRATIONS_DIR / "versions").glob("0001_*.py"))
