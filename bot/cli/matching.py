"""Assignment commands: assign, evaluate assignment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import evaluate_app, handle_errors, not_implemented


@app.command()
@handle_errors
def assign(
    out: Annotated[Path, typer.Option("--out", help="CSV of the assignment table.")],
    development_weight: Annotated[float, typer.Option("--development-weight", min=0.0, max=1.0)] = 0.0,
) -> None:
    """Build the assignment table that finishes the office's work soonest."""
    not_implemented("assign", "issue 4")


@evaluate_app.command("assignment")
@handle_errors
def evaluate_assignment() -> None:
    """Holdout error of predicted hours; busiest staff under round-robin vs the optimiser."""
    not_implemented("evaluate assignment", "issue 4")
