"""Foundation queries on a small imported office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store import crud
from store.errors import Conflict, InvalidInput, NotFound
from store.importer import import_directory
from tests.store.office import write_office
from tools.messages import error_text


@pytest.fixture
def session(store_engine: Engine, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The tiny office in a fresh store, on SQLite and on PostgreSQL."""
    import_directory(engine=store_engine, directory=write_office(tmp_path / "o"))
    with Session(store_engine) as s:
        yield s


def test_get_case_and_taxpayer(session: Session) -> None:
    case = crud.get_case(session=session, case_id="00123")
    assert case.taxpayer_id == "T0001"
    assert crud.get_taxpayer(session=session, taxpayer_id=case.taxpayer_id).name == "山田 太郎"


def test_unknown_case_raises_not_found_with_a_japanese_message(session: Session) -> None:
    with pytest.raises(NotFound) as err:
        crud.get_case(session=session, case_id="123")  # leading zeros matter
    assert "123" in error_text(err.value) and "案件" in error_text(err.value)
    with pytest.raises(NotFound):
        crud.get_staff(session=session, staff_id="S99")


def test_notes_come_newest_first(session: Session) -> None:
    notes = crud.list_notes(session=session, case_id="00123")
    assert [n.date for n in notes] == [dt.date(2024, 1, 10)]


def test_investigations_of_a_case_come_newest_first(session: Session) -> None:
    rows = crud.list_investigations(session=session, case_id="00123")
    assert [(r.date, r.target_kind, r.target_id, r.result, r.amount, r.source) for r in rows] == [
        (dt.date(2024, 1, 12), "salary", "E001", "found", None, "import"),
        (dt.date(2024, 1, 10), "deposit", "B001", "found", 35000, "import"),
    ]
    assert len(crud.list_investigations(session=session, case_id="00123", limit=1)) == 1
    with pytest.raises(NotFound):
        crud.list_investigations(session=session, case_id="123")


def test_find_staff_returns_every_match_so_chat_can_ask(session: Session) -> None:
    ids = lambda q: [s.staff_id for s in crud.find_staff_by_name_or_id(session=session, query=q)]  # noqa: E731
    assert ids("佐藤さん") == ["S01", "S03"]
    assert ids("佐藤花子") == ["S01"]
    assert ids("佐藤　次郎さん") == ["S03"]  # full-width space and honorific
    assert ids("S02") == ["S02"]
    assert ids("ｓ０２") == ["S02"]  # full-width ID
    assert ids("一郎") == ["S02"]
    assert ids("高橋") == []


def test_find_staff_by_identity_reads_the_imported_chat_ids(session: Session) -> None:
    found = crud.find_staff_by_identity(session=session, surface="slack", user_id="U002")
    assert found is not None and found.staff_id == "S02"
    assert crud.find_staff_by_identity(session=session, surface="slack", user_id="U999") is None
    assert crud.find_staff_by_identity(session=session, surface="teams", user_id="U002") is None
    assert crud.find_staff_by_identity(session=session, surface="teams", user_id="") is None


def test_set_identity_replaces_removes_and_refuses_another_members_id(session: Session) -> None:
    crud.set_identity(session=session, staff_id="S02", surface="lineworks", user_id="lw-2")
    crud.set_identity(session=session, staff_id="S02", surface="slack", user_id="U202")
    assert crud.identities_of(session=session, staff_id="S02") == {"lineworks": "lw-2", "slack": "U202"}
    assert crud.find_staff_by_identity(session=session, surface="slack", user_id="U002") is None
    with pytest.raises(Conflict):
        crud.set_identity(session=session, staff_id="S01", surface="lineworks", user_id="lw-2")
    with pytest.raises(NotFound):
        crud.set_identity(session=session, staff_id="S99", surface="slack", user_id="U9")
    crud.set_identity(session=session, staff_id="S02", surface="lineworks", user_id=None)
    assert [(i.staff_id, i.surface) for i in crud.list_identities(session=session, surface="lineworks")] == []


def test_set_case_staff_records_history_with_who_and_where(session: Session) -> None:
    row = crud.set_case_staff(
        session=session, case_id="00123", staff_id="S03", changed_by="S01", surface="slack"
    )
    assert row is not None and row.previous_staff_id == "S02"
    assert (
        crud.set_case_staff(
            session=session, case_id="00123", staff_id="S03", changed_by="S01", surface="web"
        )
        is None
    )
    session.commit()
    history = crud.case_history(session=session, case_id="00123")
    assert [(h.previous_staff_id, h.staff_id, h.changed_by, h.surface) for h in history] == [
        (None, "S02", None, "import"),
        ("S02", "S03", "S01", "slack"),
    ]
    assert crud.get_case(session=session, case_id="00123").staff_id == "S03"


def test_set_case_staff_refuses_unknown_staff_and_surface(session: Session) -> None:
    with pytest.raises(NotFound):
        crud.set_case_staff(
            session=session, case_id="00123", staff_id="S99", changed_by="S01", surface="web"
        )
    with pytest.raises(InvalidInput):
        crud.set_case_staff(
            session=session, case_id="00123", staff_id="S03", changed_by="S01", surface="fax"
        )


def test_audit_rows_are_written_and_listed_newest_first(session: Session) -> None:
    crud.write_audit(
        session=session, staff_id="S02", surface="slack", action="case_summary", case_id="00123"
    )
    crud.write_audit(
        session=session,
        staff_id=None,
        user_ref="U999",
        surface="slack",
        action="case_summary",
        case_id="00124",
        allowed=False,
    )
    session.commit()
    rows = crud.list_audit(session=session)
    assert [(r.case_id, r.allowed) for r in rows] == [("00124", False), ("00123", True)]
    assert [r.case_id for r in crud.list_audit(session=session, staff_id="S02")] == ["00123"]
    assert crud.list_audit(session=session, allowed=False)[0].user_ref == "U999"
    later = rows[0].at + dt.timedelta(seconds=1)
    assert len(crud.list_audit(session=session, since=rows[1].at, until=later)) == 2


def test_row_counts(session: Session) -> None:
    counts = crud.row_counts(session=session)
    assert counts["case"] == 2 and counts["auditlog"] == 0


def test_target_names_of_institutions_and_employers(session: Session) -> None:
    name = lambda kind, ident: crud.target_name(session=session, target_kind=kind, target_id=ident)  # noqa: E731
    assert name("deposit", "B001") == "みらい銀行"
    assert name("salary", "E001") == "株式会社本町製作所"
    assert name("pension", None) is None and name("deposit", "B999") is None
    assert [i.institution_id for i in crud.list_institutions(session=session)] == ["B001", "B002", "L001"]
    assert [e.employer_id for e in crud.list_employers(session=session)] == ["E001"]


def test_audit_rows_survive_a_rollback_of_the_work_they_record(store_engine: Engine, tmp_path: Path) -> None:
    import_directory(engine=store_engine, directory=write_office(tmp_path / "o"))
    with Session(store_engine) as s:
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="00123")
        crud.set_case_staff(session=s, case_id="00123", staff_id="S03", changed_by="S01", surface="web")
        s.rollback()  # the reassignment failed after the case had been read
    with Session(store_engine) as s:
        rows = crud.list_audit(session=s, case_id="00123")
        assert [(r.action, r.staff_id) for r in rows] == [("case_summary", "S01")]
        assert crud.get_case(session=s, case_id="00123").staff_id == "S02"


def test_committed_audit_rows_are_written_once(store_engine: Engine, tmp_path: Path) -> None:
    import_directory(engine=store_engine, directory=write_office(tmp_path / "o"))
    with Session(store_engine) as s:
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="00123")
        s.commit()
        s.rollback()  # nothing pending any more
    with Session(store_engine) as s:
        assert len(crud.list_audit(session=s, case_id="00123")) == 1


def test_cases_one_slip_away_are_found_by_their_number_without_zeros(session: Session) -> None:
    from store.ids import near_keys

    # 「123」「0123」「000123」 and 「00132」 all mean case 00123 at most one slip away.
    for written in ("123", "0123", "000123", "00132"):
        found = crud.cases_with_keys(session=session, keys=near_keys(written))
        assert "00123" in [c.case_id for c in found], written
    assert crud.cases_with_keys(session=session, keys=near_keys("98765")) == []
