"""The search page: cited hits with the matching sentence marked, and 👍/👎 ratings stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.web.pages.search import searcher
from retrieval.types import Hit
from store.models import Rating

Login = Callable[[str], TestClient]

HIT = Hit(
    doc_id="law:kcl:76",
    kind="law",
    source_id="kcl",
    title="国税徴収法",
    article="第七十六条",
    text="給料等については、次に掲げる金額の合計額を差し押えることができない。<script>",
    score=0.9,
    citation="国税徴収法 第七十六条（給与の差押禁止）",
    highlight="次に掲げる金額の合計額を差し押えることができない。",
)


class FakeSearcher:
    """The contract's searcher interface, answering from a fixed list."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def search(
        self, query: str, *, top: int = 5, kinds: Any = None, ratings: Any = None
    ) -> list[Hit]:
        self.calls.append({"query": query, "top": top, "kinds": kinds, "ratings": ratings})
        return [HIT] if "差押" in query else []


@pytest.fixture
def fake(client: TestClient) -> FakeSearcher:
    fake = FakeSearcher()
    client.app.dependency_overrides[searcher] = lambda: lambda: fake  # type: ignore[attr-defined]
    return fake


def test_search_shows_the_citation_and_marks_the_sentence(login: Login, fake: FakeSearcher) -> None:
    page = login("A01").get("/search", params={"q": "給与の差押禁止額の条文は？", "scope": "law"})
    assert page.status_code == 200
    assert "国税徴収法 第七十六条（給与の差押禁止）" in page.text
    assert "<mark>次に掲げる金額の合計額を差し押えることができない。</mark>" in page.text
    assert "<script>" not in page.text.split("<body>")[1]
    assert fake.calls[0]["kinds"] == ("law", "notice")


def test_no_hits_says_so(login: Login, fake: FakeSearcher) -> None:
    page = login("A01").get("/search", params={"q": "天気"})
    assert "見つかりませんでした" in page.text


def test_rating_is_stored_for_the_staff_member(
    login: Login, fake: FakeSearcher, csrf: Callable[[TestClient], str], tiny_office: Engine
) -> None:
    client = login("A02")
    r = client.post(
        "/search/rate",
        data={"csrf": csrf(client), "doc_id": HIT.doc_id, "query": "給与の差押", "value": "1"},
    )
    assert r.status_code == 200
    assert "評価を記録しました" in r.text
    with Session(tiny_office) as s:
        rows = list(s.exec(select(Rating)))
    assert [(x.doc_id, x.value, x.staff_id, x.surface) for x in rows] == [
        (HIT.doc_id, 1, "A02", "web")
    ]


def test_search_needs_login(client: TestClient) -> None:
    assert client.get("/search?q=x", follow_redirects=False).status_code == 303


from tests.retrieval.conftest import SmallSearch, small_search  # noqa: E402,F401  (the fixture)


@pytest.fixture
def real(client: TestClient, small_search: SmallSearch) -> SmallSearch:  # noqa: F811
    client.app.dependency_overrides[searcher] = lambda: lambda: small_search.searcher  # type: ignore[attr-defined]
    return small_search


def _article(page: str, doc_id: str) -> str:
    return page.split(f'data-doc="{doc_id}"', 1)[1].split("</article>", 1)[0]


def test_the_search_page_shows_article_76_whole_with_the_matching_sentence_marked(
    login: Login, real: SmallSearch
) -> None:
    page = login("A01").get("/search", params={"q": "賞与は差し押さえられる？", "scope": "law"})
    assert page.status_code == 200
    hit = _article(page.text, "334AC0000000147:76")
    for part in (
        "その給料等の金額から前各号に掲げる金額の合計額を控除した金額",  # 1項5号
        "給料等に基き支払を受けた金銭は",  # 2項
        "退職手当及びその性質を有する給与に係る債権",  # 4項
        "第一項、第二項及び前項の規定は、滞納者の承諾があるときは適用しない。",  # 5項
    ):
        assert part in hit, part
    assert hit.count("<mark>") == 1 and "</mark>" in hit  # the sentence that matched
    assert 'href="/search?doc=334AC0000000147%3A76&amp;q=' in hit  # the hit links to its article


def test_every_hit_links_to_a_page_of_its_own_article(login: Login, real: SmallSearch) -> None:
    page = login("A01").get("/search", params={"doc": "334AC0000000147:76", "q": "徴収法76条の2項"})
    assert page.status_code == 200
    hit = _article(page.text, "334AC0000000147:76")
    assert "<mark>給料等に基き支払を受けた金銭は" in hit  # 「76条の2項」 marks 2項
    assert "滞納者の承諾があるときは適用しない。" in hit
    gone = login("A01").get("/search", params={"doc": "334AC0000000147:9999"})
    assert gone.status_code == 200 and "索引にありません" in gone.text


def test_a_manual_hit_shows_its_paragraph_and_the_rest_behind_read_more(
    login: Login, real: SmallSearch
) -> None:
    page = login("A01").get(
        "/search", params={"q": "分納誓約の期間は何年まで認められる？", "scope": "manual"}
    )
    hit = _article(page.text, "manual:manual:8")
    assert "<details><summary>続きを読む</summary>" in hit
    assert "分納誓約書）で出してもらいます" in hit.split("<details>")[1]


def test_the_article_page_numbers_every_paragraph_and_item_of_76(
    login: Login, real: SmallSearch
) -> None:
    page = login("A01").get("/search", params={"doc": "334AC0000000147:76", "q": "徴収法76条"})
    hit = _article(page.text, "334AC0000000147:76").replace("<mark>", "").replace("</mark>", "")
    for line in (
        "1 給料、賃金、俸給",
        "\u3000一 所得税法第百八十三条",
        "\u3000五 その給料等の金額から前各号に掲げる金額",
        "2 給料等に基き支払を受けた金銭は",
        "3 賞与及びその性質を有する給与",
        "4 退職手当及びその性質を有する給与",
        "\u3000四 退職手当等の支給の基礎となつた期間が五年をこえる場合",
        "5 第一項、第二項及び前項の規定は",
    ):
        assert line in hit, line
