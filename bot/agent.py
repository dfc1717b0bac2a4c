"""LLM mode: a LangChain tool-calling agent (``create_agent``) over the same tool registry,
through any OpenAI-compatible endpoint (CHOSHU_LLM_BASE_URL).

Case data reaches the LLM only when CHOSHU_LLM_ALLOW_CASE_DATA is true. Otherwise the agent gets
only lookup_manual / search_law / help, and a message the offline router reads as a case
question is answered offline, on this machine. When the LLM cannot be reached the offline
router answers, with a note saying so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage

from bot.chat.handler import handle_routed
from bot.chat.turn import Turn
from bot.router import Route, route
from store.settings import Settings
from tools.langchain import langchain_tools
from tools.messages import t
from tools.registry import tools
from tools.reply import Reply, Section

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "あなたは地方自治体の滞納整理（徴収）担当職員を助けるアシスタントです。"
    "質問に答えるときは必ず用意されたツールを使い、ツールの結果にないことを推測で答えないでください。"
    "法令・通達・マニュアルは引用元（条番号・資料名）を添えてください。"
    "担当替えは確認ボタンで確定されるまで実行されません。"
    "ユーザーが英語で書いたら英語で、それ以外は日本語で簡潔に答えてください。"
)


class LlmAgent:
    def __init__(self, settings: Settings, model_factory: Callable[[], BaseChatModel] | None = None) -> None:
        self.settings = settings
        self.model_factory = model_factory or (lambda: default_model(settings))

    def answer(self, turn: Turn) -> Reply:
        assert turn.actor is not None
        allow = self.settings.choshu_llm_allow_case_data
        offline = route(turn.msg.text, turn.dispatcher.lexicon(turn.session))
        if not allow and tools()[offline.tool].case_data and offline.confidence >= 0.5:
            return handle_routed(turn, offline)  # case questions stay on this machine
        sink: list[Reply] = []
        from langchain.agents import create_agent

        try:
            agent = create_agent(
                model=self.model_factory(),
                tools=langchain_tools(turn.tool_context(), allow_case_data=allow, sink=sink),
                system_prompt=SYSTEM_PROMPT,
            )
            result = agent.invoke({"messages": [HumanMessage(turn.msg.text)]})
        except Exception as err:  # the endpoint is down, refuses, or answers garbage
            log.warning("LLM unavailable (%s); answering offline", type(err).__name__)
            return _offline(turn, offline, "chat.llm.fallback")
        final = _final_text(result.get("messages", []))
        if not final.strip() and not sink:  # empty text, or only a malformed tool call
            log.warning("LLM gave no usable answer; answering offline")
            return _offline(turn, offline, "chat.llm.no_answer")
        sections: list[Section] = [s for r in sink for s in r.sections if s.buttons]
        buttons = [b for r in sink for b in r.buttons]
        return Reply(
            text=final or (sink[-1].text if sink else ""),
            sections=sections,
            buttons=buttons,
            case_data=any(r.case_data for r in sink),
        )


def _offline(turn: Turn, offline: Route, note_key: str) -> Reply:
    assert turn.actor is not None
    reply = handle_routed(turn, offline)
    reply.text = f"{reply.text}\n{t(note_key, turn.actor.lang)}"
    return reply


def _final_text(messages: list[Any]) -> str:
    for message in reversed(messages):
        if isinstance(message, AIMessage) and message.content and not message.tool_calls:
            content = message.content
            return content if isinstance(content, str) else "".join(
                part.get("text", "") if isinstance(part, dict) else str(part) for part in content
            )
    return ""


def default_model(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.choshu_llm_model,
        base_url=settings.choshu_llm_base_url,
        api_key=settings.choshu_llm_api_key or "not-needed",  # type: ignore[arg-type]
        timeout=30,
        max_retries=1,
        temperature=0,
    )


def agent_for(settings: Settings, model_factory: Callable[[], BaseChatModel] | None = None) -> LlmAgent | None:
    """The agent when CHOSHU_LLM_ENABLED, else None (the offline router answers)."""
    if not settings.choshu_llm_enabled:
        return None
    return LlmAgent(settings, model_factory)
