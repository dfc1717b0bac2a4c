"""Processes sharing CHOSHU_HOME take turns with the search index (a server starting while
`choshu bootstrap` builds it: the embedded Chroma breaks when two processes write it), and an
index that cannot be opened is reported once with what to do, and mended by `choshu index`."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from retrieval import service
from retrieval.corpus import Corpus
from store.errors import Unavailable
from store.settings import Settings
from tests.retrieval.conftest import SmallSearch
from tools.messages import error_text

HOLD = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_search_waits_while_another_process_holds_the_index(own_search: SmallSearch) -> None:
    settings = own_search.settings
    service.forget_searcher(settings=settings)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(Path(settings.choshu_home) / "index.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        got: list[object] = []
        opener = threading.Thread(target=lambda: got.append(service.get_searcher(settings=settings)))
        opener.start()
        opener.join(1.0)
        assert opener.is_alive() and not got  # waiting for the other process, not opening
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
    opener.join(60)
    assert got and got[0].search("差押禁止", top=1)  # type: ignore[attr-defined]


def test_a_search_that_waited_too_long_says_the_index_is_being_built(
    own_search: SmallSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = own_search.settings
    service.forget_searcher(settings=settings)
    monkeypatch.setattr(service, "INDEX_WAIT_SECONDS", 0.2)
    with service.index_lock(settings), pytest.raises(Unavailable) as caught:
        service.get_searcher(settings=settings)
    assert "別の処理が検索索引を作成中" in error_text(caught.value, "ja")
    assert service.get_searcher(settings=settings).search("差押禁止", top=1)  # free again: opens


def _damaged(search: SmallSearch) -> Settings:
    """The search's settings, its index's Chroma database cut short and this process's searcher
    forgotten (as in a process started after the damage)."""
    service.forget_searcher(settings=search.settings)
    db = search.home / "index" / "chroma" / "chroma.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    return search.settings


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per time the corpus is read (each attempt to open the index reads it first)."""
    loads: list[int] = []
    load = service.load_settings_corpus

    def counted(settings: Settings) -> Corpus:
        loads.append(1)
        return load(settings)

    monkeypatch.setattr(service, "load_settings_corpus", counted)
    return loads


def test_a_damaged_index_is_reported_once_and_mended_by_a_rebuild(
    own_search: SmallSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _damaged(own_search)
    loads = _count_loads(monkeypatch)

    with pytest.raises(Unavailable) as first:
        service.get_searcher(settings=settings)
    assert "choshu index" in error_text(first.value, "ja")
    # the next searches fail at once, without loading the corpus and trying again
    for _ in range(3):
        with pytest.raises(Unavailable):
            service.get_searcher(settings=settings)
    assert len(loads) == 1

    service.rebuild_index(settings=settings)  # `choshu index`
    hits = service.get_searcher(settings=settings).search("給与の差押禁止", top=3)
    assert any("国税徴収法" in h.title for h in hits)


def test_a_damaged_index_is_tried_again_after_a_while(
    own_search: SmallSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _damaged(own_search)
    with pytest.raises(Unavailable):
        service.get_searcher(settings=settings)
    loads = _count_loads(monkeypatch)
    monkeypatch.setattr(service, "BROKEN_RETRY_SECONDS", 0.0)
    time.sleep(0.01)
    with pytest.raises(Unavailable):
        service.get_searcher(settings=settings)
    assert loads == [1]
