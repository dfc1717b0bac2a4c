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


def _staff_columns(eng: Engine) -> set[str]:
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(eng).get_columns("staff")}


def test_identities_migration_moves_the_chat_ids_to_rows_and_back(migrated: Engine) -> None:
    """0005_identities: staff.slack_user_id / teams_user_id become identity rows (a case that
    refers to the staff member survives the rebuilt table); downgrading puts them back."""
    from sqlalchemy import text

    from store.migrate import downgrade

    downgrade(migrated, "0004_actions_digest")
    try:
        with migrated.begin() as conn:
            conn.execute(text(
                "insert into staff (staff_id, name, role, slack_user_id, teams_user_id) values "
                "('S1', '佐藤', 'staff', 'U1', 'oid-1'), ('S2', '鈴木', 'staff', 'U2', NULL), "
                "('S3', '高橋', 'supervisor', NULL, '')"
            ))
            conn.execute(text("insert into area (area_code, name) values ('A1', '本町')"))
            conn.execute(text(
                "insert into taxpayer (taxpayer_id, birth_date, area_code) values ('P1', '1970-01-01', 'A1')"
            ))
            conn.execute(text(
                'insert into "case" (case_id, taxpayer_id, tax_kind, amount_due, oldest_due, status, '
                "staff_id, assignment_locked) values ('C1', 'P1', '住民税', 1000, '2020-05-31', 'open', 'S1', false)"
            ))
        upgrade(migrated)
        assert "slack_user_id" not in _staff_columns(migrated)
        with migrated.connect() as conn:
            rows = conn.execute(text("select surface, user_id, staff_id from staffidentity")).all()
            case_staff = conn.execute(text('select staff_id from "case"')).scalar_one()
        assert sorted(map(tuple, rows)) == [("slack", "U1", "S1"), ("slack", "U2", "S2"), ("teams", "oid-1", "S1")]
        assert case_staff == "S1"
        downgrade(migrated, "0004_actions_digest")
        with migrated.connect() as conn:
            back = conn.execute(
                text("select staff_id, slack_user_id, teams_user_id from staff order by staff_id")
            ).all()
        assert [tuple(r) for r in back] == [("S1", "U1", "oid-1"), ("S2", "U2", None), ("S3", None, None)]
    finally:
        with migrated.begin() as conn:
            conn.execute(text('delete from "case"'))
            conn.execute(text("delete from taxpayer"))
            conn.execute(text("delete from area"))
            conn.execute(text("delete from staff"))
        upgrade(migrated)
    assert is_current(migrated) and _schema_diff(migrated) == []
