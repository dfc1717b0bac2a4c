"""Hostile or absurd export files: each is refused with ``file:line: column: reason``, the store
is left as it was, and nothing raises a traceback (10^30 yen, 9999-12-31, ``=1+2`` as an ID,
U+202E in a name, a symbolic link to /etc/passwd, a FIFO)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app
from store.errors import ImportRefused
from store.importer import import_directory
from tests.store.conftest import snapshot
from tests.store.office import BASE, write_office
from tools.messages import problem_text

TAXPAYERS = "taxpayer_id,birth_date,area_code,name,household_size,income_salary,income_business,employer_id,fixed_asset_tax,welfare_recipient\n"
CASES = "case_id,taxpayer_id,tax_kind,amount_due,oldest_due,periods,status,staff_id,opened_on\n"

HOSTILE = {
    "amount_1e30": (
        {"cases.csv": CASES + "00123,T0001,住民税,1" + "0" * 30 + ",2023-05-31,4,open,S02,2023-08-01\n00124,T0002,国民健康保険料,56000,2022-07-31,,,S03,\n"},
        "cases.csv:2: amount_due: 数値が大きすぎます",
    ),
    "amount_above_a_trillion": (
        {"cases.csv": CASES + "00123,T0001,住民税,1000000000001,2023-05-31,4,open,S02,2023-08-01\n00124,T0002,国民健康保険料,56000,2022-07-31,,,S03,\n"},
        "cases.csv:2: amount_due: 範囲外の値です",
    ),
    "negative_count": (
        {"cases.csv": CASES + "00123,T0001,住民税,120000,2023-05-31,-4,open,S02,2023-08-01\n00124,T0002,国民健康保険料,56000,2022-07-31,,,S03,\n"},
        "cases.csv:2: periods: 負の値は使えません",
    ),
    "birth_9999": (
        {"taxpayers.csv": TAXPAYERS + "T0001,9999-12-31,A01,山田 太郎,3,4200000,,E001,1,0\nT0002,1985-12-31,A02,田中 美咲,1,,-120000,,0,0\n"},
        "taxpayers.csv:2: birth_date: ありえない日付です",
    ),
    "due_before_1900": (
        {"cases.csv": CASES + "00123,T0001,住民税,120000,1899-12-31,4,open,S02,2023-08-01\n00124,T0002,国民健康保険料,56000,2022-07-31,,,S03,\n"},
        "cases.csv:2: oldest_due: ありえない日付です",
    ),
    "formula_id": (
        {"taxpayers.csv": TAXPAYERS + "=1+2,1970-04-01,A01,山田 太郎,3,4200000,,E001,1,0\nT0002,1985-12-31,A02,田中 美咲,1,,-120000,,0,0\n"},
        "taxpayers.csv:2: taxpayer_id: IDとして使えない形です",
    ),
    "rtl_override_in_name": (
        {"taxpayers.csv": TAXPAYERS + "T0001,1970-04-01,A01,山田\u202e郎太,3,4200000,,E001,1,0\nT0002,1985-12-31,A02,田中 美咲,1,,-120000,,0,0\n"},
        "taxpayers.csv:2: name: 文字の向きを変える制御文字",
    ),
}


@pytest.fixture
def loaded(store_engine: Engine, tmp_path: Path) -> Engine:
    import_directory(engine=store_engine, directory=write_office(tmp_path / "base"))
    return store_engine


@pytest.mark.parametrize(("files", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_values_are_refused_with_their_line_and_change_nothing(
    loaded: Engine, tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    before = snapshot(loaded)
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=loaded, directory=write_office(tmp_path / "bad", files))
    lines = [problem_text(p) for p in err.value.problems]
    assert any(line.startswith(expected) for line in lines), lines
    assert snapshot(loaded) == before


def test_a_symlink_in_the_import_directory_is_refused_not_followed(loaded: Engine, tmp_path: Path) -> None:
    directory = write_office(tmp_path / "bad", {"notes.csv": None})
    secret = tmp_path / "outside.csv"
    secret.write_text(BASE["notes.csv"].replace("催告書送付", "外の秘密"), encoding="utf-8")
    os.symlink(secret, directory / "notes.csv")
    before = snapshot(loaded)
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=loaded, directory=directory)
    assert any(p.startswith("notes.csv:0: -: 通常のファイルではありません") for p in map(problem_text, err.value.problems))
    assert snapshot(loaded) == before


def test_a_fifo_in_the_import_directory_is_refused_without_blocking(loaded: Engine, tmp_path: Path) -> None:
    directory = write_office(tmp_path / "bad", {"work_log.csv": None})
    os.mkfifo(directory / "work_log.csv")  # reading it would wait forever
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=loaded, directory=directory)
    assert any(p.startswith("work_log.csv:0: -: 通常のファイルではありません") for p in map(problem_text, err.value.problems))


def test_the_command_prints_reasons_and_never_a_traceback(engine: Engine, tmp_path: Path) -> None:
    directory = write_office(tmp_path / "bad", {**HOSTILE["amount_1e30"][0], "employers.csv": None})
    os.symlink("/etc/passwd", directory / "employers.csv")
    result = CliRunner().invoke(app, ["--db", str(engine.url), "import", str(directory)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "root:" not in result.output
    assert "cases.csv:2: amount_due:" in result.output and "employers.csv:0: -:" in result.output
