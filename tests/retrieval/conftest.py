"""A small corpus (国税徴収法, a few other articles and notice pages, the demo manual and FAQ)
indexed once per session, so the search tests stay fast."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from retrieval.corpus import BUNDLED_DIR
from retrieval.search import Searcher
from retrieval.service import forget_searcher, get_searcher
from store.settings import Settings

DATA = Path(__file__).parent / "data"
EGOV_SAMPLE = DATA / "egov-sample-325AC0000000144.xml"

CHOSHU = "334AC0000000147"
EXTRA = {
    ("nta-choshu-kihon-tsutatsu", "76"),
    ("nta-choshu-kihon-tsutatsu", "141"),
    ("325AC0000000226", "15-7"),
    ("325AC0000000226", "18"),
    ("325AC0000000226", "331"),
    ("337AC0000000066", "46"),
    ("337AC0000000066", "72"),
    ("333AC0000000192", "110"),
    ("354AC0000000004", "152"),
}


def write_small_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    with (
        (BUNDLED_DIR / "laws.jsonl").open(encoding="utf-8") as src,
        (directory / "laws.jsonl").open("w", encoding="utf-8") as out,
    ):
        for line in src:
            rec = json.loads(line)
            key = rec["article_key"] or rec.get("related_article")
            if rec["source_id"] == CHOSHU or (rec["source_id"], key) in EXTRA:
                out.write(line)
    shutil.copy(BUNDLED_DIR / "manual.md", directory / "manual.md")
    shutil.copy(BUNDLED_DIR / "faq.csv", directory / "faq.csv")
    return directory


@dataclass
class SmallSearch:
    settings: Settings
    searcher: Searcher
    home: Path


def small_settings(base: Path) -> Settings:
    return Settings(
        _env_file=None,
        choshu_home=base / "home",
        choshu_corpus_dir=base / "corpus",
        choshu_corpus_bundled=False,
    )


@pytest.fixture(scope="session")
def small_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmallSearch]:
    base = tmp_path_factory.mktemp("search")
    write_small_corpus(base / "corpus")
    settings = small_settings(base)
    searcher = get_searcher(settings=settings)
    yield SmallSearch(settings, searcher, base / "home")
    forget_searcher(settings=settings)


@pytest.fixture
def own_search(small_search: SmallSearch, tmp_path: Path) -> Iterator[SmallSearch]:
    """A copy of the small search (corpus and index) that a test may change."""
    shutil.copytree(small_search.home.parent / "corpus", tmp_path / "corpus")
    shutil.copytree(small_search.home, tmp_path / "home")
    settings = small_settings(tmp_path)
    searcher = get_searcher(settings=settings)
    yield SmallSearch(settings, searcher, tmp_path / "home")
    forget_searcher(settings=settings)
