"""Staff ratings re-rank later results for the same or a similar question."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.types import RatingSignal, Scored

SIMILARITY_MIN = 0.5  # token Jaccard from which another question counts as "similar"
WEIGHT = 0.6  # a full 👍 on the same question adds this share of the top score


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def rating_adjustments(
    query_tokens: Sequence[str], ratings: Sequence[tuple[RatingSignal, Sequence[str]]]
) -> dict[str, float]:
    """doc_id → Σ value × similarity over ratings given for similar questions, kept within ±1
    so a pile of 👍 on one document cannot bury everything else."""
    wanted = set(query_tokens)
    per_doc: dict[str, float] = {}
    for signal, tokens in ratings:
        sim = 1.0 if not wanted else similarity(wanted, set(tokens))
        if sim < SIMILARITY_MIN:
            continue
        per_doc[signal.doc_id] = per_doc.get(signal.doc_id, 0.0) + signal.value * sim
    return {d: max(-1.0, min(1.0, v)) for d, v in per_doc.items()}


def apply_ratings(scored: Sequence[Scored], adjustments: dict[str, float]) -> list[Scored]:
    """Shift each document by its adjustment × WEIGHT × the top score; rated-up documents that
    were not retrieved join the list."""
    if not adjustments:
        return list(scored)
    top = max((s.score for s in scored), default=1.0) or 1.0
    seen = {s.doc_id for s in scored}
    out = [
        Scored(s.doc_id, s.score + WEIGHT * top * adjustments.get(s.doc_id, 0.0), s.passage_id)
        for s in scored
    ]
    out += [
        Scored(d, WEIGHT * top * a, None) for d, a in adjustments.items() if a > 0 and d not in seen
    ]
    return sorted(out, key=lambda s: -s.score)
