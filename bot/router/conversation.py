"""A message in a conversation → the steps to take, given what the conversation remembers.

Pure: no store, no tools run. The chat layer (``bot.chat.conversation``) loads the state, asks
:func:`plan` and carries the steps out; the conversation evaluator asks the same function.

- a greeting or thanks on its own → ``smalltalk``;
- 「確定」「はい」「OK」「お願いします」 → ``confirm`` (the pending confirmation), 「やめる」「いいえ」
  → ``cancel``; without anything pending, ``nothing_pending``;
- 「もっと見せて」「続きを見せて」「他には？」 → ``more``;
- 「今の取り消して」「undo」 → ``undo`` of the result recorded in this conversation;
  「間違えました、なしです」「訂正：なし」 → ``correct`` (its result); with none, ``nothing_recorded``;
- two requests joined by 「と」/「and」 (「010014の概要と調査先を教えて」) → one step each, when
  both route with confidence and only the first names the case (the second takes it);
- several clauses (「それと」「あと」「それから」「。」…) that each route on their own → one
  ``tool`` step per clause, in order;
- otherwise one ``tool`` step; a message without a case number takes the case in focus when
  that is what it is about (「じゃあ調査先は？」「この案件を鈴木さんに」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from sklearn.pipeline import Pipeline

from bot.router import CONFIDENT, Route, route
from bot.router.entities import Lexicon
from bot.router.normalize import normalize
from tools.registry import tools


@dataclass
class Focus:
    """What the conversation remembers (plain data; the store's row is ``ConversationState``)."""

    case_id: str | None = None
    last_tool: str | None = None
    last_args: dict[str, Any] | None = None
    more: dict[str, Any] | None = None
    pending: dict[str, Any] | None = None
    # the result recorded last in this conversation: result_id, case_id, target_kind, target_id, result
    recorded: dict[str, Any] | None = None


StepKind = Literal[
    "tool",
    "confirm",
    "cancel",
    "more",
    "smalltalk",
    "nothing_pending",
    "undo",
    "correct",
    "nothing_recorded",
]


@dataclass
class Step:
    kind: StepKind
    route: Route | None = None
    clause: str = ""
    from_focus: bool = False  # the case number came from the conversation, not the message
    smalltalk: str = ""  # "greeting" | "thanks"
    confirm_word: bool = False  # nothing_pending: the word was a confirmation (else a cancel)
    result: str = ""  # correct: "found" | "not_found"; nothing_recorded: "" for an undo


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)

    @property
    def multi(self) -> bool:
        return len(self.steps) > 1


_PUNCT = re.compile(r"[\s、。,.!！?？~〜ー]+")
# Whole-message words; a message made only of these (「はい、お願いします」) is one of them.
_CONFIRM = (
    "確定でお願いします",
    "確定してください",
    "確定して下さい",
    "確定します",
    "確定して",
    "確定で",
    "確定",
    "お願いします",
    "おねがいします",
    "お願い",
    "はい",
    "ええ",
    "了解",
    "実行して",
    "実行",
    "それで",
    "okay",
    "ok",
    "yes",
    "sure",
    "confirm",
    "please",
    "go ahead",
    "do it",
)
_CANCEL = (
    "やめておきます",
    "やめときます",
    "やめます",
    "やめる",
    "やめて",
    "止めて",
    "止める",
    "いいえ",
    "いや",
    "キャンセル",
    "中止",
    "取りやめ",
    "結構です",
    "やっぱりいい",
    "cancel",
    "no",
    "stop",
    "nope",
)
_MORE = re.compile(
    r"^(もっと|続き|つづき|次|ほか|他)(の|を|も|には|に|は)?(候補|結果|照会先|調査先)?(は|を|も)?"
    r"(ある|あります|見せて|みせて|表示|教えて|出して|ください|下さい)*(か)?(ください|下さい)?$"
    r"|^(more|show more|next|continue|anything else|what else|others)( please)?$",
    re.I,
)
_GREETING = re.compile(
    r"^(おはよう(ございます)?|こんにちは|こんばんは|お疲れ(様|さま)(です|でした)?|おつかれ(さま)?(です)?|"
    r"よろしく(お願いします|おねがいします)?|hello|hi|hey|good (morning|afternoon|evening))(さん)?$",
    re.I,
)
_THANKS = re.compile(
    r"^(ありがとう(ございます|ございました)?|どうも(ありがとう)?|助かりました|助かります|感謝します|"
    r"thanks?( you)?|thank you( very much)?|ty|cheers)$",
    re.I,
)
# Whole messages (squashed: no spaces or punctuation) that undo or correct the recorded result.
_UNDO = re.compile(
    r"^(今の|いまの|さっきの|直前の|最後の)?(記録|結果)?(を)?(取り消して|取り消し|取消して|取消し|取消|とりけして|とりけし)"
    r"(ください|下さい|てください|お願いします)?$|^undo(that|it|thelastone|please)?$",
    re.I,
)
_CORRECT = re.compile(
    r"^(すみません|すいません)?(間違えました|間違いでした|間違いです|間違い|訂正です|訂正して|訂正|やっぱり|やはり)"
    r"(結果は|正しくは)?(口座|給与|勤務)?(は)?(あり|なし|ありません|無し|有り)(でした|です)?$"
    r"|^(correction|sorry|actually)(it|itwas|its)?(found|notfound)$",
    re.I,
)
_NOT_FOUND = ("なし", "ありません", "無し", "notfound")


def undo_or_correct(text: str) -> tuple[str, str] | None:
    """("undo", "") or ("correct", "found"|"not_found") for a message that only asks that."""
    squashed = _squash(text).replace(":", "").replace("：", "")
    if _UNDO.match(squashed):
        return "undo", ""
    m = _CORRECT.match(squashed)
    if m is None:
        return None
    word = m.group(6) or m.group(10) or ""
    return "correct", "not_found" if word.lower() in _NOT_FOUND else "found"


# Clause boundaries of a message that asks for several things.
_SPLIT = re.compile(
    r"(?:。|それと|それから|あと、|、あと|ついでに|、そして|\bthen\b|\band also\b|;)", re.I
)
# Words that point back at the case in focus.
_ANAPHORA = re.compile(
    r"(この案件|その案件|この件|その件|同じ案件|この人|この滞納者|じゃあ|じゃ、|では|それなら|それで|"
    r"担当は|this case|that case|the case|\bit\b|its\b)",
    re.I,
)


def _squash(text: str) -> str:
    return _PUNCT.sub("", normalize(text).lower())


def _only_words(text: str, words: tuple[str, ...]) -> bool:
    rest = _squash(text)
    if not rest:
        return False
    squashed = sorted((w.replace(" ", "") for w in words), key=len, reverse=True)
    while rest:
        for w in squashed:
            if rest.startswith(w):
                rest = rest[len(w) :]
                break
        else:
            return False
    return True


def is_confirm(text: str) -> bool:
    return _only_words(text, _CONFIRM)


def is_cancel(text: str) -> bool:
    return _only_words(text, _CANCEL)


def smalltalk(text: str) -> str:
    """ "greeting", "thanks" or "" for a message that is only a greeting or thanks."""
    words = _PUNCT.sub(" ", normalize(text)).strip()
    if _THANKS.match(words.replace(" ", "")) or _THANKS.match(words):
        return "thanks"
    if _GREETING.match(words.replace(" ", "")) or _GREETING.match(words):
        return "greeting"
    return ""


def is_more(text: str) -> bool:
    return bool(
        _MORE.match(_PUNCT.sub("", normalize(text)).strip())
        or _MORE.match(normalize(text).strip(" 。.!！?？"))
    )


def _needs_case(tool: str) -> bool:
    spec = tools().get(tool)
    return bool(spec and spec.routing.needs_case)


def route_in_focus(
    text: str, focus_case: str | None, lexicon: Lexicon | None, *, model: Pipeline | None = None
) -> tuple[Route, bool]:
    """The route of ``text``, with the case in focus when the message names none and is about
    a case (it asks for a case number, routes only with one, or points back: 「この案件」).
    Returns the route and whether the case came from the focus."""
    r0 = route(text, lexicon, model=model)
    if focus_case is None or r0.entities.case_ids:
        return r0, False
    back = bool(_ANAPHORA.search(normalize(text)))
    if not r0.ask and not _needs_case(r0.tool) and not back:
        return r0, False
    r1 = route(f"{focus_case} {text}", lexicon, model=model)
    if (
        _needs_case(r1.tool)
        and r1.ask != "intent"
        and (r0.ask or back or r1.confidence >= r0.confidence)
    ):
        return r1, True
    return r0, False


def clauses(text: str) -> list[str]:
    """The requests of a message, without the courtesies between them (「よろしくお願いします」)."""
    parts = [p.strip(" 、,。.") for p in _SPLIT.split(normalize(text))]
    return [p for p in parts if p and not (smalltalk(p) or is_confirm(p) or is_cancel(p))]


def plan(
    text: str,
    focus: Focus | None = None,
    lexicon: Lexicon | None = None,
    *,
    model: Pipeline | None = None,
) -> Plan:
    focus = focus or Focus()
    kind = smalltalk(text)
    if kind:
        return Plan([Step("smalltalk", smalltalk=kind)])
    if is_confirm(text) or is_cancel(text):
        confirm = is_confirm(text)
        if focus.pending is not None:
            return Plan([Step("confirm" if confirm else "cancel")])
        whole = normalize(text)
        registry = tools()
        if confirm and any(
            s.routing.command is not None and s.routing.command.match(whole)
            for s in registry.values()
        ):
            pass  # a command of its own (「確定」 applies the pending assignment plan)
        else:
            return Plan([Step("nothing_pending", confirm_word=confirm)])
    if is_more(text):
        return Plan([Step("more")])
    fix = undo_or_correct(text)
    if fix is not None:
        if focus.recorded is None:
            return Plan([Step("nothing_recorded", result=fix[1])])
        return Plan([Step(fix[0], clause=text, result=fix[1])])  # type: ignore[arg-type]
    parts = clauses(text)
    if len(parts) > 1:
        multi = _plan_clauses(parts, focus, lexicon, model)
        if multi is not None:
            return multi
    joined = _plan_joined(text, focus, lexicon, model)
    if joined is not None:
        return joined
    r, from_focus = route_in_focus(text, focus.case_id, lexicon, model=model)
    return Plan([Step("tool", route=r, clause=text, from_focus=from_focus)])


def _plan_clauses(
    parts: list[str], focus: Focus, lexicon: Lexicon | None, model: Pipeline | None
) -> Plan | None:
    """One step per clause when each clause routes with confidence (a later clause without a
    case number takes the one before it); None when they do not (then the message is one)."""
    steps: list[Step] = []
    case = focus.case_id
    for part in parts:
        r, from_focus = route_in_focus(part, case, lexicon, model=model)
        if r.confidence < CONFIDENT or r.ask == "intent" or r.tool == "help":
            return None  # a part that is not a request of its own: the message is one
        if r.entities.case_ids:
            case = r.entities.case_ids[0]
        elif r.args.get("case_id"):
            case = str(r.args["case_id"])
        steps.append(
            Step("tool", route=r, clause=part, from_focus=from_focus and case == focus.case_id)
        )
    return Plan(steps)


# 「と」/「and」 between two requests; the part before must name the case. A 「と」 between two
# hiragana is inside a word written in kana (「たんとう」「さとう」), not a particle.
_AND = re.compile(r"(?<![ぁ-ゖ])と|と(?![ぁ-ゖ])|\band\b", re.I)


def _plan_joined(
    text: str, focus: Focus, lexicon: Lexicon | None, model: Pipeline | None
) -> Plan | None:
    """Two steps for 「<case>のAとBを教えて」: split at a 「と」/「and」 when the part before names a
    case number, the part after names none (it takes that case) and each routes with confidence
    to a different tool that needs a case. Names and law titles with 「と」 (「徴収法と地方税法の
    違い」) do not split: the part before names no case; nor a 「と」 inside a kana word."""
    whole = normalize(text)
    for m in _AND.finditer(whole):
        left, right = whole[: m.start()].strip(" 、,"), whole[m.end() :].strip(" 、,")
        if not left or not right:
            continue
        r1 = route(left, lexicon, model=model)
        if not r1.entities.case_ids or route(right, lexicon, model=model).entities.case_ids:
            continue
        case = r1.entities.case_ids[0]
        r2 = route(f"{case} {right}", lexicon, model=model)
        if any(
            r.confidence < CONFIDENT or r.ask or r.tool == "help" or not _needs_case(r.tool)
            for r in (r1, r2)
        ):
            continue
        if r1.tool == r2.tool:
            continue
        return Plan([Step("tool", route=r1, clause=left), Step("tool", route=r2, clause=right)])
    return None
