"""The use cases check the supervisor rule once: a staff member asking to plan, apply, discard,
reassign or export is refused with one audit row, whatever surface asks; the administrator at the
command line passes; a plan made through the use case is the supervisor's pending plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.errors import PermissionDenied
from store.models import AssignmentPlanRecord, AuditLog, Case
from tests.tools import office
from tools.actor import Actor
from tools.registry import ToolContext, run_tool
from tools.usecases import assignment, investigation

STAFF = Actor(office.STAFF_A, "teams", "ja", "佐藤 花子", "staff", "A", "aad-a01")
BOSS = Actor(office.SUPERVISOR, "web", "ja", "山田 係長", "supervisor", "A", "web:S01")

SUPERVISOR_ONLY: dict[str, Callable[..., Any]] = {
    "assign_cases": lambda **kw: assignment.make_plan(**kw),
    "apply_plan": lambda **kw: assignment.apply_plan(**kw),
    "discard_plan": lambda **kw: assignment.discard_plan(**kw),
    "reassign_case": lambda **kw: assignment.reassign_case(
        **kw, case_id=office.CASE_A, to_staff=office.STAFF_B, confirmed=True
    ),
    "export.recommend": lambda **kw: investigation.recommend_batch(**kw, case_ids=[office.CASE_A]),
    "export.inquiries": lambda **kw: investigation.list_inquiries(**kw, budget_yen=1000),
}


def _audit(engine: Engine) -> list[tuple[str, bool, str | None, str | None, str | None]]:
    with Session(engine) as s:
        return [(r.action, r.allowed, r.staff_id, r.surface, r.detail) for r in s.exec(select(AuditLog))]


@pytest.mark.parametrize("action", sorted(SUPERVISOR_ONLY))
def test_a_staff_member_is_refused_once_with_one_audit_row(office_engine: Engine, tmp_path: Path, action: str) -> None:
    settings = office.settings_for(office_engine, tmp_path)
    with Session(office_engine) as session, pytest.raises(PermissionDenied):
        SUPERVISOR_ONLY[action](actor=STAFF, session=session, settings=settings)
    assert _audit(office_engine) == [(action, False, office.STAFF_A, "teams", "not supervisor")]
    with Session(office_engine) as s:
        assert s.get(Case, office.CASE_A).staff_id == office.STAFF_A  # type: ignore[union-attr]


def test_apply_plan_in_chat_by_a_staff_member_is_refused_once(office_engine: Engine, tmp_path: Path) -> None:
    with Session(office_engine) as session:
        ctx = ToolContext(session=session, settings=office.settings_for(office_engine, tmp_path), actor=STAFF, confirmed=True)
        with pytest.raises(PermissionDenied):
            run_tool(ctx, "apply_plan", {})
    assert _audit(office_engine) == [("apply_plan", False, office.STAFF_A, "teams", "not supervisor")]


def test_the_administrator_at_the_command_line_plans_without_keeping_the_plan(office_engine: Engine, tmp_path: Path) -> None:
    admin = Actor(None, "cli", administrator=True, origin="tty:/dev/pts/1", os_user="choshu")
    with Session(office_engine) as session:
        plan = assignment.make_plan(
            actor=admin, session=session, settings=office.settings_for(office_engine, tmp_path), action="export.assignment"
        )
        session.commit()
    assert sorted(r.case_id for r in plan.rows) == sorted([office.CASE_A, office.CASE_A2, office.CASE_B, office.CASE_ZERO])
    with Session(office_engine) as s:
        assert s.exec(select(AssignmentPlanRecord)).all() == []
        [row] = s.exec(select(AuditLog)).all()
    assert (row.action, row.staff_id, row.os_user, row.origin) == ("export.assignment", None, "choshu", "tty:/dev/pts/1")


def test_an_unknown_cli_user_is_no_administrator(office_engine: Engine, tmp_path: Path) -> None:
    stranger = Actor(None, "cli", user_ref="nobody")  # the terminal chat with an unknown staff id
    with Session(office_engine) as session, pytest.raises(PermissionDenied):
        assignment.make_plan(actor=stranger, session=session, settings=office.settings_for(office_engine, tmp_path))


def test_a_supervisors_plan_is_kept_for_them_and_applied_once(office_engine: Engine, tmp_path: Path) -> None:
    settings = office.settings_for(office_engine, tmp_path)
    with Session(office_engine) as session:
        plan = assignment.make_plan(actor=BOSS, session=session, settings=settings)
        pending = assignment.pending_plan(actor=BOSS, session=session, settings=settings)
        assert pending is not None and pending.plan.rows == plan.rows
        assert assignment.apply_plan(actor=BOSS, session=session, settings=settings) == plan.moves
        assert assignment.apply_plan(actor=BOSS, session=session, settings=settings) is None
        session.commit()


CHAT_ARGS = {
    "assign_cases": {},
    "apply_plan": {},
    "reassign_case": {"case_id": office.CASE_A, "to_staff": office.STAFF_B},
}


def test_the_registrys_supervisor_only_flag_describes_what_the_use_cases_enforce(
    office_engine: Engine, tmp_path: Path
) -> None:
    from tools.registry import tools

    flagged = sorted(name for name, spec in tools().items() if spec.supervisor_only)
    assert flagged == sorted(CHAT_ARGS)
    settings = office.settings_for(office_engine, tmp_path)
    for name in flagged:
        with Session(office_engine) as session, pytest.raises(PermissionDenied):
            run_tool(ToolContext(session=session, settings=settings, actor=STAFF, confirmed=True), name, CHAT_ARGS[name])
    assert [(a, allowed) for a, allowed, *_ in _audit(office_engine)] == [(n, False) for n in flagged]
