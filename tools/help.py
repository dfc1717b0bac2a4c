"""The help tool: what the assistant can do, with an example per tool."""

from __future__ import annotations

import re

from pydantic import BaseModel

from tools.context import ToolContext
from tools.messages import t
from tools.registry import Routing, register, tools
from tools.reply import Reply, Section


class NoArgs(BaseModel):
    pass


HELP_CUE = re.compile(
    r"(メニュー|menu|ヘルプ|機能|features)|^(ヘルプ|使い方|何ができ|できること|こんにちは|ありがとう|メニュー|コマンド|help|menu|hello|hi\b|thanks|"
    r"good morning|commands|おはよう|お疲れ|よろしく|はじめまして)|何ができ|できること|使い方|what can you",
    re.I,
)


@register(
    "help",
    description="このアシスタントでできること（各ツールと質問の例）を返す。",
    args=NoArgs,
    case_data=False,
    example="何ができるの？",
    examples=("何ができますか", "what is this bot"),
    routing=Routing(cue=HELP_CUE),
)
def help_tool(ctx: ToolContext, args: NoArgs) -> Reply:
    lang = ctx.actor.lang
    rows = [
        t("chat.help.row", lang, label=spec.title(lang), example=spec.example)
        for spec in tools().values()
        if spec.name != "help"
    ]
    return Reply(
        text=t("chat.help.header", lang),
        sections=[Section(text="\n".join(rows)), Section(text=t("chat.help.footer", lang))],
    )
