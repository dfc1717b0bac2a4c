"""Data commands: import, demo-data, db upgrade, bootstrap, bench import."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.cli.common import (
    app,
    bench_app,
    cli_audit,
    console,
    db_app,
    err_console,
    handle_errors,
    state,
)
from store.db import safe_url
from store.errors import ImportRefused, InvalidInput, ModelMissing
from store.settings import Settings
from tools.messages import error_text, problem_text, t

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.

if TYPE_CHECKING:
    from store.importer import ImportSummary

# store.importer and store.migrate (alembic) are imported inside the commands that use them, so
# that every other command (and --help) starts without them.


@app.command("import")
@handle_errors
def import_cmd(
    directory: Annotated[Path, typer.Argument(help="Directory of CSV files (data contract).")],
    check: Annotated[
        bool, typer.Option("--check", help="Check and count only; change nothing.")
    ] = False,
) -> None:
    """Import an office's CSV export (all or nothing)."""
    if not directory.is_dir():
        raise InvalidInput("import.not_a_directory", path=str(directory))
    from store.migrate import upgrade

    engine = state.engine()
    upgrade(engine)
    try:
        summary = run_import(engine, directory, dry_run=check)
    except ImportRefused as err:
        # One problem per line, never wrapped: people grep and sort these.
        for problem in err.problems:
            err_console.print(problem_text(problem), markup=False, highlight=False, soft_wrap=True)
        err_console.print(error_text(err), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    print_import_summary(summary)
    if check:
        console.print(t("import.checked_only"), markup=False)
    else:
        warn_work_log_outside_open(engine)


def warn_work_log_outside_open(engine: Engine) -> None:
    """A data-quality warning after an import: work-log rows before their case opened."""
    from sqlmodel import Session

    from store.matching_queries import work_log_before_opening

    with Session(engine) as session:
        count, example = work_log_before_opening(session=session)
    if count:
        err_console.print(t("assign.out_of_period", count=count, example=example), markup=False, highlight=False)


@contextmanager
def import_progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar per file on stderr (stdout stays the summary); yields the callback."""
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
    ) as bar:
        tasks: dict[str, TaskID] = {}
        checking = bar.add_task(t("import.checking"), total=None)

        def progress(file: str, done: int, total: int) -> None:
            if checking in bar.task_ids:
                bar.remove_task(checking)  # reading and checking is over: writing has begun
            if file not in tasks:
                tasks[file] = bar.add_task(file, total=max(total, 1))
            bar.update(tasks[file], total=max(total, 1), completed=done if total else 1)

        yield progress


def run_import(engine: Engine, directory: Path, *, dry_run: bool = False) -> ImportSummary:
    """Import (or check) ``directory``; one audit row per run says who ran it, which files,
    the counts and whether staff roles or chat ids changed (an import can make a supervisor)."""
    from store.importer import import_directory

    before = _staff_snapshot(engine)
    what = f"dir={directory.name}" + (" check-only" if dry_run else "")
    try:
        with import_progress() as progress:
            summary = import_directory(
                engine=engine,
                directory=directory,
                progress=progress,
                dry_run=dry_run,
                waiting=lambda: err_console.print(t("import.waiting"), markup=False),
                wait_seconds=state.settings.choshu_import_wait_seconds,
            )
    except ImportRefused as err:
        cli_audit(action="import", allowed=False, detail=f"{what} refused problems={len(err.problems)}")
        raise
    after = _staff_snapshot(engine)
    roles = sorted(s for s in after if after[s][0] != before.get(s, (None,))[0])
    chat_ids = sorted(s for s in after if after[s][1] != before.get(s, (None, ()))[1])
    files = ",".join(f"{f.file}:{f.rows}" for f in summary.files)
    cli_audit(
        action="import",
        detail=(
            f"{what} files={files} rows={summary.rows} "
            f"inserted={sum(f.inserted for f in summary.files)} "
            f"updated={sum(f.updated for f in summary.files)} "
            f"roles_changed={_ids(roles)} chat_ids_changed={_ids(chat_ids)}"
        ),
    )
    return summary


def _ids(ids: list[str]) -> str:
    if not ids:
        return "none"
    return ",".join(ids[:20]) + (f",+{len(ids) - 20}" if len(ids) > 20 else "")


def _staff_snapshot(engine: Engine) -> dict[str, tuple[str | None, tuple[tuple[str, str], ...]]]:
    """Each staff member's role and chat ids, to tell what an import changed."""
    from store import crud

    with Session(engine) as session:
        ids: dict[str, list[tuple[str, str]]] = {}
        for i in crud.list_identities(session=session):
            ids.setdefault(i.staff_id, []).append((i.surface, i.user_id))
        return {s.staff_id: (s.role, tuple(ids.get(s.staff_id, ()))) for s in crud.list_staff(session=session)}


def print_import_summary(summary: ImportSummary) -> None:
    table = Table(title=t("import.summary_title"))
    for key in ("file", "encoding", "rows", "inserted", "updated", "unchanged", "duplicates"):
        table.add_column(
            t(f"import.col_{key}"), justify="left" if key in ("file", "encoding") else "right"
        )
    for f in summary.files:
        counts = (f.rows, f.inserted, f.updated, f.unchanged, f.duplicates)
        table.add_row(f.file, f.encoding, *map(str, counts))
    console.print(table)
    if summary.warnings:
        err_console.print(t("import.warnings", count=len(summary.warnings)), markup=False)
        for warning in summary.warnings:
            err_console.print(problem_text(warning), markup=False, highlight=False)
    console.print(
        t(
            "import.done",
            rows=summary.rows,
            seconds=summary.seconds,
            assignments=summary.assignments,
        ),
        markup=False,
    )


@app.command("demo-data")
@handle_errors
def demo_data(
    out: Annotated[Path, typer.Argument(help="Directory to write the synthetic office to.")],
    cases: Annotated[int, typer.Option(help="Number of open cases.")] = 4500,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
    hours_story: Annotated[
        str, typer.Option("--hours-story", help="Work-log hours: interaction (default) or proportional (the old story).")
    ] = "interaction",
    officer_style: Annotated[
        str,
        typer.Option("--officer-style", help="How officers chose inquiries: veteran (default), big-banks, explorer, mixed."),
    ] = "veteran",
    notes_style: Annotated[
        str,
        typer.Option("--notes-style", help="How officers word the notes: standard (default), terse, vague."),
    ] = "standard",
    drift: Annotated[
        str,
        typer.Option("--drift", help="Banks' reach over the years: none (default) or shift (one bank gains, one loses)."),
    ] = "none",
) -> None:
    """Generate a synthetic office as an import directory (the truth goes to OUT/truth/)."""
    import json
    import time

    from bot.demo import generate_office
    from tools.messages import t as _t

    started = time.perf_counter()
    written = generate_office(
        out_dir=out, cases=cases, seed=seed, hours_story=hours_story, officer_style=officer_style,
        notes_style=notes_style, drift=drift,
    )
    params = json.loads((written / "truth" / "generator.json").read_text(encoding="utf-8"))
    console.print(
        _t(
            "demo.written",
            out=written,
            cases=cases,
            total=params["cases_total"],
            seed=seed,
            seconds=time.perf_counter() - started,
            truth=written / "truth",
        ),
        markup=False,
        soft_wrap=True,
    )


@db_app.command("upgrade")
@handle_errors
def db_upgrade() -> None:
    """Create or migrate the schema to the newest version."""
    from store.migrate import current_revision, upgrade

    engine = state.engine()
    upgrade(engine)
    console.print(
        t("db.upgraded", revision=current_revision(engine), url=safe_url(state.url)),
        markup=False,
        soft_wrap=True,
    )


@app.command()
@handle_errors
def bootstrap(
    cases: Annotated[
        int, typer.Option(help="Open cases of the demo office (empty store only).")
    ] = 4500,
    seed: Annotated[int, typer.Option(help="Random seed of the demo office.")] = 1,
) -> None:
    """First start: migrate the store, and when it is empty generate and import the demo office,
    train the models and build the search index."""
    from store.crud import count_cases
    from store.migrate import current_revision, upgrade

    settings = state.settings
    engine = state.engine()
    upgrade(engine)
    say("bootstrap.migrated", revision=current_revision(engine))
    with Session(engine) as session:
        existing = count_cases(session=session)
    if existing:
        say("bootstrap.has_cases", count=existing)
    else:
        office = Path(settings.choshu_home) / "demo-office"
        if (office / "cases.csv").is_file():
            say("bootstrap.reusing", path=office)
        else:
            from bot.demo import generate_office

            say("bootstrap.generating", cases=cases, path=office)
            generate_office(out_dir=office, cases=cases, seed=seed)
        print_import_summary(run_import(engine, office))
    _bootstrap_recommender(engine, settings.models_dir)
    _bootstrap_index(settings)
    say("bootstrap.done")


def say(key: str, **params: object) -> None:
    console.print(t(key, **params), markup=False, soft_wrap=True)


def _bootstrap_recommender(engine: Engine, models_dir: Path) -> None:
    from investigation import model as investigation_model
    from investigation import service as investigation_service

    path = models_dir / investigation_model.MODEL_FILE
    if path.is_file():
        try:
            investigation_model.load(models_dir)
        except ModelMissing:  # trained by an older version: its features are not today's
            say("bootstrap.model_outdated", path=path)
        else:
            say("bootstrap.model_exists", path=path)
            return
    say("bootstrap.training")
    with Session(engine) as session:
        investigation_service.train(session=session, model_dir=models_dir)
    say("bootstrap.trained", path=path)


def _bootstrap_index(settings: Settings) -> None:
    from retrieval import service as retrieval_service

    index_dir = Path(settings.index_dir)
    if index_dir.is_dir() and any(index_dir.iterdir()):
        say("bootstrap.index_exists", path=index_dir)
        return
    say("bootstrap.indexing")
    stats = retrieval_service.rebuild_index(settings=settings)
    say("bootstrap.indexed", passages=stats.passages)


@bench_app.command("import")
@handle_errors
def bench_import(
    cases: Annotated[int, typer.Option(help="Open cases of the generated office.")] = 35000,
    seed: Annotated[int, typer.Option(help="Random seed of the generated office.")] = 1,
    work_dir: Annotated[
        Path | None,
        typer.Option(
            "--work-dir", help="Where generated offices are kept (default CHOSHU_HOME/bench)."
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", help="An empty store to import into (default: a temporary SQLite file)."
        ),
    ] = None,
    sample: Annotated[
        int, typer.Option(help="Rows imported the naive way for the baseline.")
    ] = 3000,
) -> None:
    """Import a generated office into a fresh store: time, rows per second, and the ratio to a
    naive per-row ORM import run in the same process."""
    from bot.demo.reuse import ensure_office
    from store.importer.bench import GOAL_SECONDS, run_import_bench

    base = work_dir or Path(state.settings.choshu_home) / "bench"
    office = ensure_office(
        work_dir=base,
        cases=cases,
        seed=seed,
        say=lambda key, path: say(key, cases=cases, path=path),
    )
    with import_progress() as progress:
        result = run_import_bench(office=office, url=url, sample=sample, say=say, progress=progress)
    table = Table(title=t("bench.import.title"))
    for key in ("what", "value", "goal"):
        table.add_column(t(f"bench.col_{key}"))
    table.add_row("office", f"{cases:,} open cases, seed {seed} ({office})", "")
    table.add_row("rows imported", f"{result.rows:,}", "")
    table.add_row(
        "import time",
        f"{result.seconds:.1f} s (CPU {result.cpu_seconds:.1f} s)",
        f"< {GOAL_SECONDS:.0f} s",
    )
    table.add_row("rows per second", f"{result.rows_per_second:,.0f}", "")
    table.add_row(
        "naive per-row ORM (baseline)",
        f"{result.baseline_rows_per_second:,.0f} rows/s on {result.baseline_rows:,} rows → ~{result.baseline_estimate:.0f} s for all",
        "",
    )
    table.add_row("speed-up over baseline", f"{result.speedup:.1f}×", "")
    console.print(table)
