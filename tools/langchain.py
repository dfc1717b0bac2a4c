"""LangChain tools generated from the one registry, bound to who asks.

Each call goes through :func:`tools.registry.run_tool` (validation, authorisation, audit), so
the LLM can do nothing a user could not do through the offline router. Each call and its Reply
is kept in ``sink`` so the surface can still show their buttons and links, and the conversation
can remember them (the case in focus, a confirmation waiting for 「確定」, 「もっと見せて」).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool

from store.errors import ChoshuError
from tools.context import ToolContext
from tools.messages import error_text
from tools.registry import ToolSpec, run_tool, tools
from tools.reply import Reply


@dataclass(frozen=True)
class ToolRun:
    """One tool call the LLM made, with the arguments it ran with and its Reply."""

    tool: str
    args: dict[str, Any]
    reply: Reply


def allowed_specs(*, allow_case_data: bool) -> list[ToolSpec]:
    """Without permission to send case data, the LLM only gets the tools that read none."""
    return [spec for spec in tools().values() if allow_case_data or not spec.case_data]


def langchain_tools(
    ctx: ToolContext, *, allow_case_data: bool, sink: list[ToolRun]
) -> list[BaseTool]:
    return [_as_tool(spec, ctx, sink) for spec in allowed_specs(allow_case_data=allow_case_data)]


def _as_tool(spec: ToolSpec, ctx: ToolContext, sink: list[ToolRun]) -> BaseTool:
    def call(**kwargs: Any) -> str:
        args = {k: v for k, v in kwargs.items() if v is not None}
        try:
            reply = run_tool(ctx, spec.name, args)
        except ChoshuError as err:
            return error_text(err, ctx.actor.lang)
        sink.append(ToolRun(spec.name, args, reply))
        return reply.plain_text()

    return StructuredTool.from_function(
        func=call, name=spec.name, description=spec.description, args_schema=spec.args_schema
    )
