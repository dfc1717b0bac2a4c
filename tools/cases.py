"""Case tools: recommend_targets, case_summary (recording a result: ``tools.results``)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, Field

from investigation.types import RecommendedTarget
from store.ids import CaseId
from tools.context import ToolContext
from tools.format import kind_label, known_item, render_key, yen
from tools.links import article_links
from tools.messages import Lang, t
from tools.registry import Routing, register
from tools.reply import Reply, Section, case_link, document_link, run_button
from tools.usecases import cases
from tools.usecases.cases import InvestigationRow
from tools.worklist import prescription_line

# investigation.service (scikit-learn) loads lazily, inside the tools that use it.

LAST_INVESTIGATIONS = 3  # the latest results shown in a case summary
SHOWN_TARGETS = 5  # targets per answer; 「もっと見せて」 shows the next ones
MAX_OFFSET = 45


class CaseArgs(BaseModel):
    case_id: CaseId = Field(description="案件番号（数字。先頭の0も保持）", min_length=1, max_length=40)


class RecommendArgs(CaseArgs):
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET, description="先頭から飛ばす件数（「もっと見せて」の続き）")


RECOMMEND_CUE = re.compile(
    r"(調査|照会|調べ|財産|資産|ありそう|どこ|候補|財調|target|investigat|inquir|asset|where|look for)", re.I
)
SUMMARY_CUE = re.compile(
    r"(概要|状況|詳細|状態|ステータス|サマリー|について|どうなって|基本情報|経過|進捗|滞納額|税目|納期|担当は|"
    r"status|summary|details|overview|history|owed|who handles|tell me about|show case|open case)",
    re.I,
)
# Narrower than the cue where its words are everyday words of law questions too (「家の中を調べても
# いい？」「財産を隠したら罪になる？」 are not asking for this case's targets).
RECOMMEND_OWN_WORDS = re.compile(
    r"((調査|照会|調べ|当たる|あたる)(先|対象|候補|すべき|する(ところ|先|べき)|るところ|るべき|ればいい|たらいい)"
    r"|財調|候補|ありそう|どこ(を|に|から)?(調べ|照会|当た|あた)|何を調べ|財産(は|を教え|調査|の候補|ある)"
    r"|資産(は|調査)|targets?\b|investigat|inquir|where|look for)",
    re.I,
)


@register(
    "recommend_targets",
    description="案件番号を受け取り、財産調査（預貯金・給与・年金・保険・不動産など）の照会先を見込みの高い順に理由つきで返す。",
    args=RecommendArgs,
    case_data=True,
    example="010014の財産調査先はどこがいい？",
    examples=("19872番の財産調査先はどこがいい？", "Where should I investigate for case 31641?"),
    routing=Routing(
        cue=RECOMMEND_CUE, needs_case=True, evidence=lambda ent: bool(RECOMMEND_OWN_WORDS.search(ent.text))
    ),
)
def recommend_targets(ctx: ToolContext, args: RecommendArgs) -> Reply:
    """The best ``SHOWN_TARGETS`` targets after the first ``offset`` (「もっと見せて」: ranks 6–10)."""
    lang = ctx.actor.lang
    offset = args.offset
    # one more than shown: whether 「もっと見せて」 has anything to show
    top = offset + SHOWN_TARGETS + 1
    rec = cases.recommend_targets(actor=ctx.actor, session=ctx.session, settings=ctx.settings, case_id=args.case_id, top=top)
    shown = rec.targets[offset : offset + SHOWN_TARGETS]
    going_on = len(rec.targets) > offset + SHOWN_TARGETS and offset + len(shown) <= MAX_OFFSET
    more = offset + len(shown) if going_on else None
    links = [case_link(t("chat.link.case", lang), rec.case_id)]
    if offset:
        if not shown:
            return Reply(text=t("chat.more.end", lang), links=links, case_data=True)
        text = t("chat.recommend.more_header", lang, case_id=rec.case_id, first=offset + 1, last=offset + len(shown))
        return Reply(text=text, sections=_target_sections(rec.case_id, shown, lang), links=links, case_data=True, more_offset=more)
    sections = _target_sections(rec.case_id, shown, lang)
    if sections:
        text = t("chat.recommend.header", lang, case_id=rec.case_id, count=len(sections))
    else:
        why = render_key(rec.excluded.key, lang, rec.excluded.params) if rec.excluded else ""
        text = t("chat.recommend.none", lang, case_id=rec.case_id, why=why)
    if rec.known:
        items = ("、" if lang == "ja" else ", ").join(known_item(a, lang) for a in rec.known)
        sections.append(Section(text=t("chat.recommend.known", lang, items=items)))
    if rec.hardship.flag:
        reasons = ("・" if lang == "ja" else "; ").join(render_key(r.key, lang, r.params) for r in rec.hardship.reasons)
        sections.append(Section(text=t("chat.recommend.hardship", lang, reasons=reasons)))
    return Reply(text=text, sections=sections, links=links, case_data=True, more_offset=more)


def _target_sections(case_id: str, targets: list[RecommendedTarget], lang: Lang) -> list[Section]:
    """One section per target: rank, name, kind, chance, reasons, and the あり／なし buttons."""
    sections: list[Section] = []
    for target in targets:
        lines = [
            t(
                "chat.recommend.row",
                lang,
                rank=target.rank,
                name=target.target_name,
                kind=kind_label(target.target_kind, lang),
                score=round(target.score * 100),
            )
        ]
        lines += ["  " + render_key(r.key, lang, r.params) for r in target.reasons]
        call = {"case_id": case_id, "target_kind": target.target_kind, "target_id": target.target_id or None}
        sections.append(
            Section(
                text="\n".join(lines),
                buttons=[
                    run_button(t("chat.button.found", lang), "record_result", {**call, "result": "found"}, style="primary"),
                    run_button(t("chat.button.not_found", lang), "record_result", {**call, "result": "not_found"}),
                ],
            )
        )
    return sections


@register(
    "case_summary",
    description="案件番号を受け取り、滞納者・税目・滞納額・最古納期・状態・担当・直近の経過記録などの概要を返す。",
    args=CaseArgs,
    case_data=True,
    example="案件010014の概要",
    examples=("00137の概要", "summary of case No.82213"),
    routing=Routing(cue=SUMMARY_CUE, needs_case=True),
)
def case_summary(ctx: ToolContext, args: CaseArgs) -> Reply:
    lang = ctx.actor.lang
    summary = cases.case_summary(actor=ctx.actor, session=ctx.session, settings=ctx.settings, case_id=args.case_id)
    case, taxpayer, holder = summary.case, summary.taxpayer, summary.holder
    body = t(
        "chat.summary.body",
        lang,
        taxpayer=(taxpayer.name if taxpayer and taxpayer.name else case.taxpayer_id),
        tax_kind=case.tax_kind,
        amount=yen(case.amount_due),
        periods=case.periods if case.periods is not None else "-",
        oldest_due=case.oldest_due.isoformat(),
        status=render_key(f"chat.status.{case.status}", lang),
        staff=f"{holder.name}（{holder.staff_id}）" if holder else t("chat.unassigned", lang),
    )
    alert_days = ctx.settings.choshu_prescription_alert_days
    lines = [body, prescription_line(summary.prescription, lang, today=dt.date.today(), alert_days=alert_days)]
    lines.append(t("chat.summary.investigations", lang, count=summary.investigation_count, found=summary.found_count))
    standing = [i for i in summary.investigations if i.state == "active"]  # not corrected or undone
    if standing:
        lines.append(t("chat.summary.last_investigations", lang))
        lines += [_investigation_line(i, lang) for i in standing[:LAST_INVESTIGATIONS]]
    if summary.notes:
        lines.append(t("chat.summary.notes", lang))
        lines += [t("chat.summary.note", lang, date=n.date.isoformat(), text=n.text[:120]) for n in summary.notes]
    lines += [t("chat.guidance.line", lang, signal=g.signal, citation=g.citation) for g in summary.guidance]
    # the manual sections and articles the notes call for, on the search page
    guides = [document_link(g.citation, g.doc_id, g.signal) for g in summary.guidance]
    guides += article_links([summary.prescription.limitation.law], lang)  # the 時効 period's article
    return Reply(
        text=t("chat.summary.header", lang, case_id=case.case_id),
        sections=[Section(text="\n".join(lines), links=guides)],
        buttons=[
            run_button(t("chat.tool.recommend_targets", lang), "recommend_targets", {"case_id": case.case_id})
        ],
        links=[case_link(t("chat.link.case", lang), case.case_id)],
        case_data=True,
    )


def _investigation_line(row: InvestigationRow, lang: Lang) -> str:
    params = {
        "date": row.date.isoformat(),
        "target": row.target_name or kind_label(row.target_kind, lang),
        "result": render_key(f"chat.result.{row.result}", lang),
    }
    if row.amount:
        return t("chat.summary.investigation_amount", lang, amount=yen(row.amount), **params)
    return t("chat.summary.investigation", lang, **params)
