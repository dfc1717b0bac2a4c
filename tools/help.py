"""The help tool: what the assistant can do, with an example per tool."""

from __future__ import annotations

from pydantic import BaseModel

from tools.messages import t
from tools.registry import ToolContext, register, tools
from tools.reply import Reply, Section


class NoArgs(BaseModel):
    pass


@register(
    "help",
    description="このアシスタントでできること（各ツールと質問の例）を返す。",
    args=NoArgs,
    case_data=False,
    example="何ができるの？",
)
def help_tool(ctx: ToolContext, args: NoArgs) -> Reply:
    lang = ctx.actor.lang
    rows = [
        t("chat.help.row", lang, label=t(f"chat.tool.{spec.name}", lang), example=spec.example)
        for spec in tools().values()
        if spec.name != "help"
    ]
    return Reply(
        text=t("chat.help.header", lang),
        sections=[Section(text="\n".join(rows)), Section(text=t("chat.help.footer", lang))],
    )
