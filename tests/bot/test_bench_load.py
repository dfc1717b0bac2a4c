"""`choshu bench load` runs against a real server (its turn processes, the Slack fake) and
reports every part of the load: turns per kind, errors, Slack acknowledgements and replies, and
the case pages opened meanwhile. (What it measures is for the README, not asserted here.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from retrieval.corpus import BUNDLED_DIR
from tests.web.conftest import copy_sqlite


def test_bench_load_reports_turns_slack_and_pages(
    demo_office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    url = copy_sqlite(demo_office.url, tmp_path / "office.db")
    monkeypatch.setenv("CHOSHU_HOME", str(tmp_path / "home"))
    # The law turns search the FAQ alone (indexing the whole corpus takes a minute).
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "faq.csv").write_bytes((BUNDLED_DIR / "faq.csv").read_bytes())
    monkeypatch.setenv("CHOSHU_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CHOSHU_CORPUS_BUNDLED", "false")
    monkeypatch.setenv("CHOSHU_PROCESSES", "2")
    result = CliRunner().invoke(
        app,
        ["--db", url, "bench", "load", "--staff", "2", "--turns", "6", "--concurrency", "3",
         "--slack-events", "2", "--page-views", "2"],
    )
    out = result.output
    assert result.exit_code == 0, out
    counts = [int(n) for n in re.findall(r"^  (?:targets|law|summary) +n= *(\d+)", out, re.M)]
    assert sum(counts) == 6
    assert "HTTP errors: 0" in out
    assert re.search(r"slack acks n=2 .*\(not 200: 0;", out)
    assert "slack replies 2/2" in out
    assert re.search(r"case pages n=2 .*\(not 200: 0\)", out)
