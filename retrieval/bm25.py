"""BM25 (bm25s) over passages tokenised by the one tokenizer; captions weigh more."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path

import bm25s
import numpy as np

from retrieval.tokenizer import Tokenizer
from retrieval.types import Passage, Scored

CAPTION_WEIGHT = 3  # a caption's words count this many times in its passages


class BM25Retriever:
    name = "bm25"

    def __init__(
        self,
        *,
        model: bm25s.BM25,
        passage_ids: Sequence[str],
        doc_ids: Sequence[str],
        kinds: Sequence[str],
        tokenizer: Tokenizer,
    ) -> None:
        self.model = model
        self.passage_ids = list(passage_ids)
        self.tokenizer = tokenizer
        self._vocab = set(model.vocab_dict)
        unique = list(dict.fromkeys(doc_ids))
        self._doc_names = np.array(unique, dtype=object)
        position = {d: i for i, d in enumerate(unique)}
        self._doc_index = np.array([position[d] for d in doc_ids], dtype=np.int64)
        self._kinds = np.array(list(kinds), dtype=object)

    @classmethod
    def build(
        cls,
        passages: Sequence[Passage],
        *,
        kinds: Sequence[str],
        captions: Sequence[str | None],
        tokenizer: Tokenizer,
        caption_weight: int = CAPTION_WEIGHT,
    ) -> BM25Retriever:
        """``kinds`` and ``captions`` are given per passage (its document's)."""
        corpus_tokens = []
        for p, caption in zip(passages, captions, strict=True):
            toks = tokenizer.tokens(p.text)
            if caption:
                toks += tokenizer.tokens(caption) * (caption_weight - 1)
            corpus_tokens.append(toks or ["<empty>"])
        model = bm25s.BM25()
        model.index(corpus_tokens, show_progress=False)
        return cls(
            model=model,
            passage_ids=[p.passage_id for p in passages],
            doc_ids=[p.doc_id for p in passages],
            kinds=kinds,
            tokenizer=tokenizer,
        )

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.model.save(str(directory), show_progress=False)
        meta = {
            "passage_ids": self.passage_ids,
            "doc_ids": [str(self._doc_names[i]) for i in self._doc_index],
            "kinds": [str(k) for k in self._kinds],
        }
        (directory / "passages.json").write_text(
            json.dumps(meta, ensure_ascii=False), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: Path, *, tokenizer: Tokenizer) -> BM25Retriever:
        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        meta = json.loads((directory / "passages.json").read_text(encoding="utf-8"))
        return cls(
            model=model,
            passage_ids=meta["passage_ids"],
            doc_ids=meta["doc_ids"],
            kinds=meta["kinds"],
            tokenizer=tokenizer,
        )

    def passage_scores(self, tokens: Sequence[str]) -> np.ndarray:
        known = [t for t in tokens if t in self._vocab]
        if not known:
            return np.zeros(len(self.passage_ids), dtype=np.float32)
        return np.asarray(self.model.get_scores(known), dtype=np.float32)

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        return self.search_tokens(self.tokenizer.tokens(query), top=top, kinds=kinds)

    def search_tokens(
        self, tokens: Sequence[str], *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        scores = self.passage_scores(tokens)
        if kinds is not None:
            scores = np.where(np.isin(self._kinds, list(kinds)), scores, 0.0)
        doc_best = np.zeros(len(self._doc_names), dtype=np.float32)
        np.maximum.at(doc_best, self._doc_index, scores)
        order = np.argsort(-doc_best, kind="stable")[:top]
        out = []
        for d in order:
            if doc_best[d] <= 0:
                break
            members = np.flatnonzero(self._doc_index == d)
            best = members[int(np.argmax(scores[members]))]
            out.append(Scored(str(self._doc_names[d]), float(doc_best[d]), self.passage_ids[best]))
        return out
