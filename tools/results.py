"""Result tools: record_result (あり／なし with the amount found; a duplicate refused, a
contradiction asked about) and undo_result (the 「取り消す」 button of each recorded result)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from store.models import INVESTIGATION_RESULTS, TARGET_KINDS
from tools.cases import CaseArgs
from tools.context import ToolContext
from tools.entities import Entities
from tools.format import kind_label, yen
from tools.messages import Lang, t
from tools.registry import Routing, register
from tools.reply import Button, Reply, case_link, run_button
from tools.usecases import cases
from tools.usecases.cases import PastResult, RecordedResult

# Times are stored in UTC and shown in the office's time (Japan).
JST = dt.timezone(dt.timedelta(hours=9), "JST")


class RecordArgs(CaseArgs):
    target_kind: str = Field(description="照会先の種類: " + ", ".join(TARGET_KINDS))
    target_id: str | None = Field(default=None, description="金融機関ID・事業所ID（ない種類は空）")
    result: str = Field(description="found（あり）または not_found（なし）")
    amount: int | None = Field(default=None, ge=0, le=10**12, description="判明した金額（円。残高・給与など、書かれていれば）")
    on_conflict: Literal["ask", "correct", "add"] = Field(
        default="ask", description="前回の記録と食い違うとき: ask（確認する）, correct（訂正）, add（別の記録として追加）"
    )
    replaces: int | None = Field(default=None, description="訂正する記録のID（correct のとき）")

    @field_validator("target_kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in TARGET_KINDS:
            raise ValueError("unknown target_kind")
        return value

    @field_validator("result")
    @classmethod
    def _result(cls, value: str) -> str:
        if value not in INVESTIGATION_RESULTS:
            raise ValueError("result must be found or not_found")
        return value


class UndoArgs(BaseModel):
    result_id: int = Field(description="取り消す照会結果の記録ID（記録の返信の「取り消す」ボタンが持つ）", ge=1)


RECORD_CUE = re.compile(r"(記録|回答|判明|record|log result|returned)", re.I)


def record_args(ent: Entities) -> tuple[dict[str, Any], str]:
    """The target, the result and the amount; asks for the result when either is missing."""
    args: dict[str, Any] = {"target_kind": ent.target_kind}
    if ent.target_id is not None:
        args["target_id"] = ent.target_id
    args["result"] = ent.result
    if ent.money is not None:
        args["amount"] = ent.money
    return args, "result" if ent.target_kind is None or ent.result is None else ""


# A result word, and what it can be about, in the words officers report with.
REPORT = re.compile(
    r"(あり(?!そう|ます[かの])|有り|あった|有った|なし|無し|なかった|無かった|ありません|在籍|残高|見つか|"
    r"判明|該当なし|取引なし|\bfound\b|not found|\bnone\b)",
    re.I,
)
_REPORT_TARGET = re.compile(r"(在籍|残高|勤務|給与|口座|預金)")


def record_evidence(ent: Entities) -> bool:
    """A result word about a target or an amount (「みどり信金ありでした」「在籍なし」「残高 12万円」),
    or the cue with a target and a result: not 口座 or 「ない」 in a law question."""
    text = ent.text
    if REPORT.search(text) and (ent.target_kind or ent.money is not None or _REPORT_TARGET.search(text)):
        return True
    return bool(RECORD_CUE.search(text) and ent.target_kind and ent.result)


def record_score(score: float, ent: Entities) -> float:
    """A case number, a target and a result word make a record; no result word, hardly."""
    if ent.case_ids and ent.result and ent.target_kind:
        return score + 1.0
    if not ent.result:
        return score * 0.3
    return score


@register(
    "record_result",
    description="財産調査の照会結果（あり／なし、判明した金額）を案件に記録する。照会先の種類と、金融機関・事業所があればそのIDを指定する。",
    args=RecordArgs,
    case_data=True,
    example="010014の〇〇銀行照会、口座ありでした",
    examples=("００７９８の野村證券照会、口座ありでした", "record result for No.30877: MUFG found"),
    routing=Routing(
        cue=RECORD_CUE, needs_case=True, args=record_args, score=record_score, evidence=record_evidence
    ),
)
def record_result(ctx: ToolContext, args: RecordArgs) -> Reply:
    lang = ctx.actor.lang
    done = cases.record_result(
        actor=ctx.actor,
        session=ctx.session,
        settings=ctx.settings,
        case_id=args.case_id,
        target_kind=args.target_kind,
        target_id=args.target_id,
        result=args.result,
        amount=args.amount,
        on_conflict=args.on_conflict,
        replaces=args.replaces,
    )
    target = target_text(done, lang)
    result = result_text(done.result, done.amount, lang)
    links = [case_link(t("chat.link.case", lang), done.case_id)]
    if done.state == "duplicate" and done.previous is not None:
        return Reply(
            text=t("chat.record.duplicate", lang, case_id=done.case_id, target=target, **past_params(done.previous, lang)),
            links=links,
            case_data=True,
            ok=False,
        )
    if done.state == "contradiction" and done.previous is not None:
        call = args.model_dump(exclude_none=True)
        return Reply(
            text=t("chat.record.contradiction", lang, case_id=done.case_id, target=target, new=result, **past_params(done.previous, lang)),
            buttons=[
                run_button(
                    t("chat.button.correct", lang),
                    "record_result",
                    {**call, "on_conflict": "correct", "replaces": done.previous.id},
                    style="primary",
                ),
                run_button(t("chat.button.add", lang), "record_result", {**call, "on_conflict": "add"}),
                Button(label=t("chat.button.cancel_record", lang), action="cancel", payload={}),
            ],
            links=links,
            case_data=True,
        )
    if done.state == "corrected" and done.previous is not None:
        text = t("chat.record.corrected", lang, case_id=done.case_id, target=target, result=result, **past_params(done.previous, lang))
    else:
        text = t("chat.record.done", lang, case_id=done.case_id, target=target, result=result)
    return Reply(
        text=text,
        buttons=[undo_button(done.id or 0, lang)],
        links=links,
        case_data=True,
    )


def undo_button(result_id: int, lang: Lang) -> Button:
    """「取り消す」 of one recorded result."""
    return run_button(t("chat.button.undo", lang), "undo_result", {"result_id": result_id}, style="danger")


def target_text(done: RecordedResult | cases.UndoneResult, lang: Lang) -> str:
    name = done.target_name or done.target_id
    return kind_label(done.target_kind, lang) + (f"（{name}）" if done.target_id else "")


def result_text(result: str, amount: int | None, lang: Lang) -> str:
    word = t(f"chat.result.{result}", lang)
    return t("chat.result.with_amount", lang, result=word, amount=yen(amount)) if amount is not None else word


def past_params(past: PastResult, lang: Lang) -> dict[str, str]:
    """The earlier record's result, when and by whom, as message parameters."""
    when = past.date.isoformat()
    if past.recorded_at is not None:
        at = past.recorded_at if past.recorded_at.tzinfo else past.recorded_at.replace(tzinfo=dt.UTC)
        when = at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
    who = f"{past.recorder_name}（{past.recorded_by}）" if past.recorder_name else (past.recorded_by or t("chat.record.imported", lang))
    return {"old": result_text(past.result, past.amount, lang), "when": when, "who": who}


@register(
    "undo_result",
    description="記録した照会結果を取り消す（記録の返信・案件ページの「取り消す」ボタン）。記録した本人か係長のみ。訂正前の記録があれば元に戻る。",
    args=UndoArgs,
    case_data=True,
    example="（記録の返信の「取り消す」ボタン）",
)
def undo_result(ctx: ToolContext, args: UndoArgs) -> Reply:
    lang = ctx.actor.lang
    done = cases.undo_result(actor=ctx.actor, session=ctx.session, settings=ctx.settings, result_id=args.result_id)
    key = "chat.undo.done_restored" if done.restored else "chat.undo.done"
    return Reply(
        text=t(key, lang, case_id=done.case_id, target=target_text(done, lang), result=result_text(done.result, done.amount, lang)),
        links=[case_link(t("chat.link.case", lang), done.case_id)],
        case_data=True,
    )
