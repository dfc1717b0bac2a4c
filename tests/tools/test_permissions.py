"""The permission matrix: staff see their own and their team's cases, supervisors all and alone
reassign and assign; unknown users are refused; every look at a case is audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.errors import ChoshuError, NotFound, PermissionDenied
from store.models import AuditLog, Case, Investigation
from tests.tools import office
from tools.actor import Actor
from tools.registry import ToolContext, run_tool
from tools.reply import Reply

CASE_CALLS = {
    "case_summary": {"case_id": office.CASE_A},
    "recommend_targets": {"case_id": office.CASE_A},
    "record_result": {"case_id": office.CASE_A, "target_kind": "deposit", "target_id": "BK001", "result": "found"},
}
ACTORS = {
    "own": office.STAFF_A,
    "team": office.STAFF_A2,
    "other_team": office.STAFF_B,
    "supervisor": office.SUPERVISOR,
}


def actor(session: Session, who: str, surface: str = "web") -> Actor:
    from tools import queries

    staff = queries.get_staff(session=session, staff_id=ACTORS[who])
    assert staff is not None
    return Actor(staff.staff_id, surface, "ja", staff.name, staff.role, staff.team, staff.staff_id)


def call(engine: Engine, tmp_path: Path, who: str | None, tool: str, args: dict, *, confirmed: bool = False) -> Reply:
    with Session(engine) as session:
        a = actor(session, who) if who else Actor(None, "slack", "ja", user_ref="UNKNOWN1")
        ctx = ToolContext(session=session, settings=office.settings_for(engine, tmp_path), actor=a, confirmed=confirmed)
        try:
            return run_tool(ctx, tool, args)
        finally:
            session.commit()


def audit_rows(engine: Engine) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.exec(select(AuditLog)).all())


@pytest.mark.parametrize("tool", sorted(CASE_CALLS))
@pytest.mark.parametrize("who", ["own", "team", "supervisor"])
def test_staff_of_the_team_and_supervisors_may_open_a_case(office_engine, tmp_path, tool, who) -> None:
    try:
        call(office_engine, tmp_path, who, tool, CASE_CALLS[tool])
    except PermissionDenied:
        pytest.fail(f"{who} was refused {tool}")
    except ChoshuError:
        pass  # e.g. no trained model yet: the authorisation passed
    rows = [r for r in audit_rows(office_engine) if r.action == tool]
    assert rows and rows[0].allowed and rows[0].case_id == office.CASE_A
    assert rows[0].staff_id == ACTORS[who]


@pytest.mark.parametrize("tool", sorted(CASE_CALLS))
def test_a_case_of_another_team_is_refused_and_audited(office_engine, tmp_path, tool) -> None:
    with pytest.raises(PermissionDenied):
        call(office_engine, tmp_path, "other_team", tool, CASE_CALLS[tool])
    rows = [r for r in audit_rows(office_engine) if r.action == tool]
    assert [(r.allowed, r.staff_id, r.detail) for r in rows] == [(False, office.STAFF_B, "other_team")]
    with Session(office_engine) as s:
        assert s.exec(select(Investigation)).all() == []


UNKNOWN_CALLS = {
    **CASE_CALLS,
    "help": {},
    "lookup_manual": {"query": "分納"},
    "search_law": {"query": "差押禁止"},
    "reassign_case": {"case_id": office.CASE_A, "to_staff": "A02"},
    "assign_cases": {},
}


@pytest.mark.parametrize("tool", sorted(UNKNOWN_CALLS))
def test_unknown_users_get_a_polite_refusal_and_an_audit_record(office_engine, tmp_path, tool) -> None:
    """Refused once, by the middleware chain every surface, the CLI chat and the LLM agent go
    through: a button (a tool call) pressed by an unknown user runs nothing."""
    from bot.chat.dispatch import Dispatcher
    from bot.chat.incoming import IncomingMessage

    d = Dispatcher(engine=office_engine, settings=office.settings_for(office_engine, tmp_path))
    press = {"action": "run", "payload": {"tool": tool, "args": UNKNOWN_CALLS[tool], "confirmed": True}}
    reply = d.dispatch(IncomingMessage(surface="slack", user_ref="UNKNOWN1", action=press))
    assert reply is not None and not reply.ok and "職員名簿に登録されていない" in reply.text
    rows = audit_rows(office_engine)
    assert [(r.allowed, r.staff_id, r.user_ref, r.case_id) for r in rows] == [(False, None, "UNKNOWN1", None)]
    with Session(office_engine) as s:
        assert s.exec(select(Investigation)).all() == []
        assert s.get(Case, office.CASE_A).staff_id == office.STAFF_A  # type: ignore[union-attr]


@pytest.mark.parametrize("who", ["own", "team", "other_team"])
@pytest.mark.parametrize(
    ("tool", "args"),
    [("reassign_case", {"case_id": office.CASE_A, "to_staff": "B01"}), ("assign_cases", {})],
)
def test_only_supervisors_reassign_and_assign(office_engine, tmp_path, who, tool, args) -> None:
    with pytest.raises(PermissionDenied):
        call(office_engine, tmp_path, who, tool, args)
    with Session(office_engine) as s:
        assert s.get(Case, office.CASE_A).staff_id == office.STAFF_A  # type: ignore[union-attr]
    assert [r.allowed for r in audit_rows(office_engine)] == [False]


def test_supervisor_reassignment_asks_for_confirmation_first(office_engine, tmp_path) -> None:
    reply = call(office_engine, tmp_path, "supervisor", "reassign_case", {"case_id": office.CASE_A, "to_staff": "高橋さん"})
    assert "確定" in [b.label for b in reply.buttons]
    confirm = next(b for b in reply.buttons if b.label == "確定")
    assert confirm.payload == {"tool": "reassign_case", "args": {"case_id": office.CASE_A, "to_staff": "B01", "expect_from": office.STAFF_A}, "confirmed": True}
    with Session(office_engine) as s:
        assert s.get(Case, office.CASE_A).staff_id == office.STAFF_A  # type: ignore[union-attr]


def test_a_confirmed_reassignment_writes_one_audit_row_of_the_change(office_engine, tmp_path) -> None:
    reply = call(
        office_engine, tmp_path, "supervisor", "reassign_case",
        {"case_id": office.CASE_A, "to_staff": office.STAFF_B}, confirmed=True,
    )
    assert "替えました" in reply.text
    rows = [(r.action, r.allowed, r.staff_id, r.surface, r.case_id, r.detail) for r in audit_rows(office_engine)]
    assert rows == [
        ("reassign_case", True, office.SUPERVISOR, "web", office.CASE_A, None),  # the look at the case
        ("reassign_case", True, office.SUPERVISOR, "web", office.CASE_A, f"from={office.STAFF_A} to={office.STAFF_B}"),
    ]


def test_a_name_matching_two_people_asks_which(office_engine, tmp_path) -> None:
    reply = call(office_engine, tmp_path, "supervisor", "reassign_case", {"case_id": office.CASE_A2, "to_staff": "佐藤"})
    assert "2人" in reply.text
    assert sorted(b.payload["args"]["to_staff"] for b in reply.buttons) == ["A01", "A03"]


def test_a_case_that_does_not_exist_is_a_clear_not_found(office_engine, tmp_path) -> None:
    with pytest.raises(NotFound) as err:
        call(office_engine, tmp_path, "supervisor", "case_summary", {"case_id": "99999"})
    assert err.value.params["ident"] == "99999"


def test_case_summary_shows_the_case_to_its_holder(office_engine, tmp_path) -> None:
    reply = call(office_engine, tmp_path, "own", "case_summary", {"case_id": office.CASE_A})
    assert reply.case_data and "250,000円" in reply.plain_text() and "電話催告" in reply.plain_text()


def test_case_summary_counts_the_investigations_and_shows_the_latest(office_engine, tmp_path) -> None:
    from datetime import date

    with Session(office_engine) as s:
        for n, (day, kind, target, result, amount) in enumerate([
            (date(2024, 1, 10), "deposit", "BK001", "found", 35_000),
            (date(2024, 2, 1), "pension", None, "not_found", None),
            (date(2024, 3, 5), "deposit", "CU001", "not_found", None),
            (date(2024, 4, 9), "salary", "E001", "found", None),
        ]):
            s.add(Investigation(case_id=office.CASE_A, date=day, target_kind=kind, target_id=target,
                                result=result, amount=amount, row_hash=f"i{n}"))
        s.commit()
    text = call(office_engine, tmp_path, "own", "case_summary", {"case_id": office.CASE_A}).plain_text()
    assert "財産調査: 4件（うち発見 2件）" in text
    latest = text.split("直近の財産調査:", 1)[1]
    assert latest.index("2024-04-09 株式会社山田工業: あり") < latest.index("2024-03-05 城南信用金庫: なし")
    assert "2024-02-01 年金: なし" in latest
    assert "2024-01-10" not in latest  # the three latest only


def test_record_result_writes_the_investigation(office_engine, tmp_path) -> None:
    reply = call(office_engine, tmp_path, "own", "record_result", CASE_CALLS["record_result"])
    assert "記録しました" in reply.text
    with Session(office_engine) as s:
        rows = s.exec(select(Investigation)).all()
    assert [(r.case_id, r.target_kind, r.target_id, r.result, r.staff_id) for r in rows] == [
        (office.CASE_A, "deposit", "BK001", "found", office.STAFF_A)
    ]


def test_bad_arguments_are_invalid_input(office_engine, tmp_path) -> None:
    with pytest.raises(ChoshuError) as err:
        call(office_engine, tmp_path, "own", "record_result", {**CASE_CALLS["record_result"], "result": "maybe"})
    assert err.value.key == "error.invalid_input"


def test_a_supervisor_builds_the_assignment_table(office_engine, tmp_path) -> None:
    reply = call(office_engine, tmp_path, "supervisor", "assign_cases", {"development_weight": 0.2})
    assert "割当表の案" in reply.text and "佐藤 花子" in reply.plain_text()
    rows = [r for r in audit_rows(office_engine) if r.action == "assign_cases"]
    assert [(r.staff_id, r.allowed) for r in rows] == [(office.SUPERVISOR, True)]
