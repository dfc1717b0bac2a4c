"""Search commands: search, index, corpus add / faq-export / faq-import, evaluate search,
bench search."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import inspect
from sqlmodel import Session

from bot.cli.common import (
    app,
    bench_app,
    cli_actor,
    console,
    corpus_app,
    err_console,
    evaluate_app,
    handle_errors,
    state,
)
from tools.messages import t
from tools.usecases import search as usecase

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.

if TYPE_CHECKING:  # retrieval.index loads chromadb and bm25s: only inside the commands
    from retrieval.index import Progress as ProgressFn


@contextmanager
def _progress_bar() -> Iterator[ProgressFn]:
    """A rich progress bar on stderr fed by the index builder's (stage, done, total) calls;
    it appears only when there is something to build."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()
        if stage not in tasks:
            tasks[stage] = bar.add_task(f"{t('search.indexing')} ({stage})", total=max(total, 1))
        bar.update(tasks[stage], completed=done, total=max(total, 1))

    try:
        yield update
    finally:
        if tasks:
            bar.stop()


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="質問 (question).")],
    top: Annotated[int, typer.Option("--top", help="Number of hits.")] = 5,
    json_out: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
) -> None:
    """Search statutes, notices, the manual and the FAQ."""
    from retrieval.cite import mark
    from retrieval.search import validate_query
    from retrieval.service import get_searcher

    validate_query(query)  # a bad question fails before any index is built
    with _progress_bar() as progress:
        searcher = get_searcher(settings=state.settings, progress=progress)
    engine = state.engine()
    rated = inspect(engine).has_table("rating")  # the staff's ratings, once the store is set up
    with Session(engine) as session:
        hits = usecase.search(
            actor=cli_actor(), session=session if rated else None, settings=state.settings,
            query=query, top=top, searcher=searcher,
        )
    if json_out:
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        console.print(t("search.no_hits"))
        return
    for rank, hit in enumerate(hits, start=1):
        console.print(
            t("search.hit_line", rank=rank, citation=hit.citation), style="bold", markup=False
        )
        if hit.related:
            console.print("   " + t("search.related", related=hit.related), markup=False)
        # a statute is printed whole (76条 with all its paragraphs), other hits as they matched
        shown = mark(hit.full_text, hit.highlight) if hit.kind == "law" and hit.full_text else hit.marked
        console.print("   " + shown.replace("\n", "\n   "), markup=False, highlight=False)


@app.command()
@handle_errors
def index() -> None:
    """Rebuild the search index."""
    from retrieval.service import rebuild_index

    with _progress_bar() as progress:
        stats = rebuild_index(settings=state.settings, progress=progress)
    console.print(
        t(
            "search.indexed",
            documents=stats.documents,
            passages=stats.passages,
            seconds=stats.seconds,
        )
    )


@corpus_app.command("add")
@handle_errors
def corpus_add(file: Annotated[Path, typer.Argument(help="e-Gov XML file of a statute.")]) -> None:
    """Add a statute from e-Gov XML to the corpus."""
    from retrieval.service import add_statute

    with _progress_bar() as progress:
        added = add_statute(settings=state.settings, path=file, progress=progress)
    key = "search.statute_replaced" if added.replaced else "search.statute_added"
    console.print(
        t(key, law_name=added.law_name, source_id=added.source_id, articles=added.articles),
        markup=False,
    )


@corpus_app.command("faq-export")
@handle_errors
def corpus_faq_export(out: Annotated[Path, typer.Argument(help="CSV file to write.")]) -> None:
    """Export the office FAQ as CSV (id, question, answer, tags, cites) to share it."""
    from retrieval.service import export_faq

    count = export_faq(settings=state.settings, out=out)
    console.print(t("search.faq_exported", count=count, out=str(out)), markup=False)


@corpus_app.command("faq-import")
@handle_errors
def corpus_faq_import(
    file: Annotated[Path, typer.Argument(help="FAQ CSV from another office.")],
) -> None:
    """Replace the office FAQ with a CSV file (validated whole first) and re-index."""
    from retrieval.service import import_faq_file

    with _progress_bar() as progress:
        count = import_faq_file(settings=state.settings, source=file, progress=progress)
    console.print(t("search.faq_imported", count=count), markup=False)


@evaluate_app.command("search")
@handle_errors
def evaluate_search(
    questions: Annotated[
        list[Path] | None,
        typer.Option(
            "--questions",
            help="JSONL of {q, gold} (repeatable); default: the dev set and our own sets.",
        ),
    ] = None,
) -> None:
    """recall@5 and MRR@10 per question file, and recall@5 per law, beside a keyword baseline."""
    from retrieval.evaluate import DEFAULT_SETS, KeywordBaseline, load_questions, score
    from retrieval.service import get_searcher

    sets = list(questions) if questions else list(DEFAULT_SETS)
    loaded = [(p, load_questions(p)) for p in sets]
    with _progress_bar() as progress:
        searcher = get_searcher(settings=state.settings, progress=progress)
    baseline = KeywordBaseline(searcher.corpus)
    for path, qs in loaded:
        console.print(t("search.eval_header", name=path.name, questions=len(qs)), markup=False)
        system = score(
            "system",
            lambda q: [h.doc_id for h in searcher.search(q.q, top=10, kinds=q.kinds)],
            qs,
            searcher.corpus,
        )
        keyword = score("keyword", lambda q: baseline.rank(q.q, kinds=q.kinds), qs, searcher.corpus)
        for m in (system, keyword):
            console.print(
                t("search.eval_row", system=m.name, recall=m.recall_at_5, mrr=m.mrr_at_10),
                markup=False,
            )
        for law, (_, n) in sorted(system.per_law.items(), key=lambda kv: -kv[1][1]):
            console.print(
                t(
                    "search.eval_law_row",
                    law=law,
                    questions=n,
                    recall=system.law_recall(law),
                    keyword=keyword.law_recall(law),
                ),
                markup=False,
            )


@bench_app.command("search")
@handle_errors
def bench_search(
    rebuild: Annotated[
        bool, typer.Option("--rebuild/--no-rebuild", help="Time a full index build.")
    ] = True,
) -> None:
    """Query p95 on the full corpus and full index build time, beside the keyword baseline."""
    from retrieval.bench import run_bench

    with _progress_bar() as progress:
        report = run_bench(settings=state.settings, rebuild=rebuild, progress=progress)
    for row in report.queries:
        console.print(t("search.bench_query", **row), markup=False)
    console.print(
        t(
            "search.bench_ratio",
            ratio=report.p95_ratio,
            verdict="OK" if report.p95_ms < 100 else "NG",
        ),
        markup=False,
    )
    if report.build_seconds is not None:
        console.print(
            t(
                "search.bench_build",
                seconds=report.build_seconds,
                baseline=report.baseline_build_seconds,
                ratio=report.build_seconds / max(report.baseline_build_seconds, 1e-9),
            ),
            markup=False,
        )
