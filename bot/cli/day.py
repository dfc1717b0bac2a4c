"""The officer's day: worklist, exempt-amount, digest."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bot.cli.common import app, cli_actor, console, handle_errors, os_user, state, terminal
from store.db import session_scope
from store.errors import NotFound
from tools.messages import t

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.


@app.command()
@handle_errors
def worklist(
    staff: Annotated[str, typer.Option("--staff", help="Staff ID whose open cases to order.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A staff member's open cases in the order to work them (時効 first, then yield per hour)."""
    from tools import queries
    from tools.actor import Actor
    from tools.usecases.day import worklist as ordered
    from tools.worklist import as_json, reason_text

    with session_scope(state.engine()) as session:
        person = queries.get_staff(session=session, staff_id=staff.strip())
        if person is None:
            raise NotFound(what="staff", ident=staff)
        # The command runs as the staff member named (their own list), like their chat question.
        actor = Actor(
            person.staff_id, "cli", "ja", person.name, person.role, person.team, user_ref="cli",
            origin=terminal(), os_user=os_user(),
        )
        ranked = ordered(actor=actor, session=session, settings=state.settings).ranked
    if json_out:
        typer.echo(json.dumps(as_json(ranked), ensure_ascii=False, indent=2))
        return
    for r in ranked:
        reasons = "・".join(reason_text(x, "ja") for x in r.reasons)
        date = r.item.prescription.date.isoformat() if r.item.prescription.date else "-"
        console.print(f"{r.rank:>4}  {r.item.case_id}  {r.item.amount_due:>12,}  {date}  {reasons}", markup=False, highlight=False)


@app.command("exempt-amount")
@handle_errors
def exempt_amount(
    pay: Annotated[int, typer.Option("--pay", help="The payment (yen, before deductions).")],
    income_tax: Annotated[int, typer.Option("--income-tax", help="所得税 withheld (yen).")] = 0,
    resident_tax: Annotated[int, typer.Option("--resident-tax", help="住民税 withheld (yen).")] = 0,
    social_insurance: Annotated[int, typer.Option("--social-insurance", help="社会保険料 withheld (yen).")] = 0,
    dependents: Annotated[int, typer.Option("--dependents", help="生計を一にする親族 (persons).")] = 0,
    period_days: Annotated[int | None, typer.Option("--period-days", help="Days the payment is for (default: one month).")] = None,
    kind: Annotated[str, typer.Option("--kind", help="salary, bonus or pension (77条).")] = "salary",
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """差押禁止額 and 差押可能額 of one payment (国税徴収法76条・77条, 施行令34条)."""
    from tools.exempt import as_json, period_text, render_lines
    from tools.usecases.day import exempt_amount as compute

    # No store: a calculation from the numbers typed, nothing about a taxpayer read or kept.
    result = compute(
        actor=cli_actor(),
        session=None,
        settings=state.settings,
        pay=pay,
        income_tax=income_tax,
        resident_tax=resident_tax,
        social_insurance=social_insurance,
        dependents=dependents,
        period_days=period_days,
        kind=kind,
    )
    if json_out:
        typer.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        return
    console.print(
        t(
            "chat.exempt.header",
            kind=t(f"exempt.kind.{result.kind}"),
            pay=f"{result.pay:,}",
            period=period_text(result, "ja"),
            exempt=f"{result.exempt:,}",
            seizable=f"{result.seizable:,}",
        ),
        markup=False,
        highlight=False,
    )
    for line in render_lines(result, "ja"):
        console.print(line, markup=False, highlight=False)


@app.command()
@handle_errors
def digest(
    send: Annotated[bool, typer.Option("--send", help="Send it (Slack DM / Teams), once per staff member and week.")] = False,
    week: Annotated[str | None, typer.Option("--week", help="ISO week, e.g. 2026-W49 (default: this week).")] = None,
) -> None:
    """The weekly digest per staff member: cases prescribing soon, assets found to act on."""
    from bot.digest import run_digest, week_start
    from store.settings import get_settings

    run = run_digest(engine=state.engine(), settings=get_settings(), day=week_start(week), send=send)
    if not send:
        for d in run.digests:
            console.print(d.text + "\n", markup=False, highlight=False)
    console.print(
        t("digest.summary", week=run.week, sent=len(run.sent), skipped=len(run.skipped), unreachable=len(run.unreachable), empty=run.empty),
        markup=False,
        highlight=False,
    )
    if run.failed:
        for staff_id in run.failed:
            console.print(t("digest.send_failed", staff_id=staff_id, surface="-", reason="see log"), markup=False)
        raise typer.Exit(1)
