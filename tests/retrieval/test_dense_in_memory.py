"""The local index's dense search runs over the vectors held in memory: it finds what the
Chroma collection's own query finds, and a passage added to the collection afterwards."""

from __future__ import annotations

from pathlib import Path

from retrieval.dense import ChromaRetriever, chroma_client
from retrieval.embedding import USEEmbeddingFunction
from retrieval.types import Passage
from tests.retrieval.conftest import SmallSearch

QUESTIONS = ("給与の差押禁止額", "滞納処分の停止", "分納誓約の手続き", "第三債務者への照会")


def test_the_local_index_searches_in_memory_what_the_collection_query_finds(
    small_search: SmallSearch,
) -> None:
    held = small_search.searcher.index.dense
    assert held.in_memory
    queried = ChromaRetriever(held.collection, embedding=held.embedding)  # asks Chroma each time
    for question in QUESTIONS:
        in_memory = [(s.doc_id, s.passage_id) for s in held.search(question, top=5)]
        assert in_memory == [(s.doc_id, s.passage_id) for s in queried.search(question, top=5)]
    law_only = held.search("給与の差押禁止額", top=5, kinds=["law"])
    assert law_only and all(not s.doc_id.startswith(("manual:", "faq:")) for s in law_only)


def test_a_passage_added_to_the_collection_is_found_by_the_next_search(tmp_path: Path) -> None:
    retriever = ChromaRetriever.open(
        chroma_client(tmp_path / "chroma"), embedding=USEEmbeddingFunction(), in_memory=True
    )
    first = Passage("law:1#0", "law:1", "第一条", "給与の差押えは、差押禁止額を超える部分に限る。")
    retriever.sync([first], kinds=["law"], captions=[None])
    assert [s.doc_id for s in retriever.search("延滞金の計算", top=5)] == ["law:1"]
    second = Passage(
        "law:2#0",
        "law:2",
        "第二条",
        "延滞金は、納期限の翌日から納付の日までの日数に応じて計算する。",
    )
    retriever.sync([first, second], kinds=["law", "law"], captions=[None, None])
    assert retriever.search("延滞金の計算", top=5)[0].doc_id == "law:2"
