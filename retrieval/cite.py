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


def best_sentence(
    text: str, query_tokens: Sequence[str], tokenize: Callable[[str], list[str]]
) -> str:
    """The sentence sharing the most query words (ties: the earlier one)."""
    wanted = set(query_tokens)
    best, best_score = "", -1.0
    for sent in sentences(text):
        toks = set(tokenize(sent))
        score = len(wanted & toks) / (1 + 0.002 * len(sent))
        if score > best_score:
            best, best_score = sent, score
    return best


def mark(text: str, sentence: str) -> str:
    """The passage with the matching sentence wrapped in 【】."""
    if not sentence or sentence not in text:
        return text
    return text.replace(sentence, f"【{sentence}】", 1)
