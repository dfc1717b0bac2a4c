"""Fixtures shared by the chat-surface tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.bot.fake_slack import FakeSlack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A fake Slack Web API on loopback, closed after the test."""
    server = FakeSlack()
    yield server
    server.close()
