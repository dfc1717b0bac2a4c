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
  both route with confidence, only the first names the case (the second takes it) and the
  second says what it asks in its tool's own words;
- several clauses (「それと」「あと」「それから」「。」…) that are each a request of its own → one
  ``tool`` step per clause, in order. Classifier confidence is not evidence enough: each clause
  names a case number, is a command, follows a clear joiner or uses its tool's own words, and
  sentences split only by 「。」 need a case number in the message (「…していた。…取れる？」
  states facts and asks one question);
- otherwise one ``tool`` step; a message without a case number takes the case in focus when
  it points back (「この案件」「じゃあ」) or says what it asks in the tool's own words
  (「調査先は？」「みどり信金ありでした」「鈴木さんに担当替え」) — not a law question that merely
  mentions 口座 or 減らす; a question the router cannot place and no candidate tool claims is
  a search of the texts (:func:`searched`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from sklearn.pipeline import Pipeline

from bot.router import CONFIDENT, Route, args_for, route
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


# Clause boundaries of a message that asks for several things: a sentence end, or a clear joiner.
_JOINER = r"それと|それから|あと、|、あと|ついでに|、そして|\bthen\b|\band also\b|;"
_SPLIT = re.compile(rf"(?:。|{_JOINER})", re.I)
_JOINER_RE = re.compile(_JOINER, re.I)
# What a follow-up that records a result says: a result word of an inquiry (not any 「ない」:
# 「押さえないといけない？」「払えない人」 are questions, not results).
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
    if not _needs_case(r1.tool) or r1.ask == "intent":
        return r0, False
    if back or (r0.ask in ("case_id", "which_case") and r0.tool == r1.tool):
        return r1, True  # points back, or is about a case without the focus already
    if own_evidence(r1) and (r1.tool in (r0.tool, *r0.alternatives) or _strict(r1.tool)):
        return r1, True
    return r0, False


def _strict(tool: str) -> bool:
    """Tools whose evidence is checked on the entities, not on a cue word."""
    return tool in ("record_result", "reassign_case")


def own_evidence(r: Route) -> bool:
    """Whether the message says what ``r`` does in the tool's own words, beyond the classifier:
    the tool's registered evidence (``Routing.evidence``: a result word about a target for
    ``record_result``, a staff member and a verb of handing over for ``reassign_case``), its
    command or cue word otherwise (「概要」「根拠」). A law question that mentions 口座 or 減らす
    has none of a follow-up on the case."""
    spec = tools().get(r.tool)
    if spec is None:
        return False
    routing = spec.routing
    if routing.evidence is not None:
        return routing.evidence(r.entities)
    text = r.entities.text
    if routing.command is not None and routing.command.match(text.strip()):
        return True
    return bool(routing.cue is not None and routing.cue.search(text))


def clauses(text: str) -> list[str]:
    """The requests of a message, without the courtesies between them (「よろしくお願いします」)."""
    return [part for part, _ in _clauses(text)]


def _clauses(text: str) -> list[tuple[str, bool]]:
    """The clauses of a message, each with whether a clear joiner (「それと」「あと」「ついでに」)
    comes before it (a bare sentence end does not count)."""
    whole = normalize(text)
    out: list[tuple[str, bool]] = []
    start, joined = 0, False
    for m in _SPLIT.finditer(whole):
        out.append((whole[start : m.start()], joined))
        joined = bool(_JOINER_RE.fullmatch(m.group(0))) or (
            joined and not whole[start : m.start()].strip(" 、,。.")
        )
        start = m.end()
    out.append((whole[start:], joined))
    parts = [(p.strip(" 、,。."), j) for p, j in out]
    kept: list[tuple[str, bool]] = []
    carry = False
    for p, j in parts:
        carry = carry or j
        if p and not (smalltalk(p) or is_confirm(p) or is_cancel(p)):
            kept.append((p, carry))
            carry = False
    return kept


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
    parts = _clauses(text)
    if len(parts) > 1:
        multi = _plan_clauses(parts, focus, lexicon, model)
        if multi is not None:
            return multi
    joined = _plan_joined(text, focus, lexicon, model)
    if joined is not None:
        return joined
    r, from_focus = route_in_focus(text, focus.case_id, lexicon, model=model)
    if not from_focus:
        r = searched(r, text)
    return Plan([Step("tool", route=r, clause=text, from_focus=from_focus)])


_SEARCHES = ("search_law", "lookup_manual")
_QUESTION = re.compile(r"([?？]|か|かな|の|は|には|とき|根拠|条文|決まり|制度|方法)[\s。.）)]*$")
_ASKING = re.compile(r"(?:\b(?:can|may|must|is|are|does|do|should|how|what|when|who|which)\b)", re.I)
_ASIDE = re.compile(r"\s*[（(][^（()）]*[）)]\s*$")
MIN_QUESTION = 8  # shorter unsure messages (「概要は？」「状況は？」) stay a question back


def searched(r: Route, text: str) -> Route:
    """An unsure route of a question that no tool's own words claim → a search of the law (or of
    the manual, when it asks how to proceed and names no law). A question about the work that
    the classifier cannot place (「親戚にタダ同然で財産を渡していた。もらった側から取れる？」) is
    answered by the texts rather than by 「どれのことですか」; a message with a case number, the
    cue of a candidate tool (「概要」「今日」「割り当て」) or that is not a question is left as it was."""
    ent = r.entities
    whole = normalize(text).strip()
    if r.ask != "intent" or ent.case_ids or len(whole) < MIN_QUESTION:
        return r
    asked = _ASIDE.sub("", whole)  # 「…回収できる？（地方税）」
    if not (_QUESTION.search(asked) or _ASKING.search(asked)):
        return r
    registry = tools()
    for name in (r.tool, *r.alternatives):
        if name in _SEARCHES or name == "help" or name not in registry:
            continue
        if own_evidence(Route(tool=name, args={}, confidence=0.0, entities=ent)):
            return r  # a candidate says it in its own words: ask which one was meant
    law, manual = registry["search_law"].routing, registry["lookup_manual"].routing
    use_manual = bool(
        manual.cue and manual.cue.search(ent.text) and not (law.cue and law.cue.search(ent.text))
    )
    tool = "lookup_manual" if use_manual else "search_law"
    args, missing = args_for(tool, ent)
    if missing:
        return r
    return Route(tool=tool, args=args, confidence=r.confidence, entities=ent, alternatives=r.alternatives)


def _plan_clauses(
    parts: list[tuple[str, bool]], focus: Focus, lexicon: Lexicon | None, model: Pipeline | None
) -> Plan | None:
    """One step per clause when each clause is a request of its own (a later clause without a
    case number takes the one before it); None when one is not (then the message is one).

    Confidence alone is no evidence: each clause must also name a case number, be a command,
    come after a clear joiner (「それと」「あと」「ついでに」) or say what it does in its tool's own
    words (:func:`own_evidence`). Sentences split only by 「。」 are separate requests only when
    each names its own case number or is a command — 「親戚に財産を渡していた。もらった側から
    取れる？」 states facts and asks one question."""
    steps: list[Step] = []
    case = focus.case_id
    named = False  # a case number written in the message so far
    for part, joined in parts:
        r, from_focus = route_in_focus(part, case, lexicon, model=model)
        if r.confidence < CONFIDENT or r.ask == "intent" or r.tool == "help":
            return None  # a part that is not a request of its own: the message is one
        own_case = bool(r.entities.case_ids) and not from_focus  # written in this part
        command = r.confidence >= 1.0 and tools()[r.tool].routing.command is not None
        if steps and not joined and not (own_case or command or (named and own_evidence(r))):
            return None  # a bare sentence end between a statement and its question
        if not (own_case or command or joined or own_evidence(r)):
            return None
        named = named or own_case
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
        if r1.tool == r2.tool or not own_evidence(r2):
            continue
        return Plan([Step("tool", route=r1, clause=left), Step("tool", route=r2, clause=right)])
    return None
