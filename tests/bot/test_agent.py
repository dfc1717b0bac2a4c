"""LLM mode with a scripted fake chat model (no network): the same registry, and case data
reaches the model only when CHOSHU_LLM_ALLOW_CASE_DATA is true."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.agent import LlmAgent
from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from store.models import AuditLog
from tests.tools import office


class ScriptedChatModel(BaseChatModel):
    """Answers with the scripted messages in turn and records what it was shown."""

    script: list[AIMessage]
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[str] = Field(default_factory=list)
    fail: bool = False

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:  # type: ignore[override]
        self.bound = [getattr(tool, "name", None) or tool["name"] for tool in tools]
        return self

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any) -> ChatResult:
        if self.fail:
            raise ConnectionError("endpoint down")
        self.seen.append(list(messages))
        return ChatResult(generations=[ChatGeneration(message=self.script[len(self.seen) - 1])])


def call(name: str, args: dict) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call_{name}", "type": "tool_call"}])


def dispatcher(engine: Engine, tmp_path: Path, model: ScriptedChatModel, *, allow: bool) -> Dispatcher:
    settings = office.settings_for(engine, tmp_path, choshu_llm_enabled=True, choshu_llm_allow_case_data=allow)
    return Dispatcher(engine=engine, settings=settings, agent=LlmAgent(settings, lambda: model))


def say(d: Dispatcher, text: str, staff: str = office.STAFF_A):
    return d.dispatch(IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text))


def test_without_permission_the_llm_gets_only_law_manual_and_help(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[call("help", {}), AIMessage(content="ヘルプを表示しました。")])
    reply = say(dispatcher(office_engine, tmp_path, model, allow=False), "このアシスタントで何ができるか教えて")
    assert set(model.bound) == {"lookup_manual", "search_law", "help", "exempt_amount"}  # no taxpayer data in it
    assert reply is not None and reply.text == "ヘルプを表示しました。"


def test_without_permission_a_case_question_never_reaches_the_llm(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[])
    reply = say(dispatcher(office_engine, tmp_path, model, allow=False), "案件10001の概要")
    assert model.seen == []
    assert reply is not None and reply.case_data and "250,000円" in reply.plain_text()


def test_with_permission_the_agent_calls_case_tools_through_authz_and_audit(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[call("case_summary", {"case_id": "10001"}), AIMessage(content="案件10001は住民税 250,000円です。")])
    reply = say(dispatcher(office_engine, tmp_path, model, allow=True), "10001ってどんな人？")
    assert "case_summary" in model.bound and "reassign_case" in model.bound
    tool_results = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert "250,000円" in str(tool_results[0].content)
    assert reply is not None and reply.case_data and "250,000円" in reply.text
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.action == "case_summary")).all()
    assert [(r.staff_id, r.case_id, r.allowed) for r in rows] == [(office.STAFF_A, "10001", True)]


def test_the_llm_cannot_open_a_case_of_another_team(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[call("case_summary", {"case_id": "10001"}), AIMessage(content="表示できません。")])
    say(dispatcher(office_engine, tmp_path, model, allow=True), "10001を見せて", staff=office.STAFF_B)
    tool_results = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert "他の係" in str(tool_results[0].content) and "250,000" not in str(tool_results[0].content)


def test_an_unreachable_llm_falls_back_to_the_offline_router(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[], fail=True)
    reply = say(dispatcher(office_engine, tmp_path, model, allow=False), "何ができるの？")
    assert reply is not None and "オフライン" in reply.text and "財産調査先" in reply.plain_text()


def test_an_unknown_user_is_refused_before_the_llm_is_asked(office_engine: Engine, tmp_path: Path) -> None:
    model = ScriptedChatModel(script=[call("help", {}), AIMessage(content="ヘルプ")])
    d = dispatcher(office_engine, tmp_path, model, allow=True)
    reply = d.dispatch(IncomingMessage(surface="slack", user_ref="UNOBODY01", text="何ができるの？"))
    assert reply is not None and not reply.ok and "職員名簿に登録されていない" in reply.text
    assert model.seen == [] and model.bound == []
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog)).all()
    assert [(r.action, r.user_ref, r.allowed) for r in rows] == [("chat", "UNOBODY01", False)]


def test_an_empty_or_malformed_llm_answer_still_gets_the_user_a_reply(office_engine: Engine, tmp_path: Path) -> None:
    broken = AIMessage(content="", invalid_tool_calls=[
        {"name": "help", "args": "{not json", "id": "call_1", "error": "bad json", "type": "invalid_tool_call"}
    ])
    model = ScriptedChatModel(script=[broken])
    reply = say(dispatcher(office_engine, tmp_path, model, allow=False), "何ができるの？")
    assert reply is not None and "オフライン" in reply.text and "財産調査先" in reply.plain_text()
