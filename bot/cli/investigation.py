"""Investigation commands: train, recommend, inquiries, evaluate recommender."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import evaluate_app, handle_errors, not_implemented


@app.command()
@handle_errors
def train() -> None:
    """Fit the investigation-target model on the store's history."""
    not_implemented("train", "issue 3")


@app.command()
@handle_errors
def recommend(
    case_id: Annotated[str | None, typer.Argument(help="Case number.")] = None,
    top: Annotated[int, typer.Option("--top", help="Number of targets.")] = 5,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    case_ids_file: Annotated[Path | None, typer.Option("--case-ids-file", help="File of case ids, one a line.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="CSV to write recommendations to.")] = None,
    hardship_out: Annotated[Path | None, typer.Option("--hardship-out", help="CSV of hardship flags.")] = None,
) -> None:
    """Rank investigation targets for one case or a batch of cases."""
    not_implemented("recommend", "issue 3")


@app.command()
@handle_errors
def inquiries(
    budget_yen: Annotated[int, typer.Option("--budget-yen", help="Budget in yen.")],
    out: Annotated[Path, typer.Option("--out", help="CSV to write.")],
) -> None:
    """Choose 電子照会 deposit inquiries with the most expected accounts per yen."""
    not_implemented("inquiries", "issue 3")


@evaluate_app.command("recommender")
@handle_errors
def evaluate_recommender() -> None:
    """Time-based holdout: assets found per 200 cases against baselines."""
    not_implemented("evaluate recommender", "issue 3")
