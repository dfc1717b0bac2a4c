"""`choshu bench recommend`: the CLI generates the office once, the benchmark imports it once."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def test_bench_recommend_generates_and_imports_the_office_once(tmp_path: Path) -> None:
    args = ["bench", "recommend", "--cases", "200", "--samples", "3", "--work-dir", str(tmp_path)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "generating 200 cases" in first.stdout and "importing" in first.stdout
    assert "one recommendation: p50" in first.stdout and "all open cases" in first.stdout
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "generating" not in second.stdout and "importing" not in second.stdout
    assert "one recommendation: p50" in second.stdout
