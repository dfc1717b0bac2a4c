"""Two imports of the same office at once: the second waits for the first (and says so), then
finds its rows and adds nothing; one that cannot wait long enough stops with a clear reason."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from store.errors import Conflict
from store.importer import ImportSummary, import_directory
from tests.store.conftest import counts, snapshot
from tests.store.office import write_office
from tools.messages import error_text


def _slow_progress(seconds: float, inside: threading.Event | None = None) -> Any:
    """A progress callback that holds the first import inside its transaction (it holds the
    import lock by then) for a while; ``inside`` is set when it gets there."""
    slept = False

    def progress(file: str, done: int, total: int) -> None:
        nonlocal slept
        if not slept:
            slept = True
            if inside is not None:
                inside.set()
            time.sleep(seconds)

    return progress


def test_two_imports_started_apart_leave_exactly_one_imports_rows(store_engine: Engine, tmp_path: Path) -> None:
    directory = write_office(tmp_path / "office")
    reference = tmp_path / "ref.db"
    from store.db import make_engine
    from store.migrate import upgrade

    alone = make_engine(f"sqlite:///{reference}")
    upgrade(alone)
    import_directory(engine=alone, directory=directory)
    expected = counts(alone)
    alone.dispose()

    results: dict[str, ImportSummary | BaseException] = {}
    waited: list[str] = []

    def run(name: str, **kwargs: Any) -> None:
        try:
            results[name] = import_directory(engine=store_engine, directory=directory, **kwargs)
        except BaseException as err:
            results[name] = err

    holding = threading.Event()
    first = threading.Thread(target=run, args=("first",), kwargs={"progress": _slow_progress(1.5, holding)})
    second = threading.Thread(target=run, args=("second",), kwargs={"waiting": lambda: waited.append("x")})
    first.start()
    assert holding.wait(30)  # the first import holds the lock (not a guess of how long that takes)
    second.start()
    first.join(30)
    second.join(30)

    assert isinstance(results["first"], ImportSummary), results["first"]
    assert isinstance(results["second"], ImportSummary), results["second"]
    assert waited == ["x"]  # the second one said it was waiting, once
    assert results["second"].assignments == 0
    assert all(f.inserted == 0 for f in results["second"].files)
    assert counts(store_engine) == expected  # no duplicated assignment history, nothing else either


def test_an_import_that_cannot_wait_long_enough_stops_clearly_and_changes_nothing(
    store_engine: Engine, tmp_path: Path
) -> None:
    directory = write_office(tmp_path / "office")
    outcome: dict[str, Any] = {}

    def first() -> None:
        outcome["first"] = import_directory(engine=store_engine, directory=directory, progress=_slow_progress(3.0, holding))

    holding = threading.Event()
    thread = threading.Thread(target=first)
    thread.start()
    assert holding.wait(30)
    before = snapshot(store_engine)
    with pytest.raises(Conflict) as caught:
        import_directory(engine=store_engine, directory=directory, wait_seconds=0.5)
    assert "別の取り込み" in error_text(caught.value) and "何も変更していません" in error_text(caught.value)
    assert snapshot(store_engine) == before  # the refused import wrote nothing (the first is not yet committed)
    thread.join(30)
    assert isinstance(outcome["first"], ImportSummary)
