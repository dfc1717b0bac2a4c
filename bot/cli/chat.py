"""Chat commands: route, chat, serve."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import app, bench_app, console, err_console, evaluate_app, handle_errors, state
from store.db import safe_url
from store.errors import NotFound
from tools.messages import t

# Engines load lazily, inside the commands that use them: `choshu --help` stays quick.

if TYPE_CHECKING:
    from bot.router.entities import Lexicon


def _lexicon() -> Lexicon:
    """Names from the store when there is one; an absent or unmigrated store gives none."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from bot.router.entities import Lexicon
    from bot.router.lexicon import load_lexicon

    url = state.url
    if url.startswith("sqlite") and not Path(url.split("///", 1)[-1]).exists():
        return Lexicon()
    try:
        with Session(state.engine()) as session:
            return load_lexicon(session=session)
    except SQLAlchemyError:
        return Lexicon()


@app.command()
@handle_errors
def route(
    message: Annotated[str, typer.Argument(help="A chat message.")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Print the tool call the assistant would make, without running it."""
    from bot.router import route as route_message

    r = route_message(message, _lexicon())
    if json_out:
        typer.echo(json.dumps(r.call(), ensure_ascii=False))
    else:
        console.print(f"{r.tool} {json.dumps(r.args, ensure_ascii=False)}", markup=False, highlight=False)
        console.print(f"confidence {r.confidence:.2f}" + (f", would ask: {r.ask}" if r.ask else ""), style="dim")


@app.command()
@handle_errors
def chat(
    as_staff: Annotated[str, typer.Option("--as", help="Staff ID to chat as.")],
) -> None:
    """Chat with the assistant in the terminal."""
    from sqlmodel import Session

    from bot.chat.dispatch import Dispatcher
    from bot.chat.incoming import IncomingMessage
    from bot.cli.common import cli_audit, os_user, terminal
    from bot.terminal import render_terminal
    from store import crud
    from store.errors import PermissionDenied
    from tools import queries
    from tools.reply import Button

    settings = state.settings
    engine = state.engine()
    if settings.is_production and not settings.choshu_cli_chat_in_production:
        cli_audit(action="cli.chat_as", staff_id=as_staff, allowed=False, detail="refused in production")
        raise PermissionDenied("security.cli_chat_refused")
    with Session(engine) as session:
        staff = queries.get_staff(session=session, staff_id=as_staff)
        example = crud.example_case_id(session=session, staff_id=as_staff) if staff is not None else None
    if staff is None:
        cli_audit(action="cli.chat_as", allowed=False, detail=f"unknown staff id {as_staff[:40]}")
        raise NotFound("chat.cli.unknown_staff", staff_id=as_staff)
    who, where = os_user(), terminal()
    cli_audit(action="cli.chat_as", staff_id=staff.staff_id)
    from bot.agent import agent_for

    dispatcher = Dispatcher(engine=engine, settings=settings, agent=agent_for(settings))
    console.print(t("chat.cli.intro", "ja", name=staff.name, staff_id=staff.staff_id, case=example or t("chat.web.example_case", "ja")), markup=False)
    buttons: list[Button] = []
    thread = uuid.uuid4().hex  # this terminal session is one conversation
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line in ("exit", "quit"):
            break
        msg = IncomingMessage(
            surface="cli", user_ref=staff.staff_id, staff_id=staff.staff_id, text=line,
            origin=where, os_user=who, thread=thread,
        )
        if line.isdigit() and 1 <= int(line) <= len(buttons) and len(line) <= 2:
            pressed = buttons[int(line) - 1]
            msg = IncomingMessage(
                surface="cli", user_ref=staff.staff_id, staff_id=staff.staff_id,
                action={"action": pressed.action, "payload": pressed.payload},
                origin=where, os_user=who, thread=thread,
            )
        reply = dispatcher.dispatch(msg)
        if reply is None:
            continue
        text, buttons = render_terminal(reply, base_url=settings.choshu_public_url)
        console.print(text, markup=False, highlight=False)


@app.command()
@handle_errors
def serve(
    host: Annotated[str | None, typer.Option("--host")] = None,
    port: Annotated[int | None, typer.Option("--port")] = None,
) -> None:
    """Start the web chat, dashboard, Slack and Teams endpoints."""
    from store.security import startup_problems

    settings = state.settings
    if state.db_url:
        settings = settings.model_copy(update={"database_url": state.db_url})
    problems = startup_problems(settings)
    if problems:
        first, more = problems[0], len(problems) - 1
        err_console.print(
            t(
                "security.refused_start",
                "ja",
                reason=t(first.key, "ja", **first.params),
                more=t("security.more_problems", "ja", count=more) if more else "",
            ),
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    import uvicorn

    from bot.surfaces import SURFACES
    from bot.web.app import create_app

    host = host or settings.choshu_host
    port = port or settings.choshu_port
    settings = settings.model_copy(update={"choshu_host": host, "choshu_port": port})
    # One web process; the chat turns in CHOSHU_PROCESSES turn processes (bot.chat.pool).
    web = create_app(settings=settings, turn_processes=settings.processes)
    for surface in SURFACES:
        if surface.start is not None:
            surface.start(web, settings)
    err_console.print(
        t(
            "chat.serve.listening",
            "ja",
            host=host,
            port=port,
            surfaces="、".join(f"{s.label}: {s.mode(settings)}" for s in SURFACES),
            llm="on" if settings.choshu_llm_enabled else "off",
        ),
        markup=False,
    )
    uvicorn.run(web, host=host, port=port, log_level=settings.choshu_log_level.lower())


@evaluate_app.command("router")
@handle_errors
def evaluate_router_cmd() -> None:
    """Held-out accuracy of the chat router (split by phrasing, 3 seeds)."""
    from bot.router.evaluate import evaluate_router
    from bot.router.intent import training_utterances

    utterances = training_utterances()
    report = evaluate_router(utterances)
    console.print(
        f"router accuracy {report.accuracy:.3f} ({report.correct}/{report.total} held-out sentences, "
        f"{len(utterances)} utterances; per split {', '.join(f'{a:.3f}' for a in report.per_split)})",
        markup=False,
    )
    for (want, got), n in report.confusions.most_common(5):
        console.print(f"  {want} → {got}: {n}", markup=False)
    _evaluate_conversations()


def _conversation_lexicon():
    """Names of the store's office when it has staff (`choshu demo-data`), else of the default
    demo office generated into a temporary directory (the set's names are that office's)."""
    import tempfile

    from sqlmodel import Session

    from bot.router.lexicon import load_lexicon
    from store import crud

    try:
        with Session(state.engine()) as session:
            if crud.list_staff(session=session):
                return load_lexicon(session=session)
    except Exception:  # no store yet: fall back to the generated office
        pass
    from bot.demo import generate_office
    from store.db import make_engine
    from store.importer import import_directory
    from store.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        directory = generate_office(out_dir=Path(tmp) / "office")
        engine = make_engine(f"sqlite:///{Path(tmp) / 'store.db'}")
        upgrade(engine)
        import_directory(engine=engine, directory=Path(directory))
        with Session(engine) as session:
            lexicon = load_lexicon(session=session)
        engine.dispose()
        return lexicon


def _evaluate_conversations() -> None:
    from bot.router.evaluate_conversations import evaluate_conversations

    report = evaluate_conversations(lexicon=_conversation_lexicon())
    console.print(
        f"conversations {report.accuracy:.3f} ({report.correct}/{report.total} held-out conversations)",
        markup=False,
    )
    for kind, (ok, n) in sorted(report.per_kind.items()):
        console.print(f"  {kind}: {ok}/{n}", markup=False)
    for what, n in report.unsupported.most_common():
        console.print(f"  not yet supported: {what} ({n})", markup=False)


@bench_app.command("load")
@handle_errors
def bench_load_cmd(
    staff: Annotated[int, typer.Option("--staff", min=1, help="Staff members logged in.")] = 15,
    turns: Annotated[int, typer.Option("--turns", min=1, help="Web-chat turns sent.")] = 200,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Turns in flight at once.")] = 50,
    slack_events: Annotated[int, typer.Option("--slack-events", min=0, help="Signed Slack DMs sent meanwhile.")] = 20,
    page_views: Annotated[int, typer.Option("--page-views", min=0, help="Case pages opened meanwhile.")] = 20,
) -> None:
    """Start the server on loopback over the current store and measure chat under load."""
    from bot.loadbench import KINDS, bench_load, percentile

    report = bench_load(
        engine=state.engine(),
        db_url=state.url,
        staff=staff,
        turns=turns,
        concurrency=concurrency,
        slack_events=slack_events,
        page_views=page_views,
    )

    def ms(values: list[float], q: float) -> str:
        return f"{percentile(values, q) * 1000:.0f}"

    console.print(
        f"load: {report.turns} turns at concurrency {report.concurrency} from {report.staff} staff "
        f"in {report.seconds:.1f} s ({report.turns / max(report.seconds, 1e-9):.1f} turns/s); store {safe_url(state.url)}",
        markup=False,
    )
    every = [x for kind in KINDS for x in report.latencies[kind]]
    for kind, values in [*((k, report.latencies[k]) for k in KINDS), ("all", every)]:
        console.print(
            f"  {kind:8} n={len(values):4}  p50 {ms(values, 0.5):>6} ms  p95 {ms(values, 0.95):>6} ms  max {ms(values, 1.0):>6} ms",
            markup=False,
        )
    if report.server_cpu is not None:
        console.print(
            f"  CPU: server {report.server_cpu:.1f} s ({report.server_cpu / report.turns * 1000:.0f} ms per turn), "
            f"load generator {report.client_cpu:.1f} s, over {report.seconds:.1f} s on {os.cpu_count()} cores",
            markup=False,
        )
    alone = report.alone_mean()
    if alone:
        each = ", ".join(
            f"{k} {report.alone[k] * 1000:.0f} ms"
            + (f" (CPU {report.alone_cpu[k] * 1000:.0f})" if k in report.alone_cpu else "")
            for k in KINDS
            if k in report.alone
        )
        console.print(
            f"  one at a time (baseline, same run): {each}; p95 under load = "
            f"{percentile(every, 0.95) / alone:.0f} × a turn alone (mix mean {alone * 1000:.0f} ms)",
            markup=False,
        )
    law = len(report.latencies["law"])
    console.print(
        f"  law turns answered by the reduced search (waited over {state.settings.choshu_search_reduce_after_ms} ms, "
        f"no e5): {report.reduced.get('law', 0)} of {law}",
        markup=False,
    )
    console.print(f"  HTTP errors: {sum(report.errors.values())} {report.errors or ''}", markup=False)
    console.print(f"  failure replies: {sum(report.failures.values())} {report.failures or ''}", markup=False)
    if slack_events:
        acks, replies = report.slack_acks, report.slack_replies
        console.print(
            f"  slack acks n={len(acks)}  p50 {ms(acks, 0.5)} ms  p95 {ms(acks, 0.95)} ms  max {ms(acks, 1.0)} ms"
            f"  (not 200: {report.slack_ack_errors}; over 1 s: {sum(1 for a in acks if a >= 1.0)})",
            markup=False,
        )
        console.print(
            f"  slack replies {len(replies)}/{len(acks)}  p50 {ms(replies, 0.5)} ms  max {ms(replies, 1.0)} ms",
            markup=False,
        )
    if page_views:
        pages = report.pages
        console.print(
            f"  case pages n={len(pages)}  p50 {ms(pages, 0.5)} ms  p95 {ms(pages, 0.95)} ms  max {ms(pages, 1.0)} ms"
            f"  (not 200: {report.page_errors})",
            markup=False,
        )
