"""Assignment commands: assign, evaluate assignment, bench assign."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.common import (
    app,
    bench_app,
    cli_actor,
    console,
    err_console,
    evaluate_app,
    handle_errors,
    state,
    write_csv,
)
from store.db import session_scope
from tools.messages import t

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.


def summary_path(out: Path) -> Path:
    """assignment.csv → assignment-summary.csv, beside it."""
    return out.with_name(f"{out.stem}-summary{out.suffix or '.csv'}")


SUMMARY_HEADER = [
    "staff_id", "name", "staff_level", "cases", "easy", "medium", "hard", "expected_hours",
    "current_cases", "current_hours", "change_hours", "moved_in", "moved_out", "capacity",
]


@app.command()
@handle_errors
def assign(
    out: Annotated[Path, typer.Option("--out", help="CSV of the assignment table.")],
    development_weight: Annotated[
        float | None,
        typer.Option("--development-weight", min=0.0, max=1.0, help="0-1: share of hard cases moved to juniors."),
    ] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Also write the plan to the store (history recorded).")] = False,
    team: Annotated[
        str | None, typer.Option("--team", help="Plan one team only (its members and the cases they hold).")
    ] = None,
    as_staff: Annotated[
        str | None,
        typer.Option("--as", help="Keep the plan as this supervisor's pending plan (dashboard, 「確定」 in chat)."),
    ] = None,
) -> None:
    """Build the assignment table that finishes the office's work soonest."""
    from tools.usecases.assignment import apply_plan, make_plan

    settings = state.settings
    actor = cli_actor()
    with session_scope(state.engine()) as session:
        plan = make_plan(
            actor=actor, session=session, settings=settings, development_weight=development_weight, team=team,
            keep_for=as_staff, action="export.assignment", note=f"applied={bool(apply)} out={out.name}",
        )
        moved = apply_plan(actor=actor, session=session, settings=settings, plan=plan) if apply else None
    weight = plan.development_weight
    write_csv(
        out,
        ["case_id", "staff_id", "difficulty", "staff_level", "expected_hours"],
        [[r.case_id, r.staff_id, r.difficulty, r.staff_level, f"{r.expected_hours:.2f}"] for r in plan.rows],
    )
    side = summary_path(out)
    write_csv(
        side,
        SUMMARY_HEADER,
        [
            [s.staff_id, s.name, s.level, s.cases, s.easy, s.medium, s.hard, f"{s.hours:.1f}", s.current_cases,
             f"{s.current_hours:.1f}", f"{s.change_hours:+.1f}", s.moved_in, s.moved_out,
             "" if s.capacity is None else s.capacity]
            for s in plan.summary
        ],
    )
    for key, params in plan.notes:
        err_console.print(t(key, **params), markup=False, highlight=False)
    table = Table(title=t("assign.summary.title"))
    for i, name in enumerate(t("assign.summary.columns").split("|")):
        table.add_column(name, justify="left" if i < 3 else "right", no_wrap=True)
    for s in plan.summary:
        table.add_row(
            s.staff_id, s.name, t(f"assign.level.{s.level}"), str(s.cases), str(s.easy),
            str(s.medium), str(s.hard), f"{s.hours:.1f}", str(s.current_cases), f"{s.current_hours:.1f}",
            f"{s.change_hours:+.1f}", str(s.moved_in), str(s.moved_out),
        )
    Console(width=max(console.width, 132)).print(table)
    scope = t("assign.scope.team", team=plan.team) if plan.team else t("assign.scope.office")
    console.print(scope, markup=False, highlight=False)
    low, high = plan.thresholds
    console.print(t("assign.thresholds", low=low, high=high), markup=False, highlight=False)
    if weight > 0:
        console.print(
            t(
                "assign.development", weight=weight, before=plan.juniors_hard_base, after=plan.juniors_hard,
                cost_makespan=plan.cost_makespan, cost_total=plan.cost_total,
            ),
            markup=False, highlight=False,
        )
    console.print(
        t(
            "assign.done", cases=len(plan.rows), staff=len(plan.summary), out=str(out), summary=str(side),
            makespan=plan.makespan, bound=plan.lower_bound, gap=100 * plan.gap, total=plan.total_hours,
            moves=plan.moves,
        ),
        markup=False, highlight=False,
    )
    if as_staff:
        console.print(t("assign.saved_as", staff_id=as_staff), markup=False, highlight=False)
    if moved is None:
        console.print(t("assign.not_applied"), markup=False, highlight=False)
    else:
        console.print(t("assign.applied", moved=moved), markup=False, highlight=False)


@evaluate_app.command("assignment")
@handle_errors
def evaluate_assignment(
    truth: Annotated[
        Path | None, typer.Option("--truth", help="The generator's truth directory (OUT/truth) for true hours.")
    ] = None,
    holdout_year: Annotated[int | None, typer.Option("--holdout-year", help="Fiscal year to hold out.")] = None,
) -> None:
    """Holdout error of predicted hours; busiest staff under round-robin vs the optimiser."""
    from matching.evaluation import evaluate_assignment as run

    with session_scope(state.engine()) as session:
        report = run(
            session=session,
            continuity=state.settings.choshu_continuity,
            truth_dir=truth,
            holdout_year=holdout_year,
        )
    if report.errors:
        table = Table(
            title=t("assign.eval.holdout", year=report.holdout_year, rows=report.holdout_rows, train=report.train_rows)
        )
        table.add_column("predictor")
        table.add_column("MAE (h)", justify="right")
        table.add_column("MAPE (%)", justify="right")
        table.add_column("MAE / model", justify="right")
        model_mae = report.errors[0].mae
        for row in report.errors:
            table.add_row(row.name, f"{row.mae:.2f}", f"{row.mape:.1f}", f"{row.mae / model_mae:.2f}")
        console.print(table)
    else:
        console.print(t("assign.eval.no_holdout"), markup=False, highlight=False)
    table = Table(title=t("assign.eval.busiest"))
    for name in ("hours", "round-robin", "optimiser", "optimiser / round-robin", "best possible", "LP bound"):
        table.add_column(name, justify="right" if name != "hours" else "left")
    for b in report.busiest:
        table.add_row(
            b.name, f"{b.round_robin:.1f}", f"{b.optimiser:.1f}", f"{b.optimiser / b.round_robin:.3f}",
            "-" if b.best is None else f"{b.best:.1f}", "-" if b.bound is None else f"{b.bound:.1f}",
        )
    console.print(table)
    if report.effort_corr is not None:
        console.print(
            f"corr(log effort, truth) = {report.effort_corr:.3f}   corr(log speed, truth) = {report.speed_corr:.3f}",
            markup=False, highlight=False,
        )
    done = report.done
    if done is not None:
        vs_best, vs_rr = done
        console.print(
            t(
                "assign.eval.done_check", vs_best=vs_best, vs_rr=vs_rr,
                ok_best="OK" if vs_best <= 5.0 else "NG", ok_rr="OK" if vs_rr >= 40.0 else "NG",
            ),
            markup=False, highlight=False,
        )


@bench_app.command("assign")
@handle_errors
def bench_assign(
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic problems.")] = 0,
    quick: Annotated[bool, typer.Option("--quick", help="Only the 4,500 × 15 office.")] = False,
) -> None:
    """The optimiser on 4,500 × 15 (goal < 10 s) and 35,000 × 100 (goal < 60 s, gap < 2%)."""
    from matching.bench import run_bench

    sizes = [(4500, 15, 10.0)] if quick else [(4500, 15, 10.0), (35000, 100, 60.0)]
    for cases, staff, goal in sizes:
        row = run_bench(cases=cases, staff=staff, seed=seed)
        console.print(
            t(
                "assign.bench.row", cases=cases, staff=staff, seconds=row.seconds, goal=goal,
                makespan=row.makespan, bound=row.lower_bound, gap=100 * row.gap, rr=row.round_robin,
                ratio=row.ratio_to_round_robin, classes=row.classes,
            ),
            markup=False, highlight=False,
        )
