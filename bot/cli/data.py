"""Data commands: import, demo-data, db upgrade, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import console, db_app, handle_errors, not_implemented, state
from store.db import safe_url
from store.migrate import current_revision, upgrade
from tools.messages import t


@app.command("import")
@handle_errors
def import_cmd(directory: Annotated[Path, typer.Argument(help="Directory of CSV files (data contract).")]) -> None:
    """Import an office's CSV export (all or nothing)."""
    not_implemented("import", "issue 2")


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
