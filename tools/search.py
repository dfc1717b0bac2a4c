"""Search tools: lookup_manual (manual, FAQ) and search_law (statutes, notices); 👍/👎 ratings."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from retrieval.cite import mark
from retrieval.types import Hit
from tools.context import ToolContext
from tools.entities import Entities
from tools.messages import t
from tools.registry import Routing, register
from tools.reply import Button, Reply, Section, document_link
from tools.usecases import search

# retrieval.service (Chroma, BM25, SudachiPy) loads lazily, inside the tools that use it.

TOP = 3
MAX_OFFSET = 30


class QueryArgs(BaseModel):
    query: str = Field(description="質問文（日本語）", min_length=1, max_length=1000)
    offset: int = Field(
        default=0, ge=0, le=MAX_OFFSET, description="先頭から飛ばす件数（「もっと見せて」の続き）"
    )


MANUAL_CUE = re.compile(
    r"(手続|手順|方法|やり方|流れ|様式|書類|マニュアル|進め方|作り方|出し方|送り方|対応|処理|準備|管理|実務|"
    r"いつまで|どうすれば|どうする|何をす|すべきこと|気をつけ|"
    r"how (?:to|do)|procedure|steps|manual|forms?\b|workflow|handle)",
    re.I,
)
LAW_CUE = re.compile(
    r"(条|(?<!方)法|規定|根拠|通達|判例|要件|article|act\b|statute|law|legal|notice)", re.I
)


def query_args(ent: Entities) -> tuple[dict[str, Any], str]:
    """The whole message, as written, is the query."""
    return {"query": ent.raw}, ""


@register(
    "lookup_manual",
    description="事務処理マニュアルとFAQから手続き・やり方を探し、該当箇所を引用して返す（例: 分納誓約の手続き）。",
    args=QueryArgs,
    case_data=False,
    example="分納誓約の手続きは？",
    examples=("分納誓約の手続きは？", "when should the demand notice be sent"),
    routing=Routing(cue=MANUAL_CUE, args=query_args),
)
def lookup_manual(ctx: ToolContext, args: QueryArgs) -> Reply:
    return _hits_reply(ctx, args.query, *_search(ctx, args.query, search.MANUAL, args.offset), args.offset)


@register(
    "search_law",
    description="法令（国税徴収法・地方税法など）と通達から条文を探し、条番号つきで引用して返す（例: 給与の差押禁止額）。",
    args=QueryArgs,
    case_data=False,
    example="給与の差押禁止額の条文は？",
    examples=("給与の差押禁止額の条文は？", "which statute allows searching a home"),
    routing=Routing(cue=LAW_CUE, args=query_args),
)
def search_law(ctx: ToolContext, args: QueryArgs) -> Reply:
    return _hits_reply(ctx, args.query, *_search(ctx, args.query, search.LAW, args.offset), args.offset)


def _search(
    ctx: ToolContext, query: str, kinds: tuple[str, ...], offset: int = 0
) -> tuple[list[Hit], bool]:
    """The ``TOP`` best hits after the first ``offset`` (「もっと見せて」), and whether they
    come from the reduced search: a turn that has already waited longer than
    CHOSHU_SEARCH_REDUCE_AFTER_MS (the server is busy) skips e5, about half of its CPU, unless
    the question was encoded before; 「もっと見せて」 after a reduced answer goes on reduced."""
    limit = ctx.settings.choshu_search_reduce_after_ms
    late = bool(limit) and ctx.waited_ms() > limit
    reduced = ctx.reduced_search or (late and search.reduces(settings=ctx.settings, query=query))
    hits = search.search(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        query=query,
        kinds=kinds,
        top=TOP + offset,
        reduced=reduced,
    )
    return hits[offset:], reduced


SECTION_CHARS = 2800  # a chat section (Slack allows 3000 characters) holds this much text
QUERY_IN_BUTTON = 200  # the question a 「全文を見る」 button carries, to mark the sentence again


def _hits_reply(
    ctx: ToolContext, query: str, hits: list[Hit], reduced: bool = False, offset: int = 0
) -> Reply:
    """Each hit: its citation and the paragraph that matched (the sentence marked 【】), with
    「全文を見る」 (statutes, notices) or 「続きを読む」 (manual, FAQ) when there is more. A reduced
    search says so (asked again later, the question gets the full search)."""
    lang = ctx.actor.lang
    note = f"\n{t('chat.search.reduced', lang)}" if reduced else ""
    if not hits:
        return Reply(text=t("chat.search.none", lang, query=query[:80]) + note, reduced=reduced)
    sections = []
    for rank, hit in enumerate(hits, start=1 + offset):
        rate = {"doc_id": hit.doc_id, "query": query[:1000]}
        part = hit.paragraph or hit.highlight or hit.text[:200]
        buttons = []
        if hit.full_text and part.strip() != hit.full_text.strip():
            label = (
                "chat.button.read_more"
                if hit.kind in ("manual", "faq")
                else "chat.button.full_text"
            )
            buttons.append(
                Button(
                    t(label, lang),
                    "full_text",
                    {"doc_id": hit.doc_id, "query": query[:QUERY_IN_BUTTON]},
                )
            )
        buttons += [
            Button(t("chat.button.good", lang), "rate", {**rate, "value": 1}),
            Button(t("chat.button.bad", lang), "rate", {**rate, "value": -1}),
        ]
        sections.append(
            Section(
                text=t(
                    "chat.search.paragraph",
                    lang,
                    rank=rank,
                    citation=hit.citation,
                    paragraph=_marked(part, hit.highlight),
                ),
                buttons=buttons,
                links=[
                    document_link(
                        t("chat.link.document", lang), hit.doc_id, query[:QUERY_IN_BUTTON]
                    )
                ],
            )
        )
    return Reply(
        text=t("chat.search.header", lang, query=query[:80]) + note,
        sections=sections,
        more_offset=_next(offset + len(hits)),
        reduced=reduced,
    )


def _next(offset: int) -> int | None:
    """Where 「もっと見せて」 goes on, within the offsets a search takes."""
    return offset if offset <= MAX_OFFSET else None


def full_text(ctx: ToolContext, *, doc_id: str, query: str = "") -> Reply:
    """A 「全文を見る」 / 「続きを読む」 button: the article, notice page, manual section or FAQ
    answer whole, the sentence that answered the question marked, cut into chat-sized sections
    at line ends."""
    hit = search.document(
        actor=ctx.actor, settings=ctx.settings, doc_id=doc_id, query=query[:QUERY_IN_BUTTON]
    )
    text = _marked(hit.full_text, hit.highlight)
    lang = ctx.actor.lang
    return Reply(
        text=t("chat.search.full_header", lang, citation=hit.citation),
        sections=[Section(text=chunk) for chunk in _chunks(text, SECTION_CHARS)],
        links=[document_link(t("chat.link.document", lang), doc_id, query[:QUERY_IN_BUTTON])],
    )


def _marked(text: str, sentence: str) -> str:
    return mark(text, sentence)


def _chunks(text: str, size: int) -> list[str]:
    """``text`` cut at line ends into pieces of at most ``size`` characters (a longer line is cut
    where it must)."""
    out: list[str] = []
    buf = ""
    for line in text.splitlines():
        while len(line) > size:
            if buf:
                out.append(buf)
                buf = ""
            out.append(line[:size])
            line = line[size:]
        if buf and len(buf) + 1 + len(line) > size:
            out.append(buf)
            buf = ""
        buf = f"{buf}\n{line}" if buf else line
    if buf or not out:
        out.append(buf)
    return out


def rate_hit(ctx: ToolContext, *, doc_id: str, query: str, value: int) -> Reply:
    """A 👍/👎 button: stored for the re-ranking of later searches."""
    search.rate(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        doc_id=doc_id,
        query=query,
        value=value,
    )
    return Reply(text=t("chat.rate.thanks", ctx.actor.lang))
