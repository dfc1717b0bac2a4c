"""Search commands: search, index, corpus add, evaluate search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import corpus_app, evaluate_app, handle_errors, not_implemented


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="質問 (question).")],
    top: Annotated[int, typer.Option("--top")] = 5,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Search statutes, notices, the manual and the FAQ."""
    not_implemented("search", "issue 5")


@app.command()
@handle_errors
def index() -> None:
    """Rebuild the search index."""
    not_implemented("index", "issue 5")


@corpus_app.command("add")
@handle_errors
def corpus_add(file: Annotated[Path, typer.Argument(help="e-Gov XML file of a statute.")]) -> None:
    """Add a statute from e-Gov XML to the corpus."""
    not_implemented("corpus add", "issue 5")


@evaluate_app.command("search")
@handle_errors
def evaluate_search(questions: Annotated[Path | None, typer.Option("--questions")] = None) -> None:
    """recall@5 and MRR@10 beside a keyword baseline."""
    not_implemented("evaluate search", "issue 5")
