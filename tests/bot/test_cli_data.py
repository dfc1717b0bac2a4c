"""`choshu db upgrade` and `choshu import` as an officer runs them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from store.db import make_engine
from store.migrate import is_current
from tests.store.office import write_office
from tools.messages import t

runner = CliRunner()


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(app, ["--db", url, "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert is_current(make_engine(url))


def test_import_prints_a_summary_and_succeeds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(app, ["--db", url, "import", str(write_office(tmp_path / "o"))])
    assert result.exit_code == 0, result.output
    assert t("import.summary_title") in result.output
    assert "cases.csv" in result.output


def test_refused_import_prints_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    bad = write_office(
        tmp_path / "bad",
        {
            "cases.csv": "case_id,taxpayer_id,tax_kind,amount_due,oldest_due\n1,T0001,住民税,abc,2024-01-01\n",
            "notes.csv": b"",
        },
    )
    result = runner.invoke(app, ["--db", url, "import", str(bad)])
    assert result.exit_code == 2
    assert "cases.csv:2: amount_due: " + t("import.bad_int", value="abc") in result.output
    assert "notes.csv:1: -: " + t("import.empty_file") in result.output


def test_doctor_exits_non_zero_until_the_schema_exists(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(app, ["--db", url, "doctor"])
    assert result.exit_code == 1
    assert "choshu db upgrade" in result.output
    runner.invoke(app, ["--db", url, "db", "upgrade"])
    result = runner.invoke(app, ["--db", url, "doctor"])
    assert result.exit_code == 0, result.output
    assert "choshu import DIR" in result.output


def test_bootstrap_imports_the_demo_office_into_an_empty_store(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import joblib

    from store.settings import get_settings

    home = tmp_path / "home"
    # An index already there: bootstrap must say so and not rebuild it. A model of an older
    # version is there too: bootstrap trains a new one (the chat could not use the old one).
    (home / "models").mkdir(parents=True)
    joblib.dump({"schema_version": 1}, home / "models" / "recommender.joblib")
    (home / "index").mkdir()
    (home / "index" / "meta.json").write_text("{}")
    monkeypatch.setenv("CHOSHU_HOME", str(home))
    get_settings.cache_clear()
    try:
        url = f"sqlite:///{tmp_path / 'c.db'}"
        result = runner.invoke(app, ["--db", url, "bootstrap", "--cases", "60", "--seed", "3"])
        assert result.exit_code == 0, result.output
        assert (home / "demo-office" / "cases.csv").is_file()
        model = home / "models" / "recommender.joblib"
        assert t("bootstrap.model_outdated", path=model) in result.output.replace("\n", "")
        assert joblib.load(model)["schema_version"] > 1
        assert t("bootstrap.index_exists", path=home / "index") in result.output.replace("\n", "")
        again = runner.invoke(app, ["--db", url, "bootstrap"])
        assert again.exit_code == 0
        assert "cases.csv" not in again.output  # nothing imported twice
        assert t("bootstrap.model_exists", path=model) in again.output.replace("\n", "")
    finally:
        get_settings.cache_clear()
