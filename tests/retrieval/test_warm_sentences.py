"""A server's warm-up tokenises the corpus's sentences once, so the first questions after a
start do not wait for it (a law turn spent ~12 ms of its ~54 ms CPU there), and the answers
are the ones an unwarmed searcher gives."""

from __future__ import annotations

from retrieval.cite import sentences
from tests.retrieval.conftest import SmallSearch

QUESTIONS = ("給与の差押禁止額は？", "滞納処分の停止の要件", "分納誓約の手続きは？")


def test_after_the_warm_up_a_search_tokenises_no_corpus_sentence(own_search: SmallSearch, small_search: SmallSearch) -> None:
    searcher = own_search.searcher
    every = {s for p in searcher.passages.values() for s in sentences(p.body)}
    assert searcher.warm_sentences() == len(every) > 100
    warmed = searcher._sentence_tokens.cache_info()
    assert warmed.currsize == len(every)
    hits = [searcher.search(q, top=3) for q in QUESTIONS]
    after = searcher._sentence_tokens.cache_info()
    assert after.misses == warmed.misses  # every quoted sentence came from the warm-up
    assert after.hits > warmed.hits
    assert [[(h.doc_id, h.highlight) for h in hs] for hs in hits] == [
        [(h.doc_id, h.highlight) for h in small_search.searcher.search(q, top=3)] for q in QUESTIONS
    ]
