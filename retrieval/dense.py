"""Dense retrieval: passages embedded into a chromadb collection (cosine space)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings

from retrieval.embedding import USEEmbeddingFunction
from retrieval.types import Passage, Scored

COLLECTION = "choshu_passages"
BATCH = 64


def chroma_client(path: Path) -> Any:
    """A persistent client under ``path`` with telemetry off."""
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )


def embed_text(p: Passage) -> str:
    """What is embedded: the citation header and the start of the passage."""
    return p.text[:512]


def passage_key(p: Passage) -> str:
    """Chroma id: the passage id plus a hash of what was embedded (changed text → new id)."""
    digest = hashlib.sha1(embed_text(p).encode()).hexdigest()[:12]
    return f"{p.passage_id}|{digest}"


class ChromaRetriever:
    name = "chroma"

    def __init__(self, collection: Any) -> None:
        self.collection = collection

    @classmethod
    def open(cls, client: Any, *, embedding: USEEmbeddingFunction | None = None) -> ChromaRetriever:
        collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=embedding or USEEmbeddingFunction(),
            configuration={"hnsw": {"space": "cosine"}},
        )
        return cls(collection)

    def sync(
        self,
        passages: Sequence[Passage],
        *,
        kinds: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Make the collection hold exactly ``passages``; only new or changed text is embedded.

        Returns how many passages were embedded."""
        wanted = {passage_key(p): (p, k) for p, k in zip(passages, kinds, strict=True)}
        existing = set(self.collection.get(include=[])["ids"])
        stale = sorted(existing - set(wanted))
        for i in range(0, len(stale), 1000):
            self.collection.delete(ids=stale[i : i + 1000])
        todo = [key for key in wanted if key not in existing]
        for i in range(0, len(todo), BATCH):
            keys = todo[i : i + BATCH]
            self.collection.add(
                ids=keys,
                documents=[embed_text(wanted[k][0]) for k in keys],
                metadatas=[{"doc_id": wanted[k][0].doc_id, "kind": wanted[k][1]} for k in keys],
            )
            if progress:
                progress(min(i + BATCH, len(todo)), len(todo))
        return len(todo)

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]:
        count = self.collection.count()
        if count == 0:
            return []
        where = {"kind": {"$in": list(kinds)}} if kinds else None
        res = self.collection.query(
            query_texts=[query], n_results=min(count, top * 3), where=where, include=["metadatas", "distances"]
        )
        out: dict[str, Scored] = {}
        for key, meta, dist in zip(res["ids"][0], res["metadatas"][0], res["distances"][0], strict=True):
            doc_id = str(meta["doc_id"])
            if doc_id not in out:
                out[doc_id] = Scored(doc_id, 1.0 - float(dist), key.split("|", 1)[0])
        return sorted(out.values(), key=lambda s: -s.score)[:top]
