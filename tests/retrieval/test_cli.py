"""The search commands as a user runs them: exit codes, messages, the contract's JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from store.settings import get_settings
from tests.retrieval.conftest import SmallSearch

runner = CliRunner()


@pytest.fixture
def cli_env(small_search: SmallSearch, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallSearch]:
    s = small_search.settings
    monkeypatch.setenv("CHOSHU_HOME", str(s.choshu_home))
    monkeypatch.setenv("CHOSHU_CORPUS_DIR", str(s.choshu_corpus_dir))
    monkeypatch.setenv("CHOSHU_CORPUS_BUNDLED", "false")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{s.choshu_home}/cli.db")
    get_settings.cache_clear()
    yield small_search
    get_settings.cache_clear()


def test_search_json_lists_hits_as_the_contract_says(cli_env: SmallSearch) -> None:
    result = runner.invoke(app, ["search", "給与の差押禁止額の条文は？", "--top", "3", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert {"source_id", "title", "article", "text", "score"} <= set(hits[0])
    assert any(h["source_id"] == "334AC0000000147" and h["article"] == "第七十六条" for h in hits)


def test_search_prints_citations_with_the_sentence_marked(cli_env: SmallSearch) -> None:
    result = runner.invoke(app, ["search", "徴収法76条", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "1. 国税徴収法 第七十六条（給与の差押禁止）" in result.stdout
    assert "【" in result.stdout


@pytest.mark.parametrize(("query", "words"), [("", "空です"), ("あ" * 10_000, "長すぎます")])
def test_bad_questions_exit_non_zero_with_a_reason(
    cli_env: SmallSearch, query: str, words: str
) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code == 2
    assert words in result.output


def test_corpus_add_refuses_a_file_that_is_not_egov_xml(
    cli_env: SmallSearch, tmp_path: Path
) -> None:
    meta = (cli_env.home / "index" / "meta.json").read_text(encoding="utf-8")
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel/></rss>", encoding="utf-8")
    result = runner.invoke(app, ["corpus", "add", str(other)])
    assert result.exit_code == 2
    assert "e-Gov の法令 XML ではありません" in result.output
    assert "索引は変更していません" in result.output
    assert (cli_env.home / "index" / "meta.json").read_text(encoding="utf-8") == meta


def test_evaluate_search_prints_recall_and_mrr_beside_the_baseline(
    cli_env: SmallSearch, tmp_path: Path
) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {"q": "給料はどこまで差し押さえられる？", "gold": [["334AC0000000147", "76"]]},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["evaluate", "search", "--questions", str(questions)])
    assert result.exit_code == 0, result.output
    assert "system" in result.stdout and "keyword" in result.stdout
    assert "recall@5 1.000" in result.stdout
    assert "国税徴収法（1 問）: recall@5 1.000（キーワード基準" in result.stdout


def test_search_prints_a_statute_whole(cli_env: SmallSearch) -> None:
    result = runner.invoke(app, ["search", "徴収法76条", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "その給料等の金額から前各号に掲げる金額の合計額を控除した金額" in result.stdout  # 1項5号
    assert "第一項、第二項及び前項の規定は、滞納者の承諾があるときは適用しない。" in result.stdout  # 5項
