"""The loader and a recommendation on PostgreSQL (skipped when no server is reachable)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from investigation import service
from store.importer import import_directory
from tests.investigation.office import write_office


@pytest.mark.postgres
def test_train_and_recommend_on_postgresql(pg_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_directory(engine=pg_engine, directory=write_office(tmp_path / "office"))
    with Session(pg_engine) as session:
        service.train(session=session, model_dir=tmp_path / "models")
        rec = service.recommend_case(session=session, case_id="000108", model_dir=tmp_path / "models")
        closed = service.recommend_case(session=session, case_id="000101", model_dir=tmp_path / "models")
    assert len(rec.targets) == 5 and all(x.reasons for x in rec.targets)
    assert closed.targets == []
