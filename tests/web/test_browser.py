"""The dashboard in a real browser: headless Chromium (Debian's package) through Playwright,
against the real server (uvicorn in a thread on a free loopback port) on the demo office.

Screenshots are kept under ``test-artifacts/web/`` (gitignored). ``.ci/install-browser``
installs Chromium; without it these tests skip.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlmodel import Session, create_engine, select

from bot.web.app import create_app
from store.models import Case, Investigation, Staff, Taxpayer
from tests.web.conftest import copy_sqlite, web_settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is not installed (run .ci/install-browser)",
    ),
]


@dataclass
class LiveServer:
    base: str
    url: str  # the store's database URL

    def query(self, fn: Any) -> Any:
        eng = create_engine(self.url)
        try:
            with Session(eng) as s:
                return fn(s)
        finally:
            eng.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_demo_office(demo_office, base_dir: Path, **overrides: object) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The real app served by uvicorn on a copy of the demo office, with a trained model."""
    url = copy_sqlite(demo_office.url, base_dir / "office.db")
    settings = web_settings(url, **overrides)
    from investigation.service import train

    eng = create_engine(url)
    with Session(eng) as s:
        train(session=s, model_dir=settings.models_dir)
    eng.dispose()

    app = create_app(settings=settings)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield LiveServer(base=f"http://127.0.0.1:{port}", url=url)
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def live_server(demo_office, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    with serve_demo_office(demo_office, tmp_path_factory.mktemp("browser")) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Any, server: LiveServer, staff_id: str) -> None:
    page.goto(f"{server.base}/login")
    page.select_option("#staff_id", staff_id)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/dashboard$"))


def _people(server: LiveServer) -> list[Staff]:
    return server.query(lambda s: sorted(s.exec(select(Staff)).all(), key=lambda p: p.staff_id))


def _makespan(page: Any, chart: str) -> float:
    return float(page.get_attribute(f"svg#{chart}", "data-makespan"))


def test_supervisor_runs_an_assignment_and_the_chart_changes(
    live_server: LiveServer, page: Any
) -> None:
    boss = next(p for p in _people(live_server) if p.role == "supervisor")
    log_in(page, live_server, boss.staff_id)
    assert page.locator("svg#chart-before g.bar").count() == len(_people(live_server))
    assert page.locator("svg#chart-after").count() == 0
    before = _makespan(page, "chart-before")
    busiest_before = page.get_attribute("svg#chart-before", "data-busiest")
    shot(page, "dashboard-before")

    page.fill("#development_weight", "0.3")
    assert page.text_content("#weight-value") == "0.30"
    page.click("[data-testid=run]")
    page.wait_for_selector("svg#chart-after")

    assert "最適化しました" in page.text_content("[data-testid=flash]")
    after = _makespan(page, "chart-after")
    assert after < before  # the busiest person's expected hours went down
    assert page.locator("svg#chart-after g.bar").count() == len(_people(live_server))  # nobody left out
    busiest_after = float(page.get_attribute(f"svg#chart-after g.bar[data-staff='{busiest_before}']", "data-total"))
    assert busiest_after < before  # the one who was busiest carries less
    assert page.locator("svg#chart-after .reference").count() == 1  # the lower bound
    assert re.fullmatch(r"\d+\.\d%", page.text_content("[data-testid=gap]").strip())
    assert page.input_value("#development_weight") == "0.3"
    shot(page, "dashboard-after-run")

    page.click("nav a[data-nav=audit]")
    page.wait_for_selector("[data-testid=audit-table]")
    assert "web.assign_cases" in page.text_content("[data-testid=audit-table]")
    shot(page, "audit-log")


def test_staff_member_opens_a_case_and_records_a_result(live_server: LiveServer, page: Any) -> None:
    people = _people(live_server)
    me = next(
        p
        for p in people
        if p.role == "staff"
        and live_server.query(
            lambda s, p=p: s.exec(
                select(Case).where(Case.staff_id == p.staff_id, Case.status == "open")
            ).first()
        )
    )
    log_in(page, live_server, me.staff_id)
    page.select_option("#f-staff", me.staff_id)
    page.click("[data-testid=filters] button[type=submit]")
    page.wait_for_url(re.compile(r".*staff=.*"))
    page.click("[data-testid=assignment-table] tbody a >> nth=0")
    page.wait_for_selector("[data-testid=case-title]")
    case_id = page.text_content("[data-testid=case-title]").split()[1]
    page.wait_for_selector("[data-testid=targets]")
    shot(page, "case-page")

    first = page.locator("[data-testid=targets] tbody tr").first
    target = first.get_attribute("data-target")
    name = first.locator("td b").text_content()
    first.locator("button.found").click()
    page.wait_for_selector("[data-testid=flash]")
    assert "照会結果「あり」を記録しました" in page.text_content("[data-testid=flash]")
    # the page now lists it as already found, not as a target to ask
    assert name in page.text_content("[data-testid=known-assets]")
    assert target not in [r.get_attribute("data-target") for r in page.locator("[data-testid=targets] tbody tr").all()]
    shot(page, "case-result-recorded")

    kind, _, target_id = target.partition(":")
    rows = live_server.query(
        lambda s: s.exec(
            select(Investigation).where(
                Investigation.case_id == case_id, Investigation.source == "web"
            )
        ).all()
    )
    assert [(r.target_kind, r.target_id or "", r.result, r.staff_id) for r in rows] == [
        (kind, target_id, "found", me.staff_id)
    ]


def test_staff_member_cannot_open_another_teams_case(live_server: LiveServer, page: Any) -> None:
    people = _people(live_server)
    me = next(p for p in people if p.role == "staff")
    other_team = {p.staff_id for p in people if p.team != me.team}

    def foreign_case(s: Session) -> tuple[str, str | None]:
        case = next(c for c in s.exec(select(Case)).all() if c.staff_id in other_team)
        return case.case_id, s.get(Taxpayer, case.taxpayer_id).name  # type: ignore[union-attr]

    case_id, taxpayer_name = live_server.query(foreign_case)
    log_in(page, live_server, me.staff_id)
    response = page.goto(f"{live_server.base}/cases/{case_id}")
    assert response.status == 403
    assert "他の係の案件" in page.text_content("[data-testid=error]")
    assert taxpayer_name and taxpayer_name not in page.content()
    shot(page, "case-other-team-refused")


def test_staff_member_asks_the_web_chat_and_records_a_result_with_one_click(
    live_server: LiveServer, page: Any
) -> None:
    """The chat page's script runs under the Content-Security-Policy (no inline script) and
    its buttons reach the server."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    people = _people(live_server)
    me, case = next(
        (p, c)
        for p in people
        if p.role == "staff"
        for c in [
            live_server.query(
                lambda s, p=p: s.exec(
                    select(Case).where(Case.staff_id == p.staff_id, Case.status == "open")
                ).first()
            )
        ]
        if c is not None
    )
    log_in(page, live_server, me.staff_id)
    page.goto(f"{live_server.base}/")
    shown = page.locator(".chat-reply").count()  # the greeting
    page.fill("#chat-input", f"{case.case_id}の財産調査先はどこがいい？")
    page.press("#chat-input", "Enter")
    reply = page.locator(".chat-reply").nth(shown)  # (no wait_for_function: the CSP forbids eval)
    reply.wait_for()
    assert case.case_id in reply.text_content()
    buttons = reply.locator("button[data-action]")
    before = page.locator(".chat-reply").count()

    def mine() -> int:
        return len(live_server.query(lambda s: s.exec(
            select(Investigation).where(Investigation.case_id == case.case_id, Investigation.staff_id == me.staff_id)
        ).all()))

    recorded = mine()
    if buttons.count():  # a case flagged for hardship has no targets and no result buttons
        buttons.first.click()
        answer = page.locator(".chat-reply").nth(before)
        answer.wait_for()
        assert "記録しました" in answer.text_content()
        assert mine() == recorded + 1
        # the chosen button reads as chosen; its row's others (and it) can no longer be pressed,
        # while the next target's あり／なし still can
        chosen = buttons.first
        assert chosen.text_content().startswith("✔ ") and "chosen" in (chosen.get_attribute("class") or "")
        assert chosen.get_attribute("aria-pressed") == "true"
        row = chosen.locator("xpath=..").locator("button")
        assert row.count() == 2 and all(b.is_disabled() for b in row.all())
        assert "✔" not in row.nth(1).text_content()
        if buttons.count() > 2:
            assert not buttons.nth(2).is_disabled()
        assert answer.locator("button[data-action]", has_text="取り消す").count() == 1
    shot(page, "web-chat")
    assert blocked == []
