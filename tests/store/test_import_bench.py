from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from store.db import make_engine
from store.errors import InvalidInput
from store.importer import import_directory
from store.importer.bench import run_import_bench
from store.migrate import upgrade
from tests.store.office import write_office


def test_bench_times_the_import_and_a_naive_baseline(tmp_path: Path) -> None:
    result = run_import_bench(office=write_office(tmp_path / "o"), sample=10)
    assert result.rows == 21 and result.seconds > 0
    assert result.baseline_rows >= 10
    # The baseline is timed on a sample and extrapolated to every row: the figure shown as
    # "~N s for all" is at least the sample's time, and the speed-up is its ratio to the import.
    assert result.baseline_estimate >= result.baseline_seconds > 0
    assert result.speedup == pytest.approx(result.baseline_estimate / result.seconds)


def test_bench_refuses_a_store_that_is_not_empty(tmp_path: Path) -> None:
    office = write_office(tmp_path / "o")
    url = f"sqlite:///{tmp_path / 'full.db'}"
    engine = make_engine(url)
    upgrade(engine)
    import_directory(engine=engine, directory=office)
    with pytest.raises(InvalidInput, match="is not empty"):
        run_import_bench(office=office, url=url, sample=10)


def test_bench_import_generates_the_office_once_and_reuses_it(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["bench", "import", "--cases", "150", "--sample", "20", "--work-dir", str(tmp_path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "件の事務所を作成しています" in first.stdout and "作成済み" not in first.stdout
    assert "取込ベンチマーク" in first.stdout and "speed-up over baseline" in first.stdout
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "作成済みの事務所を使います" in second.stdout and "作成しています" not in second.stdout
