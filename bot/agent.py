"""LLM mode: a LangChain tool-calling agent (``create_agent``) over the same tool registry,
through any OpenAI-compatible endpoint (CHOSHU_LLM_BASE_URL).

Case data reaches the LLM only when CHOSHU_LLM_ALLOW_CASE_DATA is true. Otherwise the agent gets
only lookup_manual / search_law / help, and a message the offline router reads as a case
question is answered offline, on this machine. When the LLM cannot be reached the offline
router answers, with a note saying so.

The agent answers one request of a conversation: the conversation layer first handles what the
turns before give a meaning to (typed 「確定」「はい」「やめる」, 「もっと見せて」, 「今の取り消して」,
corrections, greetings), reads kana in kanji and fills in the case in focus, exactly as offline;
then the LLM answers what is left, and the conversation remembers the calls it made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage

from bot.chat.handler import handle_routed
from bot.chat.turn import Turn
from bot.router import Route, as_understood, route
from store.settings import Settings
from tools.langchain import ToolRun, langchain_tools
from tools.messages import t
from tools.registry import tools
from tools.reply import Link, Reply, Section

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "あなたは地方自治体の滞納整理（徴収）担当職員を助けるアシスタントです。"
    "質問に答えるときは必ず用意されたツールを使い、ツールの結果にないことを推測で答えないでください。"
    "法令・通達・マニュアルは引用元（条番号・資料名）を添えてください。"
    "担当替えは確認ボタンで確定されるまで実行されません。"
    "ユーザーが英語で書いたら英語で、それ以外は日本語で簡潔に答えてください。"
)
# The case a follow-up without a case number is about (only when the LLM may see case data).
FOCUS_PROMPT = "この会話で話題になっている案件は{case_id}です。案件番号のない質問はこの案件についての質問です。"


class LlmAgent:
    def __init__(
        self, settings: Settings, model_factory: Callable[[], BaseChatModel] | None = None
    ) -> None:
        self.settings = settings
        self.model_factory = model_factory or (lambda: default_model(settings))

    def answer(
        self,
        turn: Turn,
        *,
        text: str | None = None,
        offline: Route | None = None,
        case_in_focus: str | None = None,
        runs: list[ToolRun] | None = None,
    ) -> Reply:
        """The LLM's answer to one request.

        The conversation layer (``bot.chat.conversation``) hands in the request as it understood
        it: ``text`` (kana read in kanji), ``offline`` (the offline router's route, with the case
        in focus filled in: what answers when the case data must stay here or the LLM fails) and
        ``case_in_focus`` (the case a follow-up without a number is about; told to the LLM only
        when it may see case data). The tool calls that ran are appended to ``runs``.
        """
        assert turn.actor is not None
        runs = runs if runs is not None else []
        allow = self.settings.choshu_llm_allow_case_data
        text = text if text is not None else as_understood(turn.msg.text)
        if offline is None:
            offline = route(text, turn.dispatcher.lexicon(turn.session))
        if not allow and tools()[offline.tool].case_data and offline.confidence >= 0.5:
            return _offline(turn, offline, runs)  # case questions stay on this machine
        sink: list[ToolRun] = []
        from langchain.agents import create_agent

        prompt = SYSTEM_PROMPT
        if allow and case_in_focus:
            prompt += FOCUS_PROMPT.format(case_id=case_in_focus)
        try:
            agent = create_agent(
                model=self.model_factory(),
                tools=langchain_tools(turn.tool_context(), allow_case_data=allow, sink=sink),
                system_prompt=prompt,
            )
            result = agent.invoke({"messages": [HumanMessage(text)]})
        except Exception as err:  # the endpoint is down, refuses, or answers garbage
            log.warning("LLM unavailable (%s); answering offline", type(err).__name__)
            return _offline(turn, offline, runs, "chat.llm.fallback")
        final = _final_text(result.get("messages", []))
        if not final.strip() and not sink:  # empty text, or only a malformed tool call
            log.warning("LLM gave no usable answer; answering offline")
            return _offline(turn, offline, runs, "chat.llm.no_answer")
        runs.extend(sink)
        replies = [run.reply for run in sink]
        sections: list[Section] = [s for r in replies for s in r.sections if s.buttons]
        buttons = [b for r in replies for b in r.buttons]
        links: list[Link] = []
        for link in (x for r in replies for x in r.links):
            if link not in links:
                links.append(link)
        return Reply(
            text=final or (replies[-1].text if replies else ""),
            sections=sections,
            buttons=buttons,
            links=links,
            case_data=any(r.case_data for r in replies),
        )


def _offline(turn: Turn, offline: Route, runs: list[ToolRun], note_key: str = "") -> Reply:
    """The offline router's answer (a question back when it needs one), with a note saying why
    when the LLM failed."""
    assert turn.actor is not None
    reply = handle_routed(turn, offline)
    if not offline.ask:
        runs.append(ToolRun(offline.tool, offline.args, reply))
    if note_key:
        reply.text = f"{reply.text}\n{t(note_key, turn.actor.lang)}"
    return reply


def _final_text(messages: list[Any]) -> str:
    for message in reversed(messages):
        if isinstance(message, AIMessage) and message.content and not message.tool_calls:
            content = message.content
            return (
                content
                if isinstance(content, str)
                else "".join(
                    part.get("text", "") if isinstance(part, dict) else str(part)
                    for part in content
                )
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


def agent_for(
    settings: Settings, model_factory: Callable[[], BaseChatModel] | None = None
) -> LlmAgent | None:
    """The agent when CHOSHU_LLM_ENABLED, else None (the offline router answers)."""
    if not settings.choshu_llm_enabled:
        return None
    return LlmAgent(settings, model_factory)
