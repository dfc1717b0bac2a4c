"""After an import on PostgreSQL the planner knows the tables' sizes (ANALYZE), so the first
questions after a morning import use their indexes instead of scanning whole tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.importer import import_directory
from tests.store.office import write_office


def _planner_rows(engine: Engine, table: str) -> float:
    with engine.connect() as conn:
        # reltuples: the planner's row count; -1 for a table never analysed (PostgreSQL 14+)
        return float(conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"), {"t": table}).scalar_one())


def _rows(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())


@pytest.mark.postgres
def test_an_import_on_postgresql_leaves_the_planner_knowing_each_tables_size(pg_engine: Engine, tmp_path: Path) -> None:
    import_directory(engine=pg_engine, directory=write_office(tmp_path / "office"))
    for table in ("case", "investigation", "note", "taxpayer"):
        assert _rows(pg_engine, table) > 0
        assert _planner_rows(pg_engine, table) == _rows(pg_engine, table), table

