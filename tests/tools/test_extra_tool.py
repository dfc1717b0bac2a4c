"""A new chat tool is one module: the twelfth tool of tests/tools/extra_tool.py, registered for
one test and forgotten afterwards, is routed to offline, runs through the same authorisation and
audit, is offered to the LLM agent and listed by help — with no edit anywhere else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.router import route
from store.models import AuditLog
from tests.tools import office
from tools.actor import Actor
from tools.context import ToolContext
from tools.langchain import langchain_tools
from tools.registry import registered_from, run_tool, tools

MODULE = "tests.tools.extra_tool"
NAME = "reissue_slip"


@pytest.fixture
def extra_tool() -> Iterator[None]:
    with registered_from(MODULE) as added:
        assert added == [NAME]
        yield
    assert NAME not in tools()


def say(engine: Engine, tmp_path: Path, text: str, staff: str = office.STAFF_A):  # type: ignore[no-untyped-def]
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, tmp_path))
    return d.dispatch(IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text))


def audit_rows(engine: Engine) -> list[tuple[str, str | None, bool, str | None]]:
    with Session(engine) as s:
        return [(r.action, r.staff_id, r.allowed, r.case_id) for r in s.exec(select(AuditLog)).all()]


def test_the_offline_router_routes_a_matching_message_to_the_new_tool(extra_tool: None) -> None:
    r = route("10001の納付書を紛失したので再発行してください")
    assert (r.tool, r.ask) == (NAME, "")
    assert r.call() == {"tool": NAME, "args": {"case_id": "10001", "reason": "紛失"}}
    assert route("reissue the payment slip for case 10001").tool == NAME
    assert route("10001の概要").tool == "case_summary"  # the others keep their own


def test_the_new_tool_runs_through_the_same_authorisation_and_audit(
    extra_tool: None, office_engine: Engine, tmp_path: Path
) -> None:
    reply = say(office_engine, tmp_path, "10001の納付書を再発行して")
    assert reply is not None and reply.ok and "納付書の再発行を受け付けました" in reply.text
    refused = say(office_engine, tmp_path, "10001の納付書を再発行して", staff=office.STAFF_B)
    assert refused is not None and not refused.ok and "受け付けました" not in refused.text
    assert audit_rows(office_engine) == [
        (NAME, office.STAFF_A, True, office.CASE_A),
        (NAME, office.STAFF_B, False, office.CASE_A),
    ]


def test_the_llm_agent_and_help_offer_the_new_tool(extra_tool: None, office_engine: Engine, tmp_path: Path) -> None:
    with Session(office_engine) as session:
        ctx = ToolContext(
            session=session,
            settings=office.settings_for(office_engine, tmp_path),
            actor=Actor(office.STAFF_A, "web", "ja", "佐藤 花子", "staff", "A", office.STAFF_A),
        )
        offered = {t.name: t for t in langchain_tools(ctx, allow_case_data=True, sink=[])}
        listing = run_tool(ctx, "help", {}).plain_text()
    assert "納付書の再発行" in offered[NAME].description
    assert set(offered[NAME].args_schema.model_fields) == {"case_id", "reason"}  # type: ignore[union-attr]
    assert "納付書の再発行" in listing and "12345の納付書を再発行して" in listing


def test_without_the_fixture_the_registry_holds_the_twelve_tools() -> None:
    assert NAME not in tools() and len(tools()) == 12
    assert route("10001の納付書を再発行して").tool != NAME
