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


def mark(text: str, sentence: str) -> str:
    """The passage with the matching sentence wrapped in 【】."""
    if not sentence or sentence not in text:
        return text
    return text.replace(sentence, f"【{sentence}】", 1)
