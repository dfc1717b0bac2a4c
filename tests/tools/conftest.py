from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.tools import office


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chat-office") / "template.db"
    office.build(path)
    return path


@pytest.fixture
def office_engine(office_template: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = office.copy_to(office_template, tmp_path / "store.db")
    yield engine
    engine.dispose()
