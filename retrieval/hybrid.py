"""Reciprocal rank fusion of several retrievers."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from retrieval.protocol import Retriever
from retrieval.types import Scored

RRF_K = 60


def rrf(
    rankings: Sequence[Sequence[Scored]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[Scored]:
    """Fuse rankings: score = Σ weight / (k + rank). The passage comes from the first ranking
    that has the document (order the rankings by how well they locate passages)."""
    weights = weights or [1.0] * len(rankings)
    score: dict[str, float] = {}
    passage: dict[str, str | None] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, hit in enumerate(ranking, start=1):
            score[hit.doc_id] = score.get(hit.doc_id, 0.0) + weight / (k + rank)
            if passage.get(hit.doc_id) is None:
                passage[hit.doc_id] = hit.passage_id
    fused = [Scored(d, s, passage[d]) for d, s in score.items()]
    return sorted(fused, key=lambda h: (-h.score, h.doc_id))


class HybridRetriever:
    """Runs each retriever to ``depth`` and fuses by reciprocal rank.

    ``rewrites`` optionally transforms the question per retriever (e.g. the lexical one gets
    the officers' phrases expanded into statute words, the dense one the question as asked)."""

    name = "hybrid"

    def __init__(
        self,
        retrievers: Sequence[Retriever],
        *,
        weights: Sequence[float] | None = None,
        rewrites: Sequence[Callable[[str], str] | None] | None = None,
        depth: int = 50,
        k: int = RRF_K,
    ) -> None:
        self.retrievers = list(retrievers)
        self.weights = list(weights) if weights else [1.0] * len(self.retrievers)
        self.rewrites = list(rewrites) if rewrites else [None] * len(self.retrievers)
        self.depth = depth
        self.k = k

    def rankings(
        self,
        query: str,
        *,
        top: int = 10,
        kinds: Collection[str] | None = None,
        skip: Collection[str] = (),
    ) -> dict[str, list[Scored]]:
        """Each retriever's own ranking (to ``depth``), by retriever name; the retrievers named
        in ``skip`` are not run."""
        depth = max(self.depth, top)
        return {
            r.name: r.search(rewrite(query) if rewrite else query, top=depth, kinds=kinds)
            for r, rewrite in zip(self.retrievers, self.rewrites, strict=True)
            if r.name not in skip
        }

    def fuse(
        self,
        rankings: dict[str, list[Scored]],
        *,
        top: int = 10,
        weights: Sequence[float] | None = None,
        k: int | None = None,
    ) -> list[Scored]:
        """The rankings given (a retriever left out of ``rankings`` is left out of the fusion)
        fused by reciprocal rank; ``weights`` are per retriever, in their order."""
        weights = weights or self.weights
        present = [(rankings[r.name], w) for r, w in zip(self.retrievers, weights, strict=True) if r.name in rankings]
        return rrf([r for r, _ in present], k=k or self.k, weights=[w for _, w in present])[:top]

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        return self.fuse(self.rankings(query, top=top, kinds=kinds), top=top)
