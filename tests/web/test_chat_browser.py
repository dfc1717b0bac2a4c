"""The web chat in a real browser (headless Chromium through Playwright, as ``test_browser``):
a new answer is shown from its heading, links lead to the pages, the header fits a 390 px
phone, 👍/👎 read without an emoji font.

Screenshots go to ``test-artifacts/web/``; with ``CHOSHU_SCREENSHOTS=1`` they are written to
``docs/screenshots/`` instead (the ones the README shows): a long recommendation, a law answer
with 「全文を見る」, and the 390 px layout.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from store.models import Case, Staff
from tests.retrieval.conftest import write_small_corpus
from tests.web.test_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS,
    CHROMIUM,
    LiveServer,
    browser,
    log_in,
    serve_demo_office,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (run .ci/install-browser)"),
]


@pytest.fixture(scope="module")
def live_server(demo_office, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The demo office with a trained model, searching a small corpus (the statutes of 徴収法,
    the manual, the FAQ) so that the first search does not index every bundled statute."""
    base = tmp_path_factory.mktemp("chat-browser")
    corpus = write_small_corpus(base / "corpus")
    with serve_demo_office(demo_office, base, choshu_corpus_dir=corpus, choshu_corpus_bundled=False) as server:
        yield server


def shot(page: Any, name: str, *, full_page: bool = False) -> Path:
    folder = DOCS if os.environ.get("CHOSHU_SCREENSHOTS") == "1" else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _context(browser: Any, width: int, height: int) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    context.set_default_timeout(30_000)
    return context


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = _context(browser, 1280, 800)
    yield context
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = _context(browser, 390, 844)
    yield context
    context.close()


def _staff_with_cases(server: LiveServer) -> tuple[str, list[str]]:
    """A staff member and their open cases, most first."""

    def pick(s: Session) -> tuple[str, list[str]]:
        counts = s.exec(
            select(Case.staff_id, func.count()).where(Case.status == "open", Case.staff_id.is_not(None))  # type: ignore[union-attr]
            .group_by(Case.staff_id)
        ).all()
        staff = {p.staff_id: p for p in s.exec(select(Staff)).all()}
        sid = max((c for c in counts if staff[c[0]].role == "staff"), key=lambda c: c[1])[0]
        cases = [c.case_id for c in s.exec(select(Case).where(Case.staff_id == sid, Case.status == "open")).all()]
        return sid, cases

    return server.query(pick)


def _ask(page: Any, text: str, *, timeout: float = 30_000) -> Any:
    shown = page.locator(".chat-reply").count()
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")
    reply = page.locator(".chat-reply").nth(shown)
    reply.wait_for(timeout=timeout)
    page.wait_for_timeout(300)  # the scroll after the answer is inserted
    return reply


def _in_view(page: Any, element: Any) -> bool:
    """The element's top line is inside the chat log's visible area and the window."""
    box = element.bounding_box()
    log = page.locator("#chat-log").bounding_box()
    viewport = page.viewport_size
    return bool(box and log and log["y"] <= box["y"] and box["y"] + 20 <= log["y"] + log["height"]
                and box["y"] >= 0 and box["y"] + 20 <= viewport["height"])


def _long_recommendation(page: Any, cases: list[str]) -> tuple[str, Any]:
    for case_id in cases:  # a case with targets (one flagged for hardship has none)
        reply = _ask(page, f"{case_id}の財産調査先はどこがいい？")
        if reply.locator(".chat-section").count() >= 3:
            return case_id, reply
    pytest.fail("no case with three targets")


def test_a_long_recommendation_is_shown_from_its_heading_and_links_the_case_page(
    live_server: LiveServer, desktop: Any
) -> None:
    sid, cases = _staff_with_cases(live_server)
    page = desktop.new_page()
    log_in(page, live_server, sid)
    page.goto(f"{live_server.base}/")
    _ask(page, f"{cases[0]}の概要")  # something above, so the log scrolls
    case_id, reply = _long_recommendation(page, cases)
    heading = reply.locator(".chat-head")
    assert case_id in heading.text_content()
    assert _in_view(page, heading), "the answer's heading is scrolled out of view"
    assert _in_view(page, reply.locator(".chat-section").first), "target #1 is scrolled out of view"
    link = reply.locator("a[data-link=case]")
    assert link.get_attribute("href") == f"/cases/{case_id}"
    shot(page, "chat-long-recommendation")
    with desktop.expect_page() as opened:
        link.click()
    case_page = opened.value
    case_page.wait_for_selector("[data-testid=case-title]")
    assert case_id in case_page.text_content("[data-testid=case-title]")


def test_a_law_answer_offers_the_whole_article_on_the_search_page(
    live_server: LiveServer, desktop: Any
) -> None:
    sid, _ = _staff_with_cases(live_server)
    page = desktop.new_page()
    log_in(page, live_server, sid)
    page.goto(f"{live_server.base}/")
    reply = _ask(page, "給与の差押禁止額の条文は？", timeout=120_000)  # the first search builds the index
    assert _in_view(page, reply.locator(".chat-head"))
    full = reply.locator("a.chat-link", has_text="全文を見る").first
    href = full.get_attribute("href")
    assert href and href.startswith("/search?doc=")
    # 👍/👎: the words are in the button, the emoji is a drawn icon (no emoji font needed)
    good = reply.locator("button[data-action]", has_text="役に立った").first
    assert good.locator("svg.icon").count() == 1 and "👍" not in good.inner_text()
    shot(page, "chat-law-answer")
    with desktop.expect_page() as opened:
        full.click()
    article = opened.value
    article.wait_for_load_state()
    assert re.search(r"/search\?doc=", article.url)
    assert "第七十六条" in article.content()
    # the search page's 👍/👎 are drawn too
    assert article.locator("form[action='/search/rate'] button svg.icon").count() >= 2
    shot(article, "search-full-article")


def test_the_chat_fits_a_390_px_phone(live_server: LiveServer, phone: Any) -> None:
    sid, cases = _staff_with_cases(live_server)
    page = phone.new_page()
    log_in(page, live_server, sid)
    page.goto(f"{live_server.base}/")
    brand = page.locator(".topbar .brand").bounding_box()
    # one or two lines of 15 px text (line height 1.6), and not one character wide
    assert brand is not None and brand["height"] <= 2 * 15 * 1.6 + 4 and brand["width"] > 4 * 15, brand
    for part in (".topbar .who", ".topbar .nav", "#chat-form button[type=submit]"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390 + 1, (part, box)  # nothing off the side
    reply = _ask(page, f"{cases[0]}の概要")
    assert _in_view(page, reply.locator(".chat-head"))
    shot(page, "chat-390px")
