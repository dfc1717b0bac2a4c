"""Assignment tools (supervisors only): reassign_case, assign_cases."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from matching.types import AssignmentPlan, ReassignResult
from tools.cases import CaseArgs
from tools.context import ToolContext
from tools.entities import Entities
from tools.format import hours
from tools.messages import Lang, t
from tools.registry import Routing, register
from tools.reply import Button, Reply, Section, case_link, dashboard_link, run_button
from tools.usecases import assignment

# matching (OR-Tools) loads lazily, inside the tools that use it: the chat starts without it.


class ReassignArgs(CaseArgs):
    to_staff: str = Field(description="新しい担当者の氏名または職員ID（書かれたとおり）", min_length=1, max_length=60)
    to_staff_id: str | None = Field(
        default=None, max_length=40, description="to_staff が指す職員ID（特定済みのときだけ。省略時は to_staff から探す）"
    )
    expect_from: str | None = Field(
        default=None, max_length=40,
        description="確認を求めたときの担当者の職員ID（未割当は空文字）。確定時に変わっていれば実行しない",
    )


class AssignArgs(BaseModel):
    development_weight: float | None = Field(
        default=None, ge=0.0, le=1.0, description="育成の重み（0〜1、省略時は設定の既定値）"
    )
    team: str | None = Field(default=None, max_length=40, description="対象の係（書かれたとおり、例: 第一係）。省略時は全体")


class ApplyPlanArgs(BaseModel):
    pass


REASSIGN_VERB = re.compile(
    r"(担当|替え|変更|移し|移管|移して|引き継|回して|振って|任せ|渡して|割り?当て?直|付け替|"
    r"reassign|move|transfer|give|hand over|assign|owner|take)",
    re.I,
)
ASSIGN_CUE = re.compile(
    r"(割当|割り当て|割振|割り振|配分|振り分け|担当割|assignment|allocation|rebalance|workload|distribute)", re.I
)
# a typed 「確定」: apply the pending assignment plan (the button does the same)
CONFIRM = re.compile(r"^(確定|確定します|確定して(ください)?|確定でお願いします|confirm|apply)[。!！]?$", re.I)


def reassign_args(ent: Entities) -> tuple[dict[str, Any], str]:
    """The new holder as written, and their staff ID when the name means one person."""
    staff = ent.staff if ent.case_ids else None
    if staff is None:
        return {}, "to_staff"
    args: dict[str, Any] = {"to_staff": staff.written}
    if len(staff.staff_ids) == 1:
        args["to_staff_id"] = staff.staff_ids[0]
    return args, ""


def reassign_score(score: float, ent: Entities) -> float:
    """A case number, a staff member and a verb of handing over; else hardly a reassignment
    (「010014の担当は？」 asks who holds it)."""
    if ent.case_ids and ent.staff and REASSIGN_VERB.search(ent.text) and "担当は" not in ent.text:
        return score + 0.6
    return score * 0.1


def assign_args(ent: Entities) -> tuple[dict[str, Any], str]:
    args: dict[str, Any] = {}
    if ent.weight is not None:
        args["development_weight"] = ent.weight
    if ent.team is not None:
        args["team"] = ent.team
    return args, ""


@register(
    "reassign_case",
    description="案件の担当者を別の職員に替える（係長のみ）。実行前に「確定」ボタンで確認を求める。",
    args=ReassignArgs,
    case_data=True,
    supervisor_only=True,
    example="010014の担当を佐藤さんに",
    examples=("36774の担当を山田さんに", "reassign No.55159 to Ito"),
    routing=Routing(
        needs_case=True,
        args=reassign_args,
        score=reassign_score,
        resolved=("to_staff_id", "expect_from"),
        # a staff member and a verb of handing over
        evidence=lambda ent: bool(ent.staff) and reassign_score(1.0, ent) > 1.0,
    ),
)
def reassign_case(ctx: ToolContext, args: ReassignArgs) -> Reply:
    lang = ctx.actor.lang
    outcome = assignment.reassign_case(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        case_id=args.case_id,
        # the staff ID the router resolved the name to, when it did (the same resolver)
        to_staff=args.to_staff_id or args.to_staff,
        confirmed=ctx.confirmed,
        expected_holder=args.expect_from,
    )
    case_id = outcome.case_id
    if outcome.state == "ambiguous":
        return Reply(
            text=t("chat.ask.which_staff", lang, written=args.to_staff, count=len(outcome.candidates)),
            buttons=[
                run_button(f"{p.name}（{p.staff_id}）", "reassign_case", {"case_id": case_id, "to_staff": p.staff_id})
                for p in outcome.candidates
            ],
        )
    target = outcome.to_staff
    assert target is not None
    from_name = outcome.from_staff.name if outcome.from_staff else t("chat.unassigned", lang)
    links = [case_link(t("chat.link.case", lang), case_id)]
    if outcome.state == "same":
        return Reply(text=t("chat.reassign.same", lang, case_id=case_id, to_name=target.name), links=links)
    if outcome.state in ("confirm", "moved"):
        # bound to the holder shown: confirming after the case has moved is refused
        holder = outcome.from_staff.staff_id if outcome.from_staff else ""
        call = {"case_id": case_id, "to_staff": target.staff_id, "expect_from": holder}
        key = "chat.reassign.moved" if outcome.state == "moved" else "chat.reassign.confirm"
        return Reply(
            text=t(key, lang, case_id=case_id, from_name=from_name, to_name=target.name, to_id=target.staff_id),
            buttons=[
                run_button(t("chat.button.confirm", lang), "reassign_case", call, confirmed=True, style="primary"),
                Button(label=t("chat.button.cancel", lang), action="cancel", payload={}),
            ],
            links=links,
        )
    assert outcome.result is not None
    lines = [
        t("chat.reassign.hours", lang, name=name, before=hours(before), after=hours(after))
        for name, before, after in _hour_rows(outcome.result, from_name, target.name)
    ]
    return Reply(
        text=t("chat.reassign.done", lang, case_id=case_id, from_name=from_name, to_name=target.name),
        sections=[Section(text="\n".join(lines))] if lines else [],
        links=links,
        case_data=True,
    )


def _hour_rows(result: ReassignResult, from_name: str, to_name: str) -> list[tuple[str, float | None, float | None]]:
    """(name, hours before, hours after) of both people, when known."""
    rows: list[tuple[str, float | None, float | None]] = [
        (from_name, result.from_hours_before, result.from_hours_after),
        (to_name, result.to_hours_before, result.to_hours_after),
    ]
    return [(name, before, after) for name, before, after in rows if before is not None or after is not None]


@register(
    "assign_cases",
    description="未処理案件の割当表（担当者ごとの件数と見込み時間）を作る（係長のみ）。全体または一つの係（「第一係だけ」）。育成の重み（0〜1、育成重視・効率重視）を指定できる。案はダッシュボードと「確定」で適用できる。",
    args=AssignArgs,
    case_data=True,
    supervisor_only=True,
    example="今年度の割当表を作って",
    examples=("今年度の割当表を作って", "workload balancing for the team"),
    routing=Routing(cue=ASSIGN_CUE, args=assign_args),
)
def assign_cases(ctx: ToolContext, args: AssignArgs) -> Reply:
    lang = ctx.actor.lang
    plan = assignment.make_plan(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        development_weight=args.development_weight,
        team=args.team,
    )
    scope = t("assign.scope.team", lang, team=plan.team) if plan.team else t("assign.scope.office", lang)
    lines = [scope, *_plan_rows(plan, lang)]
    if plan.cross_team_moves:
        lines.append(t("assign.cross_team_moves", lang, count=plan.cross_team_moves))
    return Reply(
        text=_plan_header(plan, lang),
        sections=[Section(text="\n".join(lines)), Section(text=t("chat.assign.footer", lang, moves=plan.moves))],
        buttons=[
            run_button(t("chat.button.confirm", lang), "apply_plan", {}, confirmed=True, style="primary"),
            Button(label=t("chat.button.cancel", lang), action="cancel", payload={}),
        ],
        links=[dashboard_link(t("chat.link.dashboard", lang), plan.team)],
        case_data=True,
    )


@register(
    "apply_plan",
    description="作成済みの割当案を確定して担当者を変更する（係長のみ、「確定」）。",
    args=ApplyPlanArgs,
    case_data=True,
    supervisor_only=True,
    example="確定",
    routing=Routing(command=CONFIRM),
)
def apply_plan(ctx: ToolContext, args: ApplyPlanArgs) -> Reply:
    lang = ctx.actor.lang
    moved = assignment.apply_plan(actor=ctx.actor, session=ctx.session, settings=ctx.settings)
    links = [dashboard_link(t("chat.link.dashboard", lang))]
    if moved is None:  # no plan waiting: the dashboard makes one
        return Reply(text=t("chat.plan.none", lang), links=links)
    return Reply(text=t("chat.plan.applied", lang, moved=moved), links=links, case_data=True)


def _plan_header(plan: AssignmentPlan, lang: Lang) -> str:
    return t(
        "chat.assign.header",
        lang,
        weight=plan.development_weight,
        cases=len(plan.rows),
        staff=len(plan.summary),
        makespan=hours(plan.makespan),
        bound=hours(plan.lower_bound),
        gap=f"{plan.gap * 100:.1f}",
    )


def _plan_rows(plan: AssignmentPlan, lang: Lang) -> list[str]:
    return [
        t("chat.assign.row", lang, name=s.name, cases=s.cases, hours=hours(s.hours))
        for s in plan.summary
    ]
