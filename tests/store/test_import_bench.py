from __future__ import annotations

from pathlib import Path

from store.importer.bench import run_import_bench
from tests.store.office import write_office


def test_bench_times_the_import_and_a_naive_baseline(tmp_path: Path) -> None:
    result = run_import_bench(office=write_office(tmp_path / "o"), sample=10)
    assert result.rows == 21 and result.seconds > 0
    assert result.baseline_rows >= 10 and result.baseline_estimate > 0
    assert result.speedup > 0
