"""`choshu doctor`: what is configured, what is missing, what to do next.

``diagnose`` puts together the checks each package provides, as plain :class:`Check` rows
carrying message keys: the store (database, schema, data, secrets, login, audit chain), the
investigation engine (model), search (index, Chroma), each chat surface of ``bot.surfaces`` and
the agent (LLM). The command renders them in Japanese and exits 1 when the store cannot be used
or is not safe to serve.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import Engine

from bot.agent_checks import llm_check
from bot.cli.common import app, console, handle_errors, state
from bot.surface import Surface
from bot.surfaces import SURFACES
from investigation.checks import model_check
from retrieval.checks import chroma_check, index_check
from store.checks import (
    SAFETY_KEYS,
    STORE_KEYS,
    Check,
    audit_check,
    env_check,
    security_checks,
    store_checks,
)
from store.settings import Settings
from tools.messages import t


@dataclass
class Diagnosis:
    checks: list[Check]

    @property
    def store_usable(self) -> bool:
        return all(c.status != "error" for c in self.checks if c.key in STORE_KEYS)

    @property
    def safe(self) -> bool:
        """No security problem and an intact audit chain."""
        return all(c.status != "error" for c in self.checks if c.key in SAFETY_KEYS)

    @property
    def next_steps(self) -> list[str]:
        return list(dict.fromkeys(c.next_key for c in self.checks if c.next_key))


def diagnose(
    *, settings: Settings, engine: Engine, url: str, surfaces: Sequence[Surface] | None = None
) -> Diagnosis:
    """Every check, in the order shown (``surfaces``: default the registered chat surfaces)."""
    checks = [env_check(settings), *store_checks(engine, url)]
    checks.append(model_check(settings.models_dir, engine))
    checks.append(index_check(settings.index_dir))
    if settings.choshu_chroma_url:
        checks.append(chroma_check(settings.choshu_chroma_url))
    checks += [surface.check(settings) for surface in (SURFACES if surfaces is None else surfaces)]
    checks.append(llm_check(settings))
    checks += security_checks(settings)
    if all(c.status != "error" for c in checks if c.key in STORE_KEYS):
        checks.append(audit_check(engine))
    return Diagnosis(checks)


@app.command()
@handle_errors
def doctor() -> None:
    """Show what is configured, what is missing and what to do next."""
    result = diagnose(settings=state.settings, engine=state.engine(), url=state.url)
    table = Table(title=t("doctor.title"))
    for key in ("check", "status", "detail"):
        table.add_column(t(f"doctor.col_{key}"), overflow="fold")
    styles = {"ok": "green", "missing": "yellow", "error": "red", "info": "dim"}
    for check in result.checks:
        status = Text(t(f"doctor.status.{check.status}"), style=styles[check.status])
        table.add_row(t(check.key), status, Text(t(check.detail_key, **check.params)))
    console.print(table)
    if result.next_steps:
        console.print(t("doctor.next_title"), markup=False)
        for n, key in enumerate(result.next_steps, 1):
            console.print(f"  {n}. {t(key)}", markup=False, soft_wrap=True)
    else:
        console.print(t("doctor.all_good"), markup=False)
    if not result.store_usable or not result.safe:
        raise typer.Exit(1)
