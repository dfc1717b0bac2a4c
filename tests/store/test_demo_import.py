"""The generated demo office is a valid import directory (fixture: demo_office)."""

from __future__ import annotations

from store.importer import import_directory
from tests.store.conftest import counts


def test_demo_office_imports_cleanly_and_idempotently(demo_office) -> None:  # type: ignore[no-untyped-def]
    n = counts(demo_office.engine)
    assert n["case"] >= 300 and n["investigation"] > 0 and n["note"] > 0
    summary = import_directory(engine=demo_office.engine, directory=demo_office.directory)
    imported = {f.file for f in summary.files}
    assert imported == {p.name for p in demo_office.directory.glob("*.csv")}  # every import file
    assert imported.isdisjoint(p.name for p in demo_office.truth_dir.glob("*.csv"))  # never the answers
    assert summary.warnings == []
    assert all(f.inserted == 0 and f.updated == 0 for f in summary.files)
    assert counts(demo_office.engine) == n
