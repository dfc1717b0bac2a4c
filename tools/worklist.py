"""The worklist tool (「今日はどの案件から？」「時効が近い案件は？」) and the 時効 line every surface
shows (「時効完成予定 2027-06-30（督促 2022-06-20 により更新）」)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, Field

from investigation.prescription import Prescription
from investigation.types import Reason
from investigation.worklist import Ranked
from tools.context import ToolContext
from tools.entities import Entities
from tools.format import kind_label, render_key, yen
from tools.messages import Lang, t
from tools.registry import Routing, register
from tools.reply import Reply, Section, case_link, run_button, worklist_link
from tools.usecases.day import worklist

SHOWN = 10  # cases listed in a chat reply (the web page and the CLI list all)


def reason_text(reason: Reason, lang: Lang) -> str:
    params = dict(reason.params)
    if "kind" in params:
        params["kind"] = kind_label(params["kind"], lang)
    return render_key(reason.key, lang, params)


def basis_text(p: Prescription, lang: Lang) -> str:
    """Why this date: 「督促 2022-06-20 により更新」, with the period's article and adjustments."""
    parts = [render_key(p.basis.key, lang, p.basis.params)]
    parts += [render_key(n.key, lang, n.params) for n in p.notes]
    parts.append(t("prescription.law", lang, law=p.limitation.law, years=p.limitation.years))
    return "・".join(parts)


def prescription_line(p: Prescription, lang: Lang, *, today: dt.date, alert_days: int) -> str:
    """「時効完成予定 2027-06-30（督促 2022-06-20 により更新・地方税法18条1項 5年）」 (+ an alert)."""
    basis = basis_text(p, lang)
    if p.date is None:
        return t("prescription.line.none", lang, basis=basis)
    left = p.days_left(today) or 0
    key = "prescription.line.suspension" if p.by == "suspension" else "prescription.line.date"
    if left < 0:
        key = "prescription.line.extinguished"
    line = t(key, lang, date=p.date.isoformat(), basis=basis)
    if 0 <= left <= alert_days:
        line += t("prescription.alert", lang, days=left)
    return line


def is_alert(p: Prescription, *, today: dt.date, alert_days: int) -> bool:
    left = p.days_left(today)
    return left is not None and 0 <= left <= alert_days


def as_json(ranked: list[Ranked], lang: Lang = "ja") -> list[dict[str, Any]]:
    """The contract's ``worklist --json`` rows."""
    return [
        {
            "case_id": r.item.case_id,
            "prescription_date": r.item.prescription.date.isoformat()
            if r.item.prescription.date
            else "",
            "prescription_basis": basis_text(r.item.prescription, lang),
            "priority": r.rank,
            "reasons": [reason_text(x, lang) for x in r.reasons],
            "yen_per_hour": r.yen_per_hour,
            "amount_due": r.item.amount_due,
        }
        for r in ranked
    ]


class WorklistArgs(BaseModel):
    staff: str | None = Field(
        default=None, max_length=60, description="誰の一覧か（氏名または職員ID。省略時は本人）"
    )
    prescribing_only: bool = Field(
        default=False, description="時効が近い案件だけ（「時効が近い案件は？」）"
    )


WORKLIST_CUE = re.compile(
    r"(今日|本日|今週|どの案件|どれから|何から|優先|時効が?(?:近|迫|間近|切れ)|時効の?近い|やること|取り組む順|ワークリスト|"
    r"worklist|to-?do|today|first|prescrib|expire|priorit)",
    re.I,
)
_PRESCRIPTION = re.compile(r"(時効|prescri|expire)", re.I)
_HOW = re.compile(r"(どうすれば|どうする|どうしたら|方法|手続|手順|how to|how do)", re.I)


def worklist_args(ent: Entities) -> tuple[dict[str, Any], str]:
    """Whose list (a staff member the message names, when it means one person) and whether
    only the cases about to prescribe."""
    staff = ent.staff
    if not ent.case_ids and not (
        staff is not None and len(staff.staff_ids) == 1 and WORKLIST_CUE.search(ent.text)
    ):
        staff = None
    args: dict[str, Any] = {}
    if staff is not None and staff.staff_ids:
        args["staff"] = staff.staff_ids[0]
    if _PRESCRIPTION.search(ent.text):
        args["prescribing_only"] = True
    return args, ""


def worklist_score(score: float, ent: Entities) -> float:
    """「時効が近い案件はどうすればいい？」 asks for the procedure, not the list."""
    return score * 0.1 if _HOW.search(ent.text) else score


@register(
    "worklist",
    description="担当者の未完了案件を今日取り組む順に返す（時効が近い案件を先に、次に1時間あたりの回収見込みの高い順）。理由つき。",
    args=WorklistArgs,
    case_data=True,
    example="今日はどの案件から？",
    examples=("今日はどの案件から？", "which cases should I work on today?"),
    routing=Routing(cue=WORKLIST_CUE, args=worklist_args, score=worklist_score),
)
def worklist_tool(ctx: ToolContext, args: WorklistArgs) -> Reply:
    lang = ctx.actor.lang
    alert_days = ctx.settings.choshu_prescription_alert_days
    found = worklist(actor=ctx.actor, session=ctx.session, settings=ctx.settings, staff=args.staff)
    staff, ranked, soon = found.staff, found.ranked, found.prescribing
    shown = soon if args.prescribing_only else ranked
    header = t(
        "chat.worklist.header",
        lang,
        name=staff.name,
        count=len(ranked),
        soon=len(soon),
        days=alert_days,
    )
    if args.prescribing_only:
        header = t(
            "chat.worklist.soon_header", lang, name=staff.name, soon=len(soon), days=alert_days
        )
    # the whole list on the web (another person's when a supervisor asked for theirs)
    links = [worklist_link(t("chat.link.worklist", lang), staff.staff_id if args.staff else None)]
    if not shown:
        return Reply(
            text=header + "\n" + t("chat.worklist.empty", lang), links=links, case_data=True
        )
    sections = [
        Section(
            text=t(
                "chat.worklist.row",
                lang,
                rank=r.rank,
                case_id=r.item.case_id,
                amount=yen(r.item.amount_due),
                reasons="・".join(reason_text(x, lang) for x in r.reasons),
            ),
            buttons=[
                run_button(
                    t("chat.tool.case_summary", lang), "case_summary", {"case_id": r.item.case_id}
                )
            ],
            links=[case_link(t("chat.link.case_id", lang, case_id=r.item.case_id), r.item.case_id)],
        )
        for r in shown[:SHOWN]
    ]
    if len(shown) > SHOWN:
        sections.append(Section(text=t("chat.worklist.more", lang, count=len(shown) - SHOWN)))
    return Reply(text=header, sections=sections, links=links, case_data=True)
