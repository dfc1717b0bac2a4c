"""Citations and the matching sentence: 「国税徴収法 第七十六条（給与の差押禁止）」."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.types import Doc

# A sentence ends at 。 (not one closing a quotation or parenthesis: 「…含む。）」) or a line end.
_SENTENCE_END = re.compile(r"(?<=。)(?![）」』)])|(?<=\n)")


def citation(doc: Doc) -> str:
    """How a hit is cited; manual and FAQ hits name their section and the articles behind them."""
    if doc.kind in ("law", "notice"):
        label = f"{doc.title} {doc.article}" if doc.article else doc.title
        return f"{label}（{doc.caption}）" if doc.caption else label
    if doc.kind == "manual":
        base = (
            f"{doc.title} {doc.article} {doc.caption}"
            if doc.article
            else f"{doc.title} {doc.caption}"
        )
    else:
        base = f"FAQ {doc.article} {doc.title}" if doc.article else f"FAQ {doc.title}"
    if doc.cites:
        base += "（根拠: " + "、".join(doc.cites) + "）"
    return base


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


# A statute states its rule first and its special cases after (第1項 給料等, then 賞与,
# then 退職手当): between sentences that match about equally, the earlier one is the answer.
POSITION_DECAY = 0.03
# The office's manual and FAQ answer first: a section opens with the procedure, an FAQ entry
# with the answer; later sentences add exceptions and remarks.
OFFICE_POSITION_DECAY = 0.1


def sentence_score(
    sentence: str,
    wanted: set[str],
    tokenize: Callable[[str], list[str]],
    position: int = 0,
    decay: float = POSITION_DECAY,
) -> float:
    """Query words the sentence shares, a little less for long sentences and later ones."""
    shared = len(wanted & set(tokenize(sentence)))
    return shared / (1 + 0.002 * len(sentence)) / (1 + decay * position)


def best_sentence(
    text: str, query_tokens: Sequence[str], tokenize: Callable[[str], list[str]], *, decay: float = POSITION_DECAY
) -> str:
    """The sentence sharing the most query words (ties: the earlier one)."""
    return best_in_passages([text], query_tokens, tokenize, decay=decay)[1]


def best_in_passages(
    texts: Sequence[str],
    query_tokens: Sequence[str],
    tokenize: Callable[[str], list[str]],
    *,
    decay: float = POSITION_DECAY,
) -> tuple[int, str]:
    """Over a document's passages in order: the passage index and the sentence that best
    answers the query (shared words; shorter and earlier sentences win near-ties)."""
    wanted = set(query_tokens)
    best = (0, "")
    best_score = -1.0
    position = 0
    for i, text in enumerate(texts):
        for sent in sentences(text):
            score = sentence_score(sent, wanted, tokenize, position, decay)
            if score > best_score:
                best, best_score = (i, sent), score
            position += 1
    return best


# 地方税法 keeps its paragraph numbers (「2 地方団体の長は…」); the other statutes' copies lost
# them, so a paragraph is read from the text: a line ending in 。 opens one, unless it carries on
# the paragraph before (「この場合において」「ただし」); a line not ending in 。 is an item (号).
_NUMBERED = re.compile(r"^[0-9０-９]+[ \u3000]")
_CARRIES_ON = ("この場合において", "ただし", "但し")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (項), each with its items (号) and later sentences."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    numbered = sum(bool(_NUMBERED.match(ln)) for ln in lines) >= 2
    out: list[list[str]] = []
    for ln in lines:
        if numbered:
            opens = bool(_NUMBERED.match(ln))
        else:
            opens = ln.rstrip().endswith("。") and not ln.lstrip().startswith(_CARRIES_ON)
        if opens or not out:
            out.append([ln])
        else:
            out[-1].append(ln)
    return ["\n".join(p) for p in out]


def paragraph_of(text: str, sentence: str) -> str:
    """The paragraph holding ``sentence`` (the first paragraph when none does)."""
    parts = paragraphs(text)
    return next((p for p in parts if sentence and sentence in p), parts[0] if parts else text)


def mark(text: str, sentence: str) -> str:
    """The passage with the matching sentence wrapped in 【】."""
    if not sentence or sentence not in text:
        return text
    return text.replace(sentence, f"【{sentence}】", 1)
