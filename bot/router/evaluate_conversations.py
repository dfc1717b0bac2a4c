"""Accuracy on the held-out conversations (``conversations.jsonl``, written before the
conversation features were built; never tuned on): multi-turn follow-ups, several requests in
one message, typed confirmations and refusals, 「もっと見せて」, greetings, near-miss case numbers,
kana and romaji, corrections.

Each conversation is played through the conversation planner (``bot.router.conversation.plan``)
with the state a chat would keep between turns; a turn is right when every expectation holds:

- ``tool`` (+ ``args``, a subset; a staff name may be expected as the staff ID it resolves to),
  ``ask`` (what the router asks back), ``tools`` (one step per request, in order),
- ``confirm`` / ``cancel`` / ``more`` / ``smalltalk``: the planner's step,
- ``suggest_case``: the first 「もしかして」 among ``visible_cases`` (``store.ids.suggest_case_ids``
  when it exists),
- ``correct`` / ``undo``: the planner's step (``correct`` a result word, or true).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.router.conversation import Focus, Plan, plan
from bot.router.entities import Lexicon
from store.models import TARGET_OF_INSTITUTION_KIND

CONVERSATIONS = Path(__file__).with_name("conversations.jsonl")
# The tools whose answer asks for a confirmation (the chat keeps it pending).
CONFIRMING = ("reassign_case", "assign_cases")
# The tools whose answer continues with 「もっと見せて」.
PAGED = ("lookup_manual", "search_law", "recommend_targets")  # answers 「もっと見せて」 continues


@dataclass
class ConversationReport:
    per_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [right, conversations]
    unsupported: Counter[str] = field(default_factory=Counter)  # expectation → turns
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (id, message, why)

    @property
    def correct(self) -> int:
        return sum(ok for ok, _ in self.per_kind.values())

    @property
    def total(self) -> int:
        return sum(n for _, n in self.per_kind.values())

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def load_conversations(path: Path = CONVERSATIONS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _same(key: str, want: Any, got: dict[str, Any]) -> bool:
    """A value as expected, or as resolved (``to_staff`` → ``to_staff_id``); a target kind may be
    written as the institution's kind ("bank") or "employer" for the router's target kinds."""
    if got.get(key) == want or got.get(f"{key}_id") == want:
        return True
    if key == "target_kind":
        return TARGET_OF_INSTITUTION_KIND.get(want, "salary" if want == "employer" else want) == got.get(key)
    return False


def _args_match(want: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(_same(k, v, got) for k, v in want.items())


def _suggest(written: str, visible: list[str]) -> list[str] | None:
    try:
        from store.ids import suggest_case_ids
    except ImportError:  # not built yet
        return None
    return list(suggest_case_ids(written, visible))


def _check(expect: dict[str, Any], p: Plan, text: str, visible: list[str]) -> str:
    """"" when the planned steps meet ``expect``, else why not ("unsupported:…" when the
    expectation is of a kind the planner does not make yet)."""
    steps = p.steps
    first = steps[0]
    if "undo" in expect:
        return "" if first.kind == "undo" else f"step {first.kind}"
    if "correct" in expect:
        want = expect["correct"]
        if first.kind != "correct":
            return f"step {first.kind}"
        return "" if want is True or not isinstance(want, str) or want == first.result else f"correct {first.result}"
    if "suggest_case" in expect:
        if first.route is None or not first.route.entities.case_ids:
            return "no case number read"
        got = _suggest(first.route.entities.case_ids[0], visible)
        if got is None:
            return "unsupported:suggest_case"
        return "" if got[:1] == [expect["suggest_case"]] else f"suggested {got}"
    if "tools" in expect:
        names = [s.route.tool if s.route is not None and not s.route.ask else f"?{s.kind}" for s in steps]
        return "" if names == expect["tools"] else f"steps {names}"
    if len(steps) != 1:
        return f"{len(steps)} steps"
    for kind in ("confirm", "cancel", "more"):
        if expect.get(kind):
            return "" if first.kind == kind else f"step {first.kind}"
    if "smalltalk" in expect:
        return "" if first.smalltalk == expect["smalltalk"] else f"step {first.kind} {first.smalltalk}"
    r = first.route
    if r is None:
        return f"step {first.kind}"
    if "ask" in expect:
        return "" if r.ask == expect["ask"] else f"ask {r.ask!r} ({r.tool})"
    if r.tool != expect.get("tool"):
        return f"tool {r.tool}"
    if r.ask:
        return f"asks {r.ask}"
    if not _args_match(expect.get("args") or {}, r.args):
        return f"args {r.args}"
    return ""


def _after(focus: Focus, p: Plan) -> None:
    """The state the chat keeps after the planned steps (as ``bot.chat.conversation`` does)."""
    for step in p.steps:
        if step.kind in ("confirm", "cancel"):
            focus.pending = None
        if step.kind != "tool" or step.route is None or step.route.ask:
            continue
        r = step.route
        if r.tool == "record_result":
            focus.recorded = {"result_id": 1, **{k: r.args.get(k) for k in ("case_id", "target_kind", "target_id", "result")}}
        if r.args.get("case_id"):
            focus.case_id = str(r.args["case_id"])
        focus.last_tool, focus.last_args = r.tool, dict(r.args)
        focus.pending = {"tool": r.tool, "args": r.args} if r.tool in CONFIRMING else None
        focus.more = {"tool": r.tool, "args": r.args, "offset": 3} if r.tool in PAGED else None


def evaluate_conversations(
    conversations: list[dict[str, Any]] | None = None, *, lexicon: Lexicon | None = None
) -> ConversationReport:
    report = ConversationReport()
    for conv in conversations if conversations is not None else load_conversations():
        focus = Focus()
        ok, unsupported = True, ""
        for turn in conv["turns"]:
            p = plan(turn["user"], focus, lexicon)
            why = _check(turn.get("expect") or {}, p, turn["user"], list(conv.get("visible_cases") or []))
            if why.startswith("unsupported:"):
                unsupported = why.split(":", 1)[1]
            elif why:
                report.failures.append((conv["id"], turn["user"], why))
            ok = ok and not why
            _after(focus, p)
        if unsupported:
            report.unsupported[unsupported] += 1
        row = report.per_kind.setdefault(conv["kind"], [0, 0])
        row[0] += ok
        row[1] += 1
    return report
