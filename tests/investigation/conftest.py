"""A tiny office imported once per session and a model trained on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from investigation import service
from store.db import make_engine
from store.importer import import_directory
from tests.investigation.office import write_office


@dataclass
class Tiny:
    engine: Engine
    url: str
    db: Path
    model_dir: Path
    directory: Path


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory, _migrated_sqlite_template: Path) -> Iterator[Tiny]:
    base = tmp_path_factory.mktemp("tiny-office")
    db = base / "store.db"
    shutil.copyfile(_migrated_sqlite_template, db)
    url = f"sqlite:///{db}"
    eng = make_engine(url)
    directory = write_office(base / "office")
    import_directory(engine=eng, directory=directory)
    model_dir = base / "home" / "models"
    with Session(eng) as session:
        service.train(session=session, model_dir=model_dir)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    yield Tiny(eng, url, db, model_dir, directory)
    eng.dispose()


@pytest.fixture
def tiny_copy(tiny: Tiny, tmp_path: Path) -> Iterator[Tiny]:
    """A private copy of the tiny office, for tests that write."""
    with tiny.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db = tmp_path / "store.db"
    shutil.copyfile(tiny.db, db)
    model_dir = tmp_path / "home" / "models"
    shutil.copytree(tiny.model_dir, model_dir)
    url = f"sqlite:///{db}"
    eng = make_engine(url)
    yield Tiny(eng, url, db, model_dir, tiny.directory)
    eng.dispose()
