"""The generated demo office is a valid import directory (fixture: demo_office)."""

from __future__ import annotations

from store.importer import import_directory
from tests.store.conftest import counts


def test_demo_office_imports_cleanly_and_idempotently(demo_office) -> None:  # type: ignore[no-untyped-def]
    n = counts(demo_office.engine)
    assert n["case"] >= 300 and n["investigation"] > 0 and n["note"] > 0
    assert not (demo_office.directory / "truth" / "holdings.csv").parent.samefile(
        demo_office.directory
    )
    summary = import_directory(engine=demo_office.engine, directory=demo_office.directory)
    assert summary.warnings == []
    assert all(f.inserted == 0 and f.updated == 0 for f in summary.files)
    assert counts(demo_office.engine) == n
