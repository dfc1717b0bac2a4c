"""The CLI and the chat answer 「12345の財産調査先は？」 through the same use case, with the same
targets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from bot.cli import app
from store.settings import get_settings
from tests.investigation.conftest import Tiny
from tools.actor import Actor
from tools.registry import ToolContext, run_tool
from tools.usecases import cases

CASE = "000108"


@pytest.fixture
def office(tiny_copy: Tiny, monkeypatch: pytest.MonkeyPatch) -> Iterator[Tiny]:
    """The tiny office with CHOSHU_HOME holding its trained model."""
    monkeypatch.setenv("CHOSHU_HOME", str(tiny_copy.model_dir.parent))
    get_settings.cache_clear()
    yield tiny_copy
    get_settings.cache_clear()


def test_the_cli_and_the_chat_recommend_the_same_targets_through_one_function(
    office: Tiny, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, list[tuple[str, str | None, float]]]] = []
    real = cases.recommend_targets

    def spy(**kwargs: Any) -> Any:
        rec = real(**kwargs)
        calls.append((kwargs["actor"].surface, [(t.target_kind, t.target_id, t.score) for t in rec.targets]))
        return rec

    monkeypatch.setattr(cases, "recommend_targets", spy)

    result = CliRunner().invoke(app, ["--db", office.url, "recommend", CASE, "--json"])
    assert result.exit_code == 0, result.output
    printed = [(x["target_kind"], x["target_id"], x["score"]) for x in json.loads(result.stdout)["targets"]]

    with Session(office.engine) as session:
        actor = Actor("K2", "slack", "ja", "鈴木 一郎", "supervisor", None, "U123")
        reply = run_tool(ToolContext(session=session, settings=get_settings(), actor=actor), "recommend_targets", {"case_id": CASE})
        session.commit()

    assert [surface for surface, _ in calls] == ["cli", "slack"]
    # The chat asks for one target more than it shows, to know whether 「もっと」 can go on.
    assert calls[0][1] == printed and printed
    assert calls[1][1][: len(printed)] == printed and len(calls[1][1]) <= len(printed) + 1
    assert len(reply.sections) >= len(printed)  # one section (with its buttons) per target
