"""Audit commands: verify the tamper-evident chain, export it for an external log server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import (
    audit_app,
    cli_audit,
    console,
    err_console,
    handle_errors,
    state,
    write_csv,
)
from store.errors import InvalidInput
from tools.messages import t

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.

EXPORT_COLUMNS = [
    "seq", "id", "at", "staff_id", "user_ref", "os_user", "surface", "action",
    "case_id", "allowed", "detail", "origin", "chain_hash",
]


@audit_app.command("verify")
@handle_errors
def verify() -> None:
    """Check the audit chain: exit 0 with the row count when intact, 1 naming the first broken row."""
    from store import audit_chain

    verdict = audit_chain.verify(state.engine())
    if not verdict.ok:
        err_console.print(
            t("security.audit.broken", id=verdict.broken_id, checked=verdict.rows, why=t(verdict.reason or "security.audit.broken_hash", id=verdict.broken_id)),
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1)
    console.print(
        t("security.audit.intact", rows=verdict.rows, legacy=verdict.legacy, last=verdict.last_hash or "-"),
        markup=False,
        highlight=False,
    )


@audit_app.command("export")
@handle_errors
def export(
    since: Annotated[str, typer.Option("--since", help="YYYY-MM-DD: rows written on or after this day (UTC).")],
    out: Annotated[Path, typer.Option("--out", help="CSV to write (rows in chain order, with their hashes).")],
) -> None:
    """Write the audit rows since DATE with their chain hashes, for an external log server."""
    from store import audit_chain

    try:
        day = dt.date.fromisoformat(since)
    except ValueError:
        raise InvalidInput("security.audit.bad_since", value=since) from None
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    rows = audit_chain.rows_since(state.engine(), start)
    write_csv(
        out,
        EXPORT_COLUMNS,
        [
            [
                r.seq, r.id, audit_chain.at_text(r.at), r.staff_id, r.user_ref, r.os_user, r.surface,
                r.action, r.case_id, int(bool(r.allowed)), r.detail, r.origin, r.chain_hash,
            ]
            for r in rows
        ],
    )
    cli_audit(action="audit.export", detail=f"rows={len(rows)} since={day.isoformat()}")
    console.print(t("security.audit.exported", rows=len(rows), path=str(out), since=day.isoformat()), markup=False)
