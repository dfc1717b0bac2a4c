"""The offline router: a message → one tool call, or a question back with buttons.

Normalise (NFKC), extract entities (case numbers, staff, targets, result words), classify the
intent with character n-grams, and let the entities confirm or veto the classifier. It never
guesses an action: below the confidence threshold, or with an argument missing or ambiguous,
it asks back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sklearn.pipeline import Pipeline

from bot.router.entities import (
    Lexicon,
    StaffMention,
    find_result,
    find_staff,
    find_target,
    find_team,
    find_weight,
)
from bot.router.intent import classify
from bot.router.normalize import case_ids, normalize

CASE_TOOLS = ("recommend_targets", "case_summary", "reassign_case", "record_result")
CONFIDENT = 0.5

_REASSIGN_VERB = re.compile(
    r"(担当|替え|変更|移し|移管|移して|引き継|回して|振って|任せ|渡して|割り?当て?直|付け替|"
    r"reassign|move|transfer|give|hand over|assign|owner|take)",
    re.I,
)
# Cue words that make an intent more likely (the classifier decides among the cued ones).
_CUES: dict[str, re.Pattern[str]] = {
    "search_law": re.compile(r"(条|(?<!方)法|規定|根拠|通達|判例|要件|article|act\b|statute|law|legal|notice)", re.I),
    "lookup_manual": re.compile(
        r"(手続|手順|方法|やり方|流れ|様式|書類|マニュアル|進め方|作り方|出し方|送り方|対応|処理|準備|管理|実務|"
        r"いつまで|どうすれば|どうする|何をす|すべきこと|気をつけ|"
        r"how (?:to|do)|procedure|steps|manual|forms?\b|workflow|handle)",
        re.I,
    ),
    "help": re.compile(
        r"(メニュー|menu|ヘルプ|機能|features)|^(ヘルプ|使い方|何ができ|できること|こんにちは|ありがとう|メニュー|コマンド|help|menu|hello|hi\b|thanks|"
        r"good morning|commands|おはよう|お疲れ|よろしく|はじめまして)|何ができ|できること|使い方|what can you",
        re.I,
    ),
    "case_summary": re.compile(
        r"(概要|状況|詳細|状態|ステータス|サマリー|について|どうなって|基本情報|経過|進捗|滞納額|税目|納期|担当は|"
        r"status|summary|details|overview|history|owed|who handles|tell me about|show case|open case)",
        re.I,
    ),
    "recommend_targets": re.compile(
        r"(調査|照会|調べ|財産|資産|ありそう|どこ|候補|財調|target|investigat|inquir|asset|where|look for)",
        re.I,
    ),
    "record_result": re.compile(r"(記録|回答|判明|record|log result|returned)", re.I),
    "assign_cases": re.compile(r"(割当|割り当て|割振|割り振|配分|振り分け|担当割|assignment|allocation|rebalance|workload|distribute)", re.I),
    "worklist": re.compile(
        r"(今日|本日|今週|どの案件|どれから|何から|優先|時効が?(?:近|迫|間近|切れ)|時効の?近い|やること|取り組む順|ワークリスト|"
        r"worklist|to-?do|today|first|prescrib|expire|priorit)",
        re.I,
    ),
    "exempt_amount": re.compile(
        r"(差押(?:え|さえ)?禁止|禁止額|差押(?:え|さえ)?可能|差し?押(?:さ)?え(?:られる|できる)(?:の|額|金額)?は?(?:いくら|何円)|"
        r"いくら差し?押|計算(?!式)|exempt|seizable|how much can)",
        re.I,
    ),
}
# The exempt_amount calculator needs an amount; without one it is a question about the law.
_CALC_WORDS = re.compile(r"(計算(?!式)|いくら|何円|差押可能|差押え可能|できる額|calculat|how much)", re.I)
_PRESCRIPTION = re.compile(r"(時効|prescri|expire)", re.I)
_HOW = re.compile(r"(どうすれば|どうする|どうしたら|方法|手続|手順|how to|how do)", re.I)


@dataclass(frozen=True)
class Entities:
    text: str  # normalised
    raw: str  # as written (trimmed): the query of the search tools
    case_ids: list[str]
    staff: StaffMention | None
    target_kind: str | None
    target_id: str | None
    result: str | None
    weight: float | None
    team: str | None = None
    amounts: dict[str, Any] = field(default_factory=dict)  # exempt_amount's arguments found


@dataclass
class Route:
    """The router's answer. ``tool``/``args`` is its best guess (what `choshu route` prints);
    ``ask`` names what is missing or unsure ("intent", "case_id", "to_staff", "result",
    "which_case"), empty when it is sure enough to act."""

    tool: str
    args: dict[str, Any]
    confidence: float
    entities: Entities
    ask: str = ""
    alternatives: list[str] = field(default_factory=list)

    def call(self) -> dict[str, Any]:
        return {"tool": self.tool, "args": self.args}


def extract(text: str, lexicon: Lexicon) -> Entities:
    from tools.exempt import parse_amounts

    norm = normalize(text)
    amounts = parse_amounts(norm)
    # Amounts of money are not case numbers (「給料300000、所得税6000」).
    money = {str(v) for k, v in amounts.items() if k not in ("dependents", "period_days", "kind")}
    ids = [c for c in case_ids(norm) if not (amounts and str(int(c)) in money)]
    kind, target_id = find_target(norm, lexicon)
    staff = find_staff(norm, lexicon) if ids else None
    if not ids and _CUES["worklist"].search(norm):
        mention = find_staff(norm, lexicon)
        staff = mention if mention is not None and len(mention.staff_ids) == 1 else None
    return Entities(
        text=norm,
        raw=text.strip(),
        case_ids=ids,
        staff=staff,
        target_kind=kind,
        target_id=target_id,
        result=find_result(norm),
        weight=find_weight(norm),
        team=find_team(norm),
        amounts=amounts,
    )


def args_for(tool: str, ent: Entities) -> tuple[dict[str, Any], str]:
    """The arguments of ``tool`` found in the message, and what is missing ("" if none)."""
    args: dict[str, Any] = {}
    missing = ""
    if tool in CASE_TOOLS:
        if ent.case_ids:
            args["case_id"] = ent.case_ids[0]
            if len(ent.case_ids) > 1:
                missing = "which_case"
        else:
            missing = "case_id"
    if tool == "reassign_case":
        if ent.staff is None:
            missing = missing or "to_staff"
        else:
            args["to_staff"] = ent.staff.written
    elif tool == "record_result":
        args["target_kind"] = ent.target_kind
        if ent.target_id is not None:
            args["target_id"] = ent.target_id
        args["result"] = ent.result
        if ent.target_kind is None or ent.result is None:
            missing = missing or "result"
    elif tool == "assign_cases":
        if ent.weight is not None:
            args["development_weight"] = ent.weight
        if ent.team is not None:
            args["team"] = ent.team
    elif tool in ("lookup_manual", "search_law"):
        args["query"] = ent.raw
    elif tool == "exempt_amount":
        args.update(ent.amounts)
        if "pay" not in args:
            missing = "pay"
    elif tool == "worklist":
        if ent.staff is not None:
            args["staff"] = ent.staff.staff_ids[0]
        if _PRESCRIPTION.search(ent.text):
            args["prescribing_only"] = True
    return args, missing


# a typed 「確定」: apply the pending assignment plan (the button does the same)
_CONFIRM = re.compile(r"^(確定|確定します|確定して(ください)?|確定でお願いします|confirm|apply)[。!！]?$", re.I)


def route(text: str, lexicon: Lexicon | None = None, *, model: Pipeline | None = None) -> Route:
    ent = extract(text, lexicon or Lexicon())
    if _CONFIRM.match(ent.text.strip()):
        return Route(tool="apply_plan", args={}, confidence=1.0, entities=ent)
    norm, ids, staff = ent.text, ent.case_ids, ent.staff
    scores = dict(classify(norm, model))
    for name, cue in _CUES.items():
        if name in scores and cue.search(norm):
            scores[name] *= 2.0
    # Entities confirm or veto: a case tool needs a case number, the others do not take one.
    for name in scores:
        if (name in CASE_TOOLS) != bool(ids):
            scores[name] *= 0.15
    if ids and staff and _REASSIGN_VERB.search(norm) and "担当は" not in norm:
        scores["reassign_case"] += 0.6
    elif "reassign_case" in scores:
        scores["reassign_case"] *= 0.1
    if "worklist" in scores and _HOW.search(norm):
        scores["worklist"] *= 0.1  # 「時効が近い案件はどうすればいい？」 asks for the procedure
    if "exempt_amount" in scores:
        if "pay" in ent.amounts and len(ent.amounts) >= 2:
            scores["exempt_amount"] += 1.0
        elif not ent.amounts and not _CALC_WORDS.search(norm):
            scores["exempt_amount"] *= 0.1
        elif not ids and re.search(r"計算(?!式)|calculat", norm, re.I) and not _CUES["search_law"].search(norm):
            scores["exempt_amount"] += 0.5  # 「差押禁止額を計算して」: the calculator, asking for the pay
    if ids and ent.result and ent.target_kind:
        scores["record_result"] += 1.0
    elif "record_result" in scores and not ent.result:
        scores["record_result"] *= 0.3
    total = sum(scores.values()) or 1.0
    ranked = sorted(((k, v / total) for k, v in scores.items()), key=lambda kv: -kv[1])
    tool, confidence = str(ranked[0][0]), float(ranked[0][1])
    args, missing = args_for(tool, ent)
    return Route(
        tool=tool,
        args=args,
        confidence=round(confidence, 3),
        entities=ent,
        ask="intent" if confidence < CONFIDENT else missing,
        alternatives=[str(k) for k, v in ranked[1:4] if v >= 0.1],
    )
