"""Importing a directory into the store: all or nothing, idempotent, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store import crud
from store.errors import ImportRefused
from store.importer import import_directory
from store.models import Case, CaseAssignment, Note, Staff, Taxpayer
from tests.store.conftest import counts, snapshot
from tests.store.office import BASE, write_office
from tools.messages import problem_text, t


@pytest.fixture
def loaded(store_engine: Engine, tmp_path: Path) -> Engine:
    """The store after importing the base office once."""
    import_directory(engine=store_engine, directory=write_office(tmp_path / "base"))
    return store_engine


def test_imports_every_file_of_the_contract(store_engine: Engine, tmp_path: Path) -> None:
    summary = import_directory(engine=store_engine, directory=write_office(tmp_path / "o"))
    n = counts(store_engine)
    assert (n["area"], n["institution"], n["staff"], n["taxpayer"], n["case"]) == (2, 3, 3, 2, 2)
    assert (n["note"], n["investigation"], n["worklog"]) == (2, 3, 2)
    assert summary.file("cases.csv").inserted == 2
    assert summary.assignments == 2  # each new case's first holder is history too
    with Session(store_engine) as s:
        case = s.get(Case, "00123")
        assert case is not None and case.amount_due == 120000 and case.staff_id == "S02"
        assert s.get(Case, "00124").periods is None  # type: ignore[union-attr]
        taxpayer = s.get(Taxpayer, "T0002")
        assert taxpayer is not None and taxpayer.income_business == -120000
        assert taxpayer.fixed_asset_tax is False and taxpayer.income_salary is None


def test_reimport_is_idempotent(loaded: Engine, tmp_path: Path) -> None:
    before = snapshot(loaded)
    summary = import_directory(engine=loaded, directory=write_office(tmp_path / "again"))
    assert snapshot(loaded) == before
    assert all(f.inserted == 0 and f.updated == 0 for f in summary.files)
    assert summary.assignments == 0


def test_dry_run_counts_but_changes_nothing(loaded: Engine, tmp_path: Path) -> None:
    before = snapshot(loaded)
    cases = BASE["cases.csv"].replace("120000", "90000")
    summary = import_directory(
        engine=loaded, directory=write_office(tmp_path / "o", {"cases.csv": cases}), dry_run=True
    )
    assert summary.file("cases.csv").updated == 1
    assert snapshot(loaded) == before


def test_reimport_updates_changed_rows_and_keeps_local_fields(
    loaded: Engine, tmp_path: Path
) -> None:
    with Session(loaded) as s:
        s.exec(update(Case).where(Case.case_id == "00123").values(assignment_locked=True))  # type: ignore[call-overload]
        s.commit()
    cases = (
        "case_id,taxpayer_id,tax_kind,amount_due,oldest_due\n00123,T0001,住民税,90000,2023-05-31\n"
    )
    summary = import_directory(
        engine=loaded, directory=write_office(tmp_path / "o", {"cases.csv": cases})
    )
    assert (summary.file("cases.csv").updated, summary.file("cases.csv").unchanged) == (1, 0)
    with Session(loaded) as s:
        case = s.get(Case, "00123")
        assert case is not None and case.amount_due == 90000
        # columns absent from the file and the office's own fields are left as they were
        assert case.staff_id == "S02" and case.periods == 4 and case.assignment_locked


def test_staff_change_on_import_records_assignment_history(loaded: Engine, tmp_path: Path) -> None:
    cases = BASE["cases.csv"].replace("S02,2023-08-01", "S01,2023-08-01")
    summary = import_directory(
        engine=loaded, directory=write_office(tmp_path / "o", {"cases.csv": cases})
    )
    assert summary.assignments == 1
    with Session(loaded) as s:
        rows = (
            s.exec(
                select(CaseAssignment)
                .where(CaseAssignment.case_id == "00123")
                .order_by(CaseAssignment.id)
            )
            .scalars()
            .all()
        )  # type: ignore[call-overload]
    assert [(r.previous_staff_id, r.staff_id, r.surface) for r in rows] == [
        (None, "S02", "import"),
        ("S02", "S01", "import"),
    ]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig"])
def test_cp932_and_bom_files_import_the_same_text(
    store_engine: Engine, tmp_path: Path, encoding: str
) -> None:
    directory = write_office(tmp_path / "o", encoding=encoding)
    summary = import_directory(engine=store_engine, directory=directory)
    assert summary.file("staff.csv").encoding == encoding
    assert summary.file("notes.csv").encoding == encoding
    with Session(store_engine) as s:
        assert s.get(Staff, "S01").name == "佐藤 花子"  # type: ignore[union-attr]
        note = s.exec(select(Note).where(Note.case_id == "00123")).scalars().one()  # type: ignore[call-overload]
        assert note.text.startswith("みらい銀行本町支店")


def test_unknown_column_is_ignored_with_a_warning(store_engine: Engine, tmp_path: Path) -> None:
    areas = "area_code,name,population\nA01,本町一丁目,1200\nA02,本町二丁目,900\n"
    summary = import_directory(
        engine=store_engine, directory=write_office(tmp_path / "o", {"areas.csv": areas})
    )
    assert list(map(problem_text, summary.warnings)) == ["areas.csv:1: population: " + t("import.unknown_column")]
    assert counts(store_engine)["area"] == 2


CASES_HEADER = (
    "case_id,taxpayer_id,tax_kind,amount_due,oldest_due,periods,status,staff_id,opened_on\n"
)

BAD_INPUTS = {
    "missing column": (
        {"cases.csv": "case_id,taxpayer_id,tax_kind,oldest_due\n00123,T0001,住民税,2023-05-31\n"},
        "cases.csv:1: amount_due: " + t("import.missing_column"),
    ),
    "bad date": (
        {"cases.csv": CASES_HEADER + "00123,T0001,住民税,120000,2023-02-30,4,open,S02,\n"},
        "cases.csv:2: oldest_due: " + t("import.bad_date", value="2023-02-30"),
    ),
    "bad number": (
        {"cases.csv": CASES_HEADER + '00123,T0001,住民税,"120,000",2023-05-31,4,open,S02,\n'},
        "cases.csv:2: amount_due: " + t("import.bad_int", value="120,000"),
    ),
    "bad enum": (
        {"cases.csv": CASES_HEADER + "00123,T0001,住民税,120000,2023-05-31,4,pending,S02,\n"},
        "cases.csv:2: status: "
        + t("import.bad_enum", value="pending", allowed="open / suspended / closed"),
    ),
    "bad boolean": (
        {
            "taxpayers.csv": "taxpayer_id,birth_date,area_code,welfare_recipient\nT0001,1970-04-01,A01,yes\nT0002,1985-12-31,A02,0\n"
        },
        "taxpayers.csv:2: welfare_recipient: " + t("import.bad_bool", value="yes"),
    ),
    "unknown reference": (
        {"notes.csv": "case_id,date,text\n00123,2024-01-10,電話催告\n99999,2024-01-11,臨戸\n"},
        "notes.csv:3: case_id: " + t("import.unknown_ref", target="cases.csv", value="99999"),
    ),
    "same ID twice with different content": (
        {
            "staff.csv": "staff_id,name,role\nS01,佐藤 花子,supervisor\nS02,鈴木 一郎,staff\nS03,佐藤 次郎,staff\nS02,鈴木 二郎,staff\n"
        },
        "staff.csv:5: staff_id: " + t("import.duplicate_id", value="S02", first_line=3),
    ),
    "wrong encoding": (
        {"notes.csv": "case_id,date,text\n00123,2024-01-10,滞納処分の催告\n".encode("euc_jp")},
        "notes.csv:1: -: " + t("import.eucjp_file"),
    ),
    "undecodable bytes": (
        {
            "notes.csv": "case_id,date,text\n00123,2024-01-10,催告\n".encode("cp932")
            + b"00124,2024-01-11,\x85\x40\n"
        },
        "notes.csv:3: -: " + t("import.bad_encoding"),
    ),
    "empty file": ({"work_log.csv": b""}, "work_log.csv:1: -: " + t("import.empty_file")),
    "binary garbage": (
        {"investigations.csv": bytes(range(256)) * 8},
        "investigations.csv:1: -: " + t("import.binary_file"),
    ),
    "missing required file": (
        {"taxpayers.csv": None},
        "taxpayers.csv:0: -: " + t("import.missing_file"),
    ),
}


@pytest.mark.parametrize("files,expected", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_refused_with_its_line_and_the_store_is_unchanged(
    loaded: Engine, tmp_path: Path, files: dict, expected: str
) -> None:
    before = snapshot(loaded)
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=loaded, directory=write_office(tmp_path / "bad", files))
    assert expected in list(map(problem_text, err.value.problems))
    assert snapshot(loaded) == before


def test_corrupted_directory_lists_every_bad_line_of_every_file(
    loaded: Engine, tmp_path: Path
) -> None:
    before = snapshot(loaded)
    files = {
        "cases.csv": CASES_HEADER
        + "00123,T0001,住民税,abc,2023-05-31,4,open,S02,\n00124,T0002,住民税,1,2023-13-01,,,S09,\n",
        "notes.csv": "case_id,date,text\n00123,昨日,電話催告\n",
        "work_log.csv": "case_id,staff_id,fiscal_year,hours\n00123,S02,2023,-1\n",
        "institutions.csv": b"\x00\x01garbage",
    }
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=loaded, directory=write_office(tmp_path / "bad", files))
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in map(problem_text, err.value.problems)] == [
        "institutions.csv:1: -",
        "cases.csv:2: amount_due",
        "cases.csv:3: oldest_due",
        "cases.csv:3: staff_id",
        "notes.csv:2: date",
        "work_log.csv:2: hours",
    ]
    assert snapshot(loaded) == before


def test_two_staff_members_can_swap_slack_ids(loaded: Engine, tmp_path: Path) -> None:
    staff = BASE["staff.csv"].replace(",U001,", ",UTMP,").replace(",U002,", ",U001,")
    staff = staff.replace(",UTMP,", ",U002,")
    import_directory(engine=loaded, directory=write_office(tmp_path / "o", {"staff.csv": staff}))
    with Session(loaded) as s:
        assert crud.identities_of(session=s, staff_id="S01") == {"slack": "U002"}
        assert crud.identities_of(session=s, staff_id="S02") == {"slack": "U001"}
