"""Chat commands: route, chat, serve."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import handle_errors, not_implemented


@app.command()
@handle_errors
def route(
    message: Annotated[str, typer.Argument(help="A chat message.")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Print the tool call the assistant would make, without running it."""
    not_implemented("route", "issue 6")


@app.command()
@handle_errors
def chat() -> None:
    """Chat with the assistant in the terminal."""
    not_implemented("chat", "issue 6")


@app.command()
@handle_errors
def serve(
    host: Annotated[str | None, typer.Option("--host")] = None,
    port: Annotated[int | None, typer.Option("--port")] = None,
) -> None:
    """Start the web chat, dashboard, Slack and Teams endpoints."""
    not_implemented("serve", "issue 6")
