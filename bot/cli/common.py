"""Shared CLI plumbing: the root options, the engine, and error translation to exit codes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.engine import Engine

from store import crud, csvfile
from store.db import make_engine, session_scope
from store.errors import ChoshuError, ImportRefused
from store.settings import Settings, get_settings
from tools.actor import Actor
from tools.messages import error_text, problem_text

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

# Sub-command groups; each concept's CLI module adds its commands to these.
evaluate_app = typer.Typer(help="Evaluate the engines on the store (holdouts, baselines).", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks: print timings and ratios against a baseline.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)
corpus_app = typer.Typer(help="Manage the search corpus (statutes, notices, manual, FAQ).", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log: verify the chain, export it.", no_args_is_help=True)


@dataclass
class CliState:
    db_url: str | None = None
    _engine: Engine | None = None

    @property
    def settings(self) -> Settings:
        return get_settings()

    @property
    def url(self) -> str:
        return self.db_url or self.settings.database_url

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url)
        return self._engine


state = CliState()


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

P = ParamSpec("P")
R = TypeVar("R")


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Translate domain errors into a one-line reason on stderr and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ImportRefused as err:
            for problem in err.problems:
                err_console.print(problem_text(problem), markup=False, highlight=False)
            err_console.print(error_text(err), markup=False, highlight=False)
            raise typer.Exit(err.exit_code) from None
        except ChoshuError as err:
            err_console.print(error_text(err), markup=False, highlight=False)
            raise typer.Exit(err.exit_code) from None

    return wrapper


def os_user() -> str:
    """The operating-system account running the command (from the real uid, not $USER)."""
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid:{os.getuid()}"


def terminal() -> str:
    """Where the command was typed: the terminal device, when there is one."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return f"tty:{os.ttyname(stream.fileno())}"
        except (OSError, ValueError, AttributeError):
            continue
    return "no-tty"


def cli_actor() -> Actor:
    """The office's administrator at the command line, as the use cases see them: no staff id,
    trusted by the OS account, audited with that account and the terminal."""
    return Actor(staff_id=None, surface="cli", administrator=True, origin=terminal(), os_user=os_user())


def cli_audit(
    *,
    action: str,
    case_id: str | None = None,
    detail: str | None = None,
    staff_id: str | None = None,
    allowed: bool = True,
) -> None:
    """One audit row of a CLI command, with the OS user and the terminal, committed at once."""
    with session_scope(state.engine()) as session:
        crud.write_audit(
            session=session,
            staff_id=staff_id,
            surface="cli",
            action=action,
            case_id=case_id,
            allowed=allowed,
            detail=detail,
            origin=terminal(),
            os_user=os_user(),
        )


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """Every CSV the CLI writes: the one writer (``store.csvfile``), which neutralises formula
    cells and writes all at once (a temporary file renamed)."""
    csvfile.write_csv(path, header, rows)
