"""Investigation commands: train, recommend, inquiries, evaluate recommender, bench recommend."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlmodel import Session

from bot.cli.common import (
    app,
    bench_app,
    cli_actor,
    console,
    evaluate_app,
    handle_errors,
    state,
    write_csv,
)
from investigation.types import CaseRecommendation, Reason
from store.db import session_scope
from store.errors import InvalidInput
from store.ids import parse_case_id
from tools.messages import t
from tools.usecases import cases as case_usecases

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.


def _render(reason: Reason) -> str:
    return t(reason.key, "ja", **reason.params)


def _reason_text(reasons: list[Reason]) -> str:
    return "・".join(_render(r) for r in reasons)


def _label(kind: str) -> str:
    return t(f"web.target_kind.{kind}")


def _as_json(rec: CaseRecommendation) -> dict[str, Any]:
    return {
        "case_id": rec.case_id,
        "targets": [
            {
                "rank": x.rank,
                "target_kind": x.target_kind,
                "target_id": x.target_id,
                "score": x.score,
                "reason": _reason_text(x.reasons),
            }
            for x in rec.targets
        ],
        "hardship": {"flag": rec.hardship.flag, "reasons": [_render(r) for r in rec.hardship.reasons]},
    }


def _read_case_ids(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError:
        raise InvalidInput("recommend.ids_file_unreadable", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            raise InvalidInput("recommend.ids_file_unreadable", path=str(path)) from None
    ids: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        value = line.split(",")[0].strip()
        if not value or (n == 1 and value.lower() == "case_id"):
            continue
        try:
            ids.append(parse_case_id(value))
        except InvalidInput:
            raise InvalidInput("recommend.ids_file_bad", path=str(path), line=n, value=value) from None
    if not ids:
        raise InvalidInput("recommend.ids_file_empty", path=str(path))
    return list(dict.fromkeys(ids))


@app.command()
@handle_errors
def train() -> None:
    """Fit the investigation-target model on the store's history."""
    from investigation import model, service

    model_dir = state.settings.models_dir
    with Session(state.engine()) as session:
        card = service.train(session=session, model_dir=model_dir)
    console.print(t("recommend.trained", path=str(model_dir / model.MODEL_FILE)), markup=False)
    console.print(card.summary(), markup=False, highlight=False)


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
    from tools.usecases.investigation import recommend_batch

    batch = case_ids_file is not None
    if batch == (case_id is not None) or (batch and out is None):
        raise InvalidInput("recommend.bad_args")
    settings = state.settings
    if not batch:
        with session_scope(state.engine()) as session:
            rec = case_usecases.recommend_targets(
                actor=cli_actor(), session=session, settings=settings, case_id=case_id or "", top=top
            )
        if json_out:
            typer.echo(json.dumps(_as_json(rec), ensure_ascii=False, indent=2))
            return
        _print_case(rec)
        return
    assert case_ids_file is not None and out is not None
    ids = _read_case_ids(case_ids_file)
    note = f"out={out.name}" + (f" hardship_out={hardship_out.name}" if hardship_out else "")
    with session_scope(state.engine()) as session:
        recs = recommend_batch(actor=cli_actor(), session=session, settings=settings, case_ids=ids, top=top, note=note)
    rows = [
        [r.case_id, x.rank, x.target_kind, x.target_id, f"{x.score:.4f}", _reason_text(x.reasons)]
        for r in recs
        for x in r.targets
    ]
    hardship_rows = [
        [r.case_id, int(r.hardship.flag), "・".join(_render(h) for h in r.hardship.reasons)] for r in recs
    ]
    write_csv(out, ["case_id", "rank", "target_kind", "target_id", "score", "reason"], rows)
    if hardship_out is not None:
        write_csv(hardship_out, ["case_id", "flag", "reasons"], hardship_rows)
    flagged = sum(r.hardship.flag for r in recs)
    console.print(t("recommend.batch_done", cases=len(recs), rows=len(rows), path=str(out), flagged=flagged), markup=False)
    if hardship_out is not None:
        console.print(t("recommend.hardship_done", path=str(hardship_out)), markup=False)


def _print_case(rec: CaseRecommendation) -> None:
    if rec.targets:
        table = Table(title=t("recommend.header", case_id=rec.case_id, count=len(rec.targets)))
        for key in ("rank", "target", "kind", "score", "reason"):
            table.add_column(t(f"recommend.col.{key}"))
        for x in rec.targets:
            table.add_row(
                str(x.rank),
                x.target_name or x.target_id,
                _label(x.target_kind),
                f"{x.score * 100:.0f}%",
                "\n".join(_render(r) for r in x.reasons),
            )
        console.print(table)
    elif rec.excluded is not None:
        console.print(_render(rec.excluded), markup=False)
    if rec.known:
        from tools.format import known_item

        console.print(t("recommend.known_header"), markup=False)
        for asset in rec.known:
            console.print(f"  ・{known_item(asset, 'ja')}", markup=False)
    if rec.hardship.flag:
        console.print(t("recommend.hardship_header"), markup=False)
        for r in rec.hardship.reasons:
            console.print(f"  ・{_render(r)}", markup=False)


@app.command()
@handle_errors
def inquiries(
    budget_yen: Annotated[int, typer.Option("--budget-yen", help="Budget in yen.")],
    out: Annotated[Path, typer.Option("--out", help="CSV to write.")],
) -> None:
    """Choose 電子照会 deposit inquiries with the most expected accounts per yen."""
    from tools.usecases.investigation import list_inquiries

    with session_scope(state.engine()) as session:
        rows = list_inquiries(
            actor=cli_actor(), session=session, settings=state.settings, budget_yen=budget_yen, note=f"out={out.name}"
        )
    write_csv(
        out,
        ["case_id", "name_kana", "birth_date", "address", "institution_id", "institution_name",
         "channel", "expected_probability", "cost_yen"],
        [[r.case_id, r.name_kana, r.birth_date, r.address, r.institution_id, r.institution_name,
          r.channel, f"{r.probability:.4f}", r.cost_yen] for r in rows],
    )
    console.print(
        t(
            "recommend.inquiries_done",
            rows=len(rows),
            electronic=sum(r.channel == "electronic" for r in rows),
            paper=sum(r.channel == "paper" for r in rows),
            path=str(out),
            cost=sum(r.cost_yen for r in rows),
            budget=budget_yen,
            expected=sum(r.probability for r in rows),
        ),
        markup=False,
    )


@evaluate_app.command("recommender")
@handle_errors
def evaluate_recommender(
    truth: Annotated[Path | None, typer.Option("--truth", help="The generator's truth directory (evaluation only).")] = None,
    cutoff: Annotated[str | None, typer.Option("--cutoff", help="YYYY-MM-DD (default: the 80th percentile of dates).")] = None,
    top: Annotated[int, typer.Option("--top")] = 5,
) -> None:
    """Time-based holdout: assets found per 200 cases against baselines."""
    from investigation import service
    from investigation.evaluate import (
        METHODS,
        REFERENCES,
        evaluate,
        read_hardship_truth,
        read_odds,
        read_truth,
    )

    cut: int | None = None
    if cutoff is not None:
        try:
            cut = dt.date.fromisoformat(cutoff).toordinal()
        except ValueError:
            raise InvalidInput("recommend.bad_cutoff", value=cutoff) from None
    truth_map = read_truth(truth) if truth is not None else None
    odds = read_odds(truth) if truth is not None else None
    hardship_truth = read_hardship_truth(truth) if truth is not None else None
    with Session(state.engine()) as session:
        office = service.office_of(session=session)
    report = evaluate(office, cutoff=cut, truth=truth_map, top=top, odds=odds, hardship_truth=hardship_truth)
    console.print(
        t("recommend.eval.header", cutoff=report.cutoff, train_rows=report.train_rows,
          cases=report.holdout_cases, hardship=report.hardship_cases, top=top),
        markup=False,
    )

    def fmt(v: float | None, pct: bool = False) -> str:
        return "—" if v is None else (f"{100 * v:.1f}%" if pct else f"{v:.1f}")

    console.print(
        t("recommend.eval.columns", method="", truth=t("recommend.eval.col_truth"),
          observed=t("recommend.eval.col_observed"), hit=t("recommend.eval.col_hit")),
        markup=False,
    )
    for m in METHODS + tuple(r for r in REFERENCES if r in report.results):
        console.print(
            t("recommend.eval.columns", method=t(f"recommend.eval.method.{m}"),
              truth=fmt(report.per200(m, "truth")), observed=fmt(report.per200(m, "observed")),
              hit=fmt(report.hit_rate(m), pct=True)),
            markup=False,
        )
    for basis in ("truth", "observed"):
        model_v = report.per200("model", basis)
        if model_v is None:
            continue
        ratios = {}
        for m in ("novice", "popularity", "veteran"):
            v = report.per200(m, basis)
            ratios[f"vs_{m}"] = model_v / v if v else float("nan")
        console.print(t("recommend.eval.ratios", basis=t(f"recommend.eval.basis_{basis}"), **ratios), markup=False)
        for m in ("novice", "veteran"):
            ci = report.ratio_interval("model", m, basis)
            if ci is not None:
                console.print(
                    t("recommend.eval.ratio_ci", basis=t(f"recommend.eval.basis_{basis}"),
                      method=t(f"recommend.eval.method.{m}"), lo=ci[0], hi=ci[1]),
                    markup=False,
                )
    for ref in ("ceiling", "world"):
        share = report.share_of_ceiling_gain("model", "veteran", ref)
        if share is not None:
            console.print(
                t(f"recommend.eval.{ref}_share", share=share, ceiling=report.per200(ref),
                  veteran=report.per200("veteran"), model=report.per200("model")),
                markup=False,
            )
    precision, recall = report.hardship_precision(), report.hardship_recall()
    if report.hardship_hits is not None:
        console.print(
            t("recommend.eval.hardship_pr", flagged=report.hardship_flagged, true=report.hardship_true,
              precision=fmt(precision, pct=True), recall=fmt(recall, pct=True)),
            markup=False,
        )
    elif truth is not None:
        console.print(t("recommend.eval.hardship_no_truth"), markup=False)
    console.print(t("recommend.eval.notes"), markup=False)
    if any(r in report.results for r in REFERENCES):
        console.print(t("recommend.eval.notes_references"), markup=False)


@bench_app.command("recommend")
@handle_errors
def bench_recommend(
    cases: Annotated[int, typer.Option("--cases", help="Open cases of the generated office.")] = 35_000,
    seed: Annotated[int, typer.Option("--seed")] = 1,
    work_dir: Annotated[Path | None, typer.Option("--work-dir", help="Keep (and reuse) the generated office and store here.")] = None,
    samples: Annotated[int, typer.Option("--samples", help="Single recommendations timed.")] = 200,
) -> None:
    """Recommendation p95, all open cases, and training time on a generated office."""
    from bot.demo import generate_office
    from investigation.bench import run_bench

    with contextlib.ExitStack() as stack:
        base = work_dir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="choshu-bench-")))
        office_dir = base / f"office-{cases}-{seed}"
        if not (office_dir / "cases.csv").exists():
            console.print(f"generating {cases:,} cases into {office_dir} …")
            (base / f"{office_dir.name}.db").unlink(missing_ok=True)  # its import is of the old files
            generate_office(out_dir=office_dir, cases=cases, seed=seed)
        rows = run_bench(office_dir=office_dir, seed=seed, work_dir=base, samples=samples, progress=console.print)
        for row in rows:
            console.print(t("recommend.bench.row", **row), markup=False, highlight=False)
