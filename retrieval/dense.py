"""Dense retrieval: passages embedded into a chromadb collection (cosine space)."""

from __future__ import annotations

import functools
import hashlib
import math
import re
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from threadpoolctl import ThreadpoolController

from retrieval.embedding import USEEmbeddingFunction
from retrieval.types import Passage, Scored

COLLECTION = "choshu_passages"
BATCH = 64


def chroma_client(path: Path, *, url: str = "") -> Any:
    """A persistent client under ``path``, or a client of the Chroma server at ``url``
    (``CHOSHU_CHROMA_URL``, e.g. ``http://127.0.0.1:8000``); telemetry off either way."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        parts = urlsplit(url)
        ssl = parts.scheme == "https"
        return chromadb.HttpClient(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or (443 if ssl else 8000),
            ssl=ssl,
            settings=settings,
        )
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


UNIT_CHARS = 160  # sentences are embedded in groups of about this size: questions are short
# Only the first units of each passage are embedded: the start of an article or notice item
# carries its subject; embedding the rest cost 40 % more build time for no measured gain.
UNITS_PER_PASSAGE = 2


@dataclass(frozen=True)
class Unit:
    key: str  # passage id | n | hash of the text (changed text → new id)
    passage_id: str
    doc_id: str
    text: str


def units(p: Passage, caption: str | None) -> list[Unit]:
    """A passage as short units (a few sentences, prefixed with the caption) to embed."""
    prefix = f"{caption}：" if caption else ""
    groups: list[str] = []
    buf = ""
    for sent in re.split(r"(?<=[。\n])", p.body):
        sent = sent.strip()
        if not sent:
            continue
        if buf and len(buf) + len(sent) > UNIT_CHARS:
            groups.append(buf)
            buf = ""
        buf += sent
    if buf or not groups:
        groups.append(buf)
    out = []
    for n, g in enumerate(groups[:UNITS_PER_PASSAGE]):
        text = (prefix + g)[: UNIT_CHARS * 2]
        digest = hashlib.sha1(text.encode()).hexdigest()[:10]
        out.append(Unit(f"{p.passage_id}|{n}|{digest}", p.passage_id, p.doc_id, text))
    return out


# HNSW search breadth. Chroma's default (100) answers the same question with slightly
# different neighbours from one start to the next (measured: 3 of 8 runs differed at depth 250);
# at 1000 every run agreed, and the query still costs less than embedding the question.
EF_SEARCH = 1000
COUNT_TTL = 60.0  # seconds a non-zero collection size is trusted (another replica may index)
QUERY_CACHE = 4096  # questions whose vector is kept per process (the same ones recur)
_blas: list[Any] = []  # the limit set on the process's BLAS libraries, once
_blas_lock = threading.Lock()


def _blas_on_one_thread() -> None:
    """BLAS on one thread for the rest of the process, set at its first search: the server
    answers several turns at once, and a second BLAS thread on a product this small only spins
    (measured: 2.4 ms CPU, not 0.9). Set once, not around each product: limiting and restoring
    the thread count cost more than the product itself (0.9–1.4 ms against 0.5–0.8)."""
    if _blas:
        return
    with _blas_lock:
        if not _blas:
            _blas.append(ThreadpoolController().limit(limits=1, user_api="blas"))


@dataclass(frozen=True)
class _Held:
    """The collection's vectors held in memory (unit length), with each unit's passage, document
    and kind: an exact search over them is a matrix-vector product."""

    count: int
    vectors: np.ndarray
    passage_ids: list[str]
    doc_ids: list[str]
    kinds: np.ndarray


class ChromaRetriever:
    """``in_memory``: search a copy of the vectors held in this process (the local persistent
    index: an exact cosine search over a few thousand units costs a fraction of Chroma's HNSW
    query at our search breadth); without it every search queries the collection (a Chroma
    server shared by replicas). Chroma stays the store either way."""

    name = "chroma"

    def __init__(
        self,
        collection: Any,
        *,
        embedding: USEEmbeddingFunction | None = None,
        in_memory: bool = False,
    ) -> None:
        self.collection = collection
        self.embedding = embedding or USEEmbeddingFunction()
        self.in_memory = in_memory
        self._count: tuple[float, int] | None = None  # (when read, passages): see _passages
        self._held: _Held | None = None
        self._held_lock = threading.Lock()
        self._query_vector = functools.lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    def _passages(self) -> int:
        """The collection's size, re-read at most every ``COUNT_TTL`` seconds once non-zero
        (it only caps ``n_results``; reading it cost as much as a third of the search)."""
        now = time.monotonic()
        if self._count is None or self._count[1] == 0 or now - self._count[0] > COUNT_TTL:
            self._count = (now, int(self.collection.count()))
        return self._count[1]

    @classmethod
    def open(
        cls, client: Any, *, embedding: USEEmbeddingFunction | None = None, in_memory: bool = False
    ) -> ChromaRetriever:
        embedding = embedding or USEEmbeddingFunction()
        collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=embedding,
            configuration={"hnsw": {"space": "cosine", "ef_search": EF_SEARCH}},
        )
        hnsw = (getattr(collection, "configuration", None) or {}).get("hnsw") or {}
        if hnsw.get("ef_search") != EF_SEARCH:  # a collection made before: search it as wide
            _retry_locked(lambda: collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}}))
        return cls(collection, embedding=embedding, in_memory=in_memory)

    def sync(
        self,
        passages: Sequence[Passage],
        *,
        kinds: Sequence[str],
        captions: Sequence[str | None],
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Make the collection hold exactly the units of ``passages``; only new or changed text
        is embedded. Returns how many units were embedded."""
        wanted = {
            u.key: (u, k)
            for p, k, c in zip(passages, kinds, captions, strict=True)
            for u in units(p, c)
        }
        existing = set(self.collection.get(include=[])["ids"])
        stale = sorted(existing - set(wanted))
        for i in range(0, len(stale), 1000):
            self._count, self._held = None, None
            self.collection.delete(ids=stale[i : i + 1000])
        todo = [key for key in wanted if key not in existing]
        for i in range(0, len(todo), BATCH):
            keys = todo[i : i + BATCH]
            # upsert: replicas syncing one Chroma server at the same time add the same ids
            self._count, self._held = None, None  # the size changes
            self.collection.upsert(  # embeds with the registered function
                ids=keys,
                documents=[wanted[k][0].text for k in keys],
                metadatas=[
                    {
                        "doc_id": wanted[k][0].doc_id,
                        "passage_id": wanted[k][0].passage_id,
                        "kind": wanted[k][1],
                    }
                    for k in keys
                ],
            )
            if progress:
                progress(min(i + BATCH, len(todo)), len(todo))
        return len(todo)

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        count = self._passages()
        if count == 0:
            return []
        if self.in_memory:
            return self._search_held(query, top=top, kinds=kinds, count=count)
        where = {"kind": {"$in": list(kinds)}} if kinds else None
        # Ids carry the passage (``doc_id#n|unit|hash``): fetching metadata would cost more
        # than the nearest-neighbour search itself.
        res = self.collection.query(
            query_texts=[query], n_results=min(count, top * 5), where=where, include=["distances"]
        )
        out: dict[str, Scored] = {}
        for key, dist in zip(res["ids"][0], res["distances"][0], strict=True):
            passage_id = key.split("|", 1)[0]
            doc_id = passage_id.rsplit("#", 1)[0]
            if doc_id not in out:
                out[doc_id] = Scored(doc_id, 1.0 - float(dist), passage_id)
        return sorted(out.values(), key=lambda s: -s.score)[:top]

    def _embed_query(self, query: str) -> np.ndarray:
        vector = np.asarray(self.embedding([query])[0], dtype=np.float32)
        vector = vector / max(float(np.linalg.norm(vector)), 1e-12)
        vector.flags.writeable = False  # shared by every search of the same question
        return vector

    def _vectors(self, count: int) -> _Held:
        """The vectors in memory, read again when the collection's size changed."""
        with self._held_lock:
            held = self._held
            if held is None or held.count != count:
                got = self.collection.get(include=["embeddings", "metadatas"])
                vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(
                    len(got["ids"]), -1
                )
                vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
                passage_ids = [key.split("|", 1)[0] for key in got["ids"]]
                held = _Held(
                    count=count,
                    vectors=vectors,
                    passage_ids=passage_ids,
                    doc_ids=[p.rsplit("#", 1)[0] for p in passage_ids],
                    kinds=np.array([(m or {}).get("kind", "") for m in got["metadatas"]]),
                )
                self._held = held
            return held

    def _search_held(
        self, query: str, *, top: int, kinds: Collection[str] | None, count: int
    ) -> list[Scored]:
        held = self._vectors(count)
        if not held.passage_ids:
            return []
        query_vector = self._query_vector(query)
        _blas_on_one_thread()
        scores = held.vectors @ query_vector
        if kinds:
            scores = np.where(np.isin(held.kinds, list(kinds)), scores, -np.inf)
        depth = min(len(scores), top * 5)  # as many units as the collection query returns
        nearest = np.argpartition(-scores, depth - 1)[:depth]
        # best first, ties by position; one conversion to Python numbers, not one per unit
        nearest = nearest[np.lexsort((nearest, -scores[nearest]))]
        out: dict[str, Scored] = {}
        for i, score in zip(nearest.tolist(), scores[nearest].tolist(), strict=True):
            if not math.isfinite(score):
                break
            doc_id = held.doc_ids[i]
            if doc_id not in out:
                out[doc_id] = Scored(doc_id, score, held.passage_ids[i])
        return sorted(out.values(), key=lambda s: -s.score)[:top]


def _retry_locked(write: Callable[[], None], waits: Sequence[float] = (0.2, 0.5, 1.0, 2.0)) -> None:
    """Chroma's own SQLite answers "database is locked" while its background writer (or another
    process opening the same index) holds the lock: wait a little and try again."""
    for wait in (*waits, None):
        try:
            write()
            return
        except Exception as err:
            if wait is None or "database is locked" not in str(err):
                raise
            time.sleep(wait)
