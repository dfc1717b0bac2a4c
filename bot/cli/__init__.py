"""The ``choshu`` command line (typer + rich). Each concept registers its commands in its own module."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import audit_app, bench_app, corpus_app, db_app, evaluate_app, state

app = typer.Typer(
    name="choshu",
    help="徴収アシスタント: investigation targets, case assignment and law search for collection offices.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(bench_app, name="bench")
app.add_typer(db_app, name="db")
app.add_typer(corpus_app, name="corpus")
app.add_typer(audit_app, name="audit")


@app.callback()
def _root(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (default: DATABASE_URL, else CHOSHU_HOME/choshu.db)."),
    ] = None,
) -> None:
    state.db_url = db
    state._engine = None


# Register the commands of each concept (import order is the order in --help).
# isort: off
from bot.cli import data as _data  # noqa: E402,F401
from bot.cli import doctor as _doctor  # noqa: E402,F401
from bot.cli import investigation as _investigation  # noqa: E402,F401
from bot.cli import matching as _matching  # noqa: E402,F401
from bot.cli import search as _search  # noqa: E402,F401
from bot.cli import chat as _chat  # noqa: E402,F401
from bot.cli import audit as _audit  # noqa: E402,F401
from bot.cli import day as _day  # noqa: E402,F401
# isort: on


def main() -> None:
    app()
