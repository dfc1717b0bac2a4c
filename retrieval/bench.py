"""``choshu bench search``: query latency on the full corpus and the full index build time,
each beside the plain keyword baseline run in the same process."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retrieval.evaluate import DEFAULT_SETS, KeywordBaseline, load_questions
from retrieval.index import Progress, build_index
from retrieval.service import get_searcher, load_settings_corpus
from store.settings import Settings

ARTICLE_QUERIES = ("141条", "徴収法76条", "地方税法第十五条の七", "第百四十一条", "通則法46条")


@dataclass
class BenchReport:
    queries: list[dict] = field(default_factory=list)
    p95_ms: float = 0.0
    p95_ratio: float = 0.0
    build_seconds: float | None = None
    baseline_build_seconds: float = 0.0


def _timings(run: Callable[[str], object], queries: list[str], repeat: int = 3) -> np.ndarray:
    for q in queries[:5]:  # warm-up
        run(q)
    times = []
    for _ in range(repeat):
        for q in queries:
            started = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - started) * 1000)
    return np.array(times)


def run_bench(
    *, settings: Settings, rebuild: bool = True, progress: Progress | None = None
) -> BenchReport:
    searcher = get_searcher(settings=settings, progress=progress)
    queries = [q.q for path in DEFAULT_SETS if path.exists() for q in load_questions(path)]
    queries += list(ARTICLE_QUERIES)
    started = time.perf_counter()
    baseline = KeywordBaseline(searcher.corpus)
    baseline_build = time.perf_counter() - started

    report = BenchReport(baseline_build_seconds=baseline_build)
    ours = _timings(lambda q: searcher.search(q, top=5), queries)
    theirs = _timings(lambda q: baseline.rank(q, top=5), queries)
    for name, arr in (("hybrid", ours), ("keyword", theirs)):
        report.queries.append(
            {
                "queries": len(arr),
                "system": name,
                "p50": float(np.percentile(arr, 50)),
                "p95": float(np.percentile(arr, 95)),
            }
        )
    report.p95_ms = float(np.percentile(ours, 95))
    report.p95_ratio = report.p95_ms / max(float(np.percentile(theirs, 95)), 1e-9)

    if rebuild:
        corpus = load_settings_corpus(settings)
        with tempfile.TemporaryDirectory(prefix="choshu-bench-") as tmp:
            started = time.perf_counter()
            build_index(
                corpus, Path(tmp) / "index", progress=progress, e5=settings.choshu_search_e5
            )
            report.build_seconds = time.perf_counter() - started
    return report
