"""The worklist (chat tool, CLI, web) and 時効 in case_summary, on the chat tests' tiny office."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.cli import app
from store.errors import PermissionDenied
from store.models import Action, AuditLog, Case
from tests.tools import office
from tests.tools.test_permissions import call


def due_prescribing_in(days: int) -> dt.date:
    """A 国民健康保険料 納期限 whose 2-year period ends ``days`` from today."""
    end = dt.date.today() + dt.timedelta(days=days)
    return end.replace(year=end.year - 2, day=min(end.day, 28))


@pytest.fixture
def soon(office_engine: Engine) -> dt.date:
    """Case 00042 (A01's, small amount) prescribes in about 30 days; 10001 (A01's) in years."""
    due = due_prescribing_in(30)
    with Session(office_engine) as s:
        case = s.get(Case, office.CASE_ZERO)
        assert case is not None
        case.tax_kind, case.oldest_due, case.amount_due = "国民健康保険料", due, 30_000
        s.add(Action(case_id=office.CASE_A, date=dt.date(2023, 6, 20), action="demand", row_hash="a1"))
        s.commit()
    return due


def test_a_case_prescribing_in_30_days_comes_first(office_engine: Engine, tmp_path: Path, soon: dt.date) -> None:
    reply = call(office_engine, tmp_path, "own", "worklist", {})
    first, second = reply.sections[0].text, reply.sections[1].text
    days = (soon.replace(year=soon.year + 2) - dt.date.today()).days
    assert first.startswith(f"1. 案件{office.CASE_ZERO}") and f"時効まで {days} 日" in first
    assert second.startswith(f"2. 案件{office.CASE_A}")
    assert "時効まで 180 日以内 1 件" in reply.text


def test_prescribing_only_lists_the_alert_window(office_engine: Engine, tmp_path: Path, soon: dt.date) -> None:
    reply = call(office_engine, tmp_path, "own", "worklist", {"prescribing_only": True})
    assert [s.text.split("（")[0] for s in reply.sections] == [f"1. 案件{office.CASE_ZERO}"]


def test_staff_see_only_their_own_list_and_every_list_is_audited(office_engine: Engine, tmp_path: Path, soon: dt.date) -> None:
    with pytest.raises(PermissionDenied):
        call(office_engine, tmp_path, "other_team", "worklist", {"staff": office.STAFF_A})
    reply = call(office_engine, tmp_path, "supervisor", "worklist", {"staff": office.STAFF_A})
    assert reply.sections[0].text.startswith(f"1. 案件{office.CASE_ZERO}")
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.action == "worklist")).all()
    assert [(r.staff_id, r.allowed) for r in rows] == [(office.STAFF_B, False), (office.SUPERVISOR, True)]


def test_case_summary_states_the_prescription_and_its_basis(office_engine: Engine, tmp_path: Path, soon: dt.date) -> None:
    text = call(office_engine, tmp_path, "own", "case_summary", {"case_id": office.CASE_A}).sections[0].text
    # 住民税 due 2023-05-31, 督促 2023-06-20: new period from 2023-07-01, ends 2028-06-30.
    assert "時効完成予定 2028-06-30（督促 2023-06-20 により更新・地方税法18条1項・5年）" in text


def test_without_actions_the_summary_says_it_counts_from_oldest_due(office_engine: Engine, tmp_path: Path) -> None:
    text = call(office_engine, tmp_path, "own", "case_summary", {"case_id": office.CASE_A}).sections[0].text
    assert "時効完成予定 2028-05-31" in text and "actions.csv）が未取込" in text


def test_cli_worklist_json_follows_the_contract(office_engine: Engine, soon: dt.date) -> None:
    result = CliRunner().invoke(app, ["--db", str(office_engine.url), "worklist", "--staff", office.STAFF_A, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["case_id"] for r in rows] == [office.CASE_ZERO, office.CASE_A]
    assert rows[0]["prescription_date"] == soon.replace(year=soon.year + 2).isoformat()
    assert {"case_id", "prescription_date", "prescription_basis", "priority", "reasons"} <= set(rows[0])
    assert rows[1]["prescription_basis"].startswith("督促 2023-06-20 により更新")
    unknown = CliRunner().invoke(app, ["--db", str(office_engine.url), "worklist", "--staff", "ZZZ"])
    assert unknown.exit_code != 0 and "ZZZ" in unknown.output


def test_cli_exempt_amount_worked_example() -> None:
    result = CliRunner().invoke(
        app,
        ["exempt-amount", "--pay", "300000", "--income-tax", "6000", "--resident-tax", "12000",
         "--social-insurance", "42000", "--dependents", "2", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["exempt"], data["seizable"]) == (260_000, 40_000)
    bad = CliRunner().invoke(app, ["exempt-amount", "--pay", "300000", "--dependents", "-2"])
    assert bad.exit_code == 2 and "扶養親族の人数" in bad.output


def test_exempt_amount_in_chat_answers_the_worked_example_and_asks_for_the_pay(office_engine: Engine, tmp_path: Path) -> None:
    from bot.chat.dispatch import Dispatcher
    from bot.chat.incoming import IncomingMessage

    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    ask = "給料３０万、所得税６千、住民税1万2千、社保4万2千、扶養2人だと差押えできるのはいくら？"
    reply = d.dispatch(IncomingMessage(surface="cli", user_ref="cli", staff_id=office.STAFF_A, text=ask))
    assert reply is not None and "差押禁止額は 260,000円、差押可能額は 40,000円" in reply.text
    assert "国税徴収法76条1項4号・同法施行令34条" in reply.plain_text()
    missing = d.dispatch(IncomingMessage(surface="cli", user_ref="cli", staff_id=office.STAFF_A, text="差押禁止額を計算して"))
    assert missing is not None and "支給額が必要です" in missing.text
