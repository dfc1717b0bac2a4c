"""Fixtures shared by the chat-surface tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from retrieval.corpus import BUNDLED_DIR
from tests.bot.fake_slack import FakeSlack
from tests.tools import office


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A fake Slack Web API on loopback, closed after the test."""
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def web(office_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """The web app (web chat, dashboard) on the small test office."""
    app = create_app(settings=office.settings_for(office_engine, tmp_path))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def slack_web(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> Iterator[TestClient]:
    """The web app with Slack configured against the fake Web API."""
    settings = office.settings_for(office_engine, tmp_path, **fake.settings())
    app = create_app(settings=settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def teams_web(office_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """The web app with the Teams emulator's setting and the fake connector's loopback host on
    the allow-list (the ``fake`` server stands in for the Bot Connector)."""
    from tests.bot.test_teams import EMULATOR

    app = create_app(settings=office.settings_for(office_engine, tmp_path, **EMULATOR))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture(scope="session")
def faq_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A corpus of the bundled FAQ only, indexed once (the full corpus takes minutes)."""
    from retrieval.service import forget_searcher

    base = tmp_path_factory.mktemp("faq-search")
    (base / "corpus").mkdir()
    (base / "corpus" / "faq.csv").write_bytes((BUNDLED_DIR / "faq.csv").read_bytes())
    yield base
    forget_searcher(settings=office.settings_for(_dummy_engine(), base / "home", choshu_corpus_dir=base / "corpus", choshu_corpus_bundled=False))


def _dummy_engine():  # type: ignore[no-untyped-def]
    from store.db import make_engine

    return make_engine("sqlite://")
