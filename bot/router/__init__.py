"""The offline router: a message → one tool call, or a question back with buttons.

Normalise (NFKC), extract entities (case numbers, staff, targets, result words), classify the
intent with character n-grams, and let the entities confirm or veto the classifier. It never
guesses an action: below the confidence threshold, or with an argument missing or ambiguous,
it asks back.

Everything about one tool — its cue words, whether it needs a case number, how its arguments
are read from the entities, its own rule of evidence — is in its registration
(``tools.registry.Routing``); this module is the loop over the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sklearn.pipeline import Pipeline

from bot.router.entities import (
    Lexicon,
    find_money,
    find_result,
    find_staff,
    find_target,
    find_team,
    find_weight,
)
from bot.router.intent import classify, default_readings
from bot.router.normalize import case_ids, normalize
from retrieval.readings import Readings, mostly_kana
from tools.entities import Entities, StaffMention
from tools.exempt import parse_amounts
from tools.registry import Routing, tools

__all__ = ["CONFIDENT", "Entities", "Route", "StaffMention", "args_for", "as_understood", "extract", "route"]

CONFIDENT = 0.5
_DEFAULT = Routing()


@dataclass
class Route:
    """The router's answer. ``tool``/``args`` is its best guess; ``call()`` is what `choshu
    route` prints (the arguments as the message says them, without the IDs the router looked
    up). ``ask`` names what is missing or unsure ("intent", "case_id", "to_staff", "result",
    "which_case"), empty when it is sure enough to act."""

    tool: str
    args: dict[str, Any]
    confidence: float
    entities: Entities
    ask: str = ""
    alternatives: list[str] = field(default_factory=list)

    def call(self) -> dict[str, Any]:
        resolved = _routing(self.tool).resolved
        return {"tool": self.tool, "args": {k: v for k, v in self.args.items() if k not in resolved}}


def _routing(tool: str) -> Routing:
    spec = tools().get(tool)
    return spec.routing if spec is not None else _DEFAULT


def extract(text: str, lexicon: Lexicon) -> Entities:
    norm = normalize(text)
    amounts = parse_amounts(norm)
    # Amounts of money are not case numbers (「給料300000、所得税6000」).
    money = {str(v) for k, v in amounts.items() if k not in ("dependents", "period_days", "kind")}
    found = find_money(norm)
    # ... nor is a sum found by an inquiry (「¥120000」「残高12万円」)
    unpriced = norm if found is None else norm[: found[1][0]] + " " + norm[found[1][1] :]
    ids = [c for c in case_ids(unpriced) if not (amounts and str(int(c)) in money)]
    kind, target_id = find_target(norm, lexicon)
    return Entities(
        text=norm,
        raw=text.strip(),
        case_ids=ids,
        staff=find_staff(norm, lexicon),
        target_kind=kind,
        target_id=target_id,
        result=find_result(norm),
        weight=find_weight(norm),
        team=find_team(norm),
        amounts=amounts,
        money=found[0] if found else None,
    )


def args_for(tool: str, ent: Entities) -> tuple[dict[str, Any], str]:
    """The arguments of ``tool`` found in the message, and what is missing ("" if none)."""
    routing = _routing(tool)
    args: dict[str, Any] = {}
    missing = ""
    if routing.needs_case:
        if ent.case_ids:
            args["case_id"] = ent.case_ids[0]
            if len(ent.case_ids) > 1:
                missing = "which_case"
        else:
            missing = "case_id"
    found, more = routing.args(ent)
    args.update(found)
    return args, missing or more


def as_understood(text: str, readings: Readings | None = None) -> str:
    """The message as the router reads it: one written in kana is read in kanji
    (「ぶんのうせいやくのてつづきは？」 → 「分納誓約の手続きは?」); others as written."""
    if mostly_kana(text):
        return (readings or default_readings()).rewrite(text)
    return text


def route(
    text: str, lexicon: Lexicon | None = None, *, model: Pipeline | None = None, readings: Readings | None = None
) -> Route:
    text = as_understood(text, readings)
    ent = extract(text, lexicon or Lexicon())
    registry = tools()
    whole = ent.text.strip()
    for spec in registry.values():
        if spec.routing.command is not None and spec.routing.command.match(whole):
            return Route(tool=spec.name, args=args_for(spec.name, ent)[0], confidence=1.0, entities=ent)
    norm, has_case = ent.text, bool(ent.case_ids)
    scores = dict(classify(norm, model))
    for name in scores:
        routing = registry[name].routing if name in registry else _DEFAULT
        if routing.cue is not None and routing.cue.search(norm):
            scores[name] *= 2.0
        # Entities confirm or veto: a case tool needs a case number, the others do not take one.
        if routing.needs_case != has_case:
            scores[name] *= 0.15
        scores[name] = routing.score(scores[name], ent)
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
