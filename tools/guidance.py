"""Guidance from the notes: signals in the 経過記録 (相続, 破産, 分納, 生活保護, 転居, 退職, 差押解除 …)
bring up the manual section or article that applies, found by the search engine (the query is the
signal; no hand-made table of sections per word)."""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from store import ratings as rating_queries
from store.settings import Settings

# retrieval.service (Chroma, BM25, SudachiPy) loads lazily, only when there is an index.

log = logging.getLogger(__name__)

# Words in a note that call for a procedure (the engine decides which section or article).
# fmt: off
SIGNALS: tuple[str, ...] = (
    "相続", "死亡", "破産", "分納", "生活保護", "転居", "転出", "退職", "差押解除", "失業",
    "多重債務", "入院", "居所不明", "行方不明", "倒産", "廃業", "執行停止", "徴収猶予", "換価の猶予",
)
# fmt: on
_PATTERN = re.compile("|".join(sorted(map(re.escape, SIGNALS), key=len, reverse=True)))
_QUERY = "滞納者の{signal}"
MAX_ITEMS = 2
# The searches' answers, per process: the queries are few (a signal each), and a case summary
# would otherwise run two full searches. Kept while the index and the ratings stay the same.
CACHE_SIZE = 512
_cache: OrderedDict[tuple[object, ...], tuple[Guidance, ...]] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class Guidance:
    signal: str
    # 「事務処理マニュアル 8 分納誓約」「地方税法 第九条（相続による納付義務の承継）」
    citation: str
    highlight: str
    doc_id: str


def note_signals(texts: Sequence[str]) -> list[str]:
    """Signals in the notes, newest note first, each once."""
    found: list[str] = []
    for text in texts:
        for m in _PATTERN.finditer(text):
            if m.group(0) not in found:
                found.append(m.group(0))
    return found


def guidance(
    *, settings: Settings, session: Session | None, texts: Sequence[str], limit: int = MAX_ITEMS
) -> list[Guidance]:
    """The manual section the search engine finds for each of the newest two signals; with one
    signal, its manual section and its article. None when the search index has not been built
    yet (building it belongs to `choshu index`, not to a page view)."""
    signals = note_signals(texts)[:limit]
    if not signals:
        return []
    try:
        index_stamp = (settings.index_dir / "meta.json").stat().st_mtime_ns
    except OSError:
        return []
    marks = rating_queries.ratings_mark(session=session) if session is not None else None
    key = (str(settings.index_dir), index_stamp, tuple(signals), limit, marks)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return list(_cache[key])
    out, complete = _search(settings=settings, session=session, signals=signals, limit=limit)
    if complete:
        with _cache_lock:
            _cache[key] = tuple(out)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return out


def _search(
    *, settings: Settings, session: Session | None, signals: list[str], limit: int
) -> tuple[list[Guidance], bool]:
    """The guidance found for ``signals``, and whether every search answered (else the part
    found so far, not kept)."""
    from retrieval.service import lookup_manual, search_law

    wanted = [(signal, lookup_manual) for signal in signals]
    if len(signals) == 1:
        wanted.append((signals[0], search_law))
    out: list[Guidance] = []
    seen: set[str] = set()
    for signal, find in wanted:
        try:
            hits = find(
                settings=settings, query=_QUERY.format(signal=signal), top=2, session=session
            )
        except (OSError, ValueError) as err:  # an unreadable index: the page still shows the case
            log.warning("guidance search failed: %s", type(err).__name__)
            return out, False
        hit = next((h for h in hits if h.doc_id not in seen), None)
        if hit is not None:
            seen.add(hit.doc_id)
            out.append(Guidance(signal, hit.citation, hit.highlight or hit.text[:120], hit.doc_id))
    return out[:limit], True
