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
