"""The evaluation: metrics, question files, and a light recall check on the dev questions whose
answers are in the small corpus (the full figures come from `choshu evaluate search`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.evaluate import DEFAULT_SETS, KeywordBaseline, Question, load_questions, score
from retrieval.types import LAW_KINDS
from store.errors import InvalidInput
from tests.retrieval.conftest import SmallSearch


def test_both_question_sets_ship_with_the_project() -> None:
    dev, own = (load_questions(p) for p in DEFAULT_SETS)
    assert len(dev) == 20
    assert len(own) >= 40


def test_every_gold_pair_of_our_own_set_exists_in_the_corpus(small_search: SmallSearch) -> None:
    from retrieval.corpus import load_corpus

    corpus = load_corpus(home=small_search.home.parent / "empty")
    pairs = {(d.source_id, d.article_key) for d in corpus.docs if d.article_key}
    for q in load_questions(DEFAULT_SETS[1]):
        assert q.gold <= pairs, q.q


def test_a_bad_question_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"q": "督促は？"}\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_questions(bad)
    assert err.value.params["line"] == 1


def test_recall_and_mrr_count_the_first_gold_hit(small_search: SmallSearch) -> None:
    corpus = small_search.searcher.corpus
    q = Question("x", frozenset({("334AC0000000147", "76")}))
    ranked = ["334AC0000000147:75", "334AC0000000147:76"]
    m = score("t", lambda _q: ranked, [q], corpus)
    assert (m.recall_at_5, m.mrr_at_10) == (1.0, 0.5)


def test_dev_questions_answered_in_the_small_corpus_beat_the_keyword_baseline(
    small_search: SmallSearch,
) -> None:
    """A light stand-in for the full figure (0.85+ needs the whole corpus and its notice pages,
    too slow to index in a test): on the small corpus the system keeps at least 2/3 of the dev
    questions it can answer in the top 5 and stays well ahead of the keyword baseline."""
    corpus = small_search.searcher.corpus
    pairs = {(d.source_id, d.article_key) for d in corpus.docs if d.article_key}
    dev = [q for q in load_questions(DEFAULT_SETS[0]) if q.gold & pairs]
    assert len(dev) >= 10
    searcher = small_search.searcher
    system = score(
        "hybrid",
        lambda q: [h.doc_id for h in searcher.search(q, top=10, kinds=LAW_KINDS)],
        dev,
        corpus,
    )
    keyword = score("keyword", KeywordBaseline(corpus).rank, dev, corpus)
    assert system.recall_at_5 >= 0.66, system.misses
    assert system.mrr_at_10 > keyword.mrr_at_10
    assert system.recall_at_5 >= keyword.recall_at_5
