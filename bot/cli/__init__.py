"""The ``choshu`` command line (typer + rich). Each concept registers its commands in its own module."""

from __future__ import annotations

from bot.cli.common import app

# Register the commands of each concept (import order is the order in --help).
# isort: off
# The root app lives in bot.cli.common, so that these modules need not import this package back.
from bot.cli import data as _data  # noqa: F401
from bot.cli import doctor as _doctor  # noqa: F401
from bot.cli import investigation as _investigation  # noqa: F401
from bot.cli import matching as _matching  # noqa: F401
from bot.cli import search as _search  # noqa: F401
from bot.cli import chat as _chat  # noqa: F401
from bot.cli import audit as _audit  # noqa: F401
from bot.cli import day as _day  # noqa: F401
# isort: on


def main() -> None:
    app()
