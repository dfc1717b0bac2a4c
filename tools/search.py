"""Search tools: lookup_manual (manual, FAQ) and search_law (statutes, notices); 👍/👎 ratings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from tools import audit
from tools.messages import t
from tools.registry import ToolContext, register
from tools.reply import Button, Reply, Section

TOP = 3


class QueryArgs(BaseModel):
    query: str = Field(description="質問文（日本語）", min_length=1, max_length=1000)


@register(
    "lookup_manual",
    description="事務処理マニュアルとFAQから手続き・やり方を探し、該当箇所を引用して返す（例: 分納誓約の手続き）。",
    args=QueryArgs,
    case_data=False,
    example="分納誓約の手続きは？",
)
def lookup_manual(ctx: ToolContext, args: QueryArgs) -> Reply:
    from retrieval.service import lookup_manual as find

    return _hits_reply(ctx, args.query, find(settings=ctx.settings, query=args.query, top=TOP, session=ctx.session))


@register(
    "search_law",
    description="法令（国税徴収法・地方税法など）と通達から条文を探し、条番号つきで引用して返す（例: 給与の差押禁止額）。",
    args=QueryArgs,
    case_data=False,
    example="給与の差押禁止額の条文は？",
)
def search_law(ctx: ToolContext, args: QueryArgs) -> Reply:
    from retrieval.service import search_law as find

    return _hits_reply(ctx, args.query, find(settings=ctx.settings, query=args.query, top=TOP, session=ctx.session))


def _hits_reply(ctx: ToolContext, query: str, hits: list[Any]) -> Reply:
    lang = ctx.actor.lang
    if not hits:
        return Reply(text=t("chat.search.none", lang, query=query[:80]))
    sections = []
    for rank, hit in enumerate(hits, start=1):
        rate = {"doc_id": hit.doc_id, "query": query[:1000]}
        sections.append(
            Section(
                text=t("chat.search.hit", lang, rank=rank, citation=hit.citation, highlight=hit.highlight or hit.text[:200]),
                buttons=[
                    Button(t("chat.button.good", lang), "rate", {**rate, "value": 1}),
                    Button(t("chat.button.bad", lang), "rate", {**rate, "value": -1}),
                ],
            )
        )
    return Reply(text=t("chat.search.header", lang, query=query[:80]), sections=sections)


def rate_hit(ctx: ToolContext, *, doc_id: str, query: str, value: int) -> Reply:
    """A 👍/👎 button: stored for the re-ranking of later searches."""
    from retrieval.service import rate

    rate(
        session=ctx.session,
        doc_id=doc_id,
        query=query,
        value=value,
        staff_id=ctx.actor.staff_id,
        surface=ctx.actor.surface,
    )
    audit.record(ctx, action="rate", detail=f"{doc_id}:{value:+d}")
    return Reply(text=t("chat.rate.thanks", ctx.actor.lang))
