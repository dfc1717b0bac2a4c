"""actions.csv (処分・収納の経過): imported like every file, refused like every file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.errors import ImportRefused
from store.importer import import_directory
from store.models import Action
from tests.store.conftest import counts, snapshot
from tests.store.office import write_office
from tools.messages import problem_text, t

HEADER = "case_id,date,action,amount,staff_id,note\n"
GOOD = HEADER + "00123,2023-06-20,demand,,S02,\n00123,2023-09-01,payment,10000,S02,窓口納付\n00124,2024-02-01,seizure,,S03,預金差押\n"


def test_actions_are_imported_and_reimport_changes_nothing(store_engine: Engine, tmp_path: Path) -> None:
    summary = import_directory(engine=store_engine, directory=write_office(tmp_path / "o", {"actions.csv": GOOD}))
    assert summary.file("actions.csv").inserted == 3
    with Session(store_engine) as s:
        payment = s.exec(select(Action).where(Action.action == "payment")).one()
        assert (payment.case_id, payment.amount, payment.note) == ("00123", 10000, "窓口納付")
    before = snapshot(store_engine)
    again = import_directory(engine=store_engine, directory=write_office(tmp_path / "again", {"actions.csv": GOOD}))
    assert again.file("actions.csv").inserted == 0 and snapshot(store_engine) == before


ALLOWED = " / ".join(
    ("demand", "reminder", "payment", "pledge", "seizure", "seizure_released", "suspension", "suspension_revoked", "deferral", "deferral_end")
)
BAD = {
    "unknown action": (HEADER + "00123,2023-06-20,督促,,S02,\n", "actions.csv:2: action: " + t("import.bad_enum", value="督促", allowed=ALLOWED)),
    "bad date": (HEADER + "00123,2023-02-30,demand,,S02,\n", "actions.csv:2: date: " + t("import.bad_date", value="2023-02-30")),
    "negative amount": (HEADER + "00123,2023-06-20,payment,-5,S02,\n", "actions.csv:2: amount: " + t("import.negative", value="-5")),
    "unknown case": (HEADER + "99999,2023-06-20,demand,,S02,\n", "actions.csv:2: case_id: " + t("import.unknown_ref", target="cases.csv", value="99999")),
    "unknown staff": (HEADER + "00123,2023-06-20,demand,,S99,\n", "actions.csv:2: staff_id: " + t("import.unknown_ref", target="staff.csv", value="S99")),
    "missing column": ("case_id,date\n00123,2023-06-20\n", "actions.csv:1: action: " + t("import.missing_column")),
}


@pytest.mark.parametrize("content,expected", BAD.values(), ids=BAD.keys())
def test_bad_actions_refuse_the_whole_directory(store_engine: Engine, tmp_path: Path, content: str, expected: str) -> None:
    with pytest.raises(ImportRefused) as err:
        import_directory(engine=store_engine, directory=write_office(tmp_path / "bad", {"actions.csv": content}))
    assert expected in list(map(problem_text, err.value.problems))
    assert counts(store_engine)["case"] == 0  # nothing of the directory was loaded
