"""One case-number rule (store.ids.parse_case_id) for the router, the tools' argument schemas
and the engines' service: every form an officer types reads as the same case, leading zeros
kept."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.router import extract, route
from bot.router.entities import Lexicon
from investigation import service
from store.errors import InvalidInput
from store.ids import parse_case_id
from store.models import Investigation
from tests.tools import office
from tools.actor import Actor
from tools.cases import CaseArgs
from tools.context import ToolContext
from tools.registry import run_tool

FORMS = ["＃０１００１４", "No.010014", "案件010014", "010014"]


@pytest.mark.parametrize("written", FORMS)
def test_router_schema_and_service_read_one_case_number(written: str) -> None:
    assert parse_case_id(written) == "010014"
    assert extract(written, Lexicon()).case_ids == ["010014"]
    assert route(f"{written}の概要").call() == {"tool": "case_summary", "args": {"case_id": "010014"}}
    assert CaseArgs(case_id=written).case_id == "010014"


@pytest.mark.parametrize("written", ["", "abc", "12-34", "No.", "１２３４５円" * 9])
def test_what_is_not_a_case_number_is_refused_alike(written: str) -> None:
    with pytest.raises(InvalidInput):
        parse_case_id(written)
    with pytest.raises(ValueError):
        CaseArgs(case_id=written)


@pytest.mark.parametrize("written", ["＃０００４２", "No.00042", "案件00042", "00042"])
def test_each_form_reaches_the_same_stored_case(office_engine, tmp_path, written: str) -> None:
    with Session(office_engine) as session:
        staff = Actor(office.STAFF_A, "web", "ja", "佐藤 花子", "staff", "A", office.STAFF_A)
        ctx = ToolContext(session=session, settings=office.settings_for(office_engine, tmp_path), actor=staff)
        assert f"案件{office.CASE_ZERO}の概要" == run_tool(ctx, "case_summary", {"case_id": written}).text
        service.record_result(
            session=session, case_id=written, target_kind="pension", target_id=None, result="found",
            staff_id=office.STAFF_A, surface="web",
        )
        session.commit()
        assert [i.case_id for i in session.exec(select(Investigation)).all()] == [office.CASE_ZERO]
        with pytest.raises(InvalidInput):
            service.recommend_case(session=session, case_id="No.abc", model_dir=tmp_path)
