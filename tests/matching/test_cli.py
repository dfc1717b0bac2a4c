"""`choshu assign` and `choshu evaluate assignment` as a user runs them."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app
from tests.matching.office import build_office

runner = CliRunner()


def _url(engine: Engine) -> str:
    return str(engine.url)


def test_assign_writes_the_contract_table_and_a_summary_beside_it(engine: Engine, tmp_path: Path) -> None:
    ids = build_office(engine)
    out = tmp_path / "assignment.csv"
    result = runner.invoke(app, ["--db", _url(engine), "assign", "--out", str(out), "--development-weight", "0.5"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["case_id", "staff_id", "difficulty", "staff_level", "expected_hours"]
    assert sorted(r["case_id"] for r in rows) == ids
    summary = (tmp_path / "assignment-summary.csv").read_text(encoding="utf-8").splitlines()
    assert summary[0].startswith("staff_id,name,staff_level,cases,easy,medium,hard,expected_hours")
    assert len(summary) == 1 + 4
    text = "".join(result.output.split())
    assert "育成の重み0.5" in text
    assert "反映するには`--apply`" in text


def test_assign_with_too_little_capacity_exits_nonzero_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    build_office(engine, capacity={"S01": 5, "A01": 5, "A02": 5, "A03": 5})
    out = tmp_path / "assignment.csv"
    result = runner.invoke(app, ["--db", _url(engine), "assign", "--out", str(out)])
    assert result.exit_code != 0
    # the supervisor (S01, no cases) takes nothing new by default: 40 cases, 15 places
    assert "25件不足" in "".join(result.output.split())  # the console may wrap the line
    assert not out.exists() and not (tmp_path / "assignment-summary.csv").exists()


def test_evaluate_assignment_prints_model_and_baselines(engine: Engine) -> None:
    build_office(engine)
    result = runner.invoke(app, ["--db", _url(engine), "evaluate", "assignment", "--holdout-year", "2024"])
    assert result.exit_code == 0, result.output
    assert "global_mean" in result.output and "round-robin" in result.output


def test_assign_apply_writes_the_plan_with_history(engine: Engine, tmp_path: Path) -> None:
    from sqlmodel import Session, select

    from store.models import CaseAssignment

    build_office(engine)
    out = tmp_path / "assignment.csv"
    result = runner.invoke(app, ["--db", _url(engine), "assign", "--out", str(out), "--apply"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        planned = {r["case_id"]: r["staff_id"] for r in csv.DictReader(fh)}
    with Session(engine) as session:
        history = session.exec(select(CaseAssignment)).all()
        assert history and all(h.surface == "cli" for h in history)
        assert all(planned[h.case_id] == h.staff_id for h in history)
    assert "履歴に記録" in "".join(result.output.split())


def test_assign_without_work_log_says_it_used_experience(engine: Engine, tmp_path: Path) -> None:
    build_office(engine, work_log=False)
    result = runner.invoke(app, ["--db", _url(engine), "assign", "--out", str(tmp_path / "a.csv")])
    assert result.exit_code == 0, result.output
    assert "経験年数から推定" in "".join(result.output.split())
