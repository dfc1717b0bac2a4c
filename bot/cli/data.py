"""Data commands: import, demo-data, db upgrade, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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

from bot.cli import app
from bot.cli.common import console, db_app, err_console, handle_errors, not_implemented, state
from store.db import safe_url
from store.errors import ImportRefused
from store.importer import ImportSummary, import_directory
from store.migrate import current_revision, upgrade
from tools.messages import error_text, t


@app.command("import")
@handle_errors
def import_cmd(
    directory: Annotated[Path, typer.Argument(help="Directory of CSV files (data contract).")],
) -> None:
    """Import an office's CSV export (all or nothing)."""
    engine = state.engine()
    upgrade(engine)
    try:
        summary = run_import(engine, directory)
    except ImportRefused as err:
        # One problem per line, never wrapped: people grep and sort these.
        for problem in err.problems:
            err_console.print(problem, markup=False, highlight=False, soft_wrap=True)
        err_console.print(error_text(err), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    print_import_summary(summary)


def run_import(engine: Engine, directory: Path) -> ImportSummary:
    """Import with a progress bar per file (on stderr, so stdout stays the summary)."""
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}
        checking = bar.add_task(t("import.checking"), total=None)

        def progress(file: str, done: int, total: int) -> None:
            if checking in bar.task_ids:
                bar.remove_task(checking)  # reading and checking is over: writing has begun
            if file not in tasks:
                tasks[file] = bar.add_task(file, total=max(total, 1))
            bar.update(tasks[file], total=max(total, 1), completed=done if total else 1)

        return import_directory(engine=engine, directory=directory, progress=progress)


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
            err_console.print(warning, markup=False, highlight=False)
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
) -> None:
    """Generate a synthetic office as an import directory (the truth goes to OUT/truth/)."""
    import json
    import time

    from store.demo import generate_office
    from tools.messages import t as _t

    started = time.perf_counter()
    written = generate_office(out_dir=out, cases=cases, seed=seed)
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
    engine = state.engine()
    upgrade(engine)
    console.print(
        t("db.upgraded", revision=current_revision(engine), url=safe_url(state.url)),
        markup=False,
        soft_wrap=True,
    )


@app.command()
@handle_errors
def doctor() -> None:
    """Show what is configured, what is missing and what to do next."""
    not_implemented("doctor", "issue 2")


@app.command()
@handle_errors
def bootstrap() -> None:
    """First start: migrate the store, and when it is empty generate and import the demo office,
    train the models and build the search index."""
    not_implemented("bootstrap", "issue 2")
