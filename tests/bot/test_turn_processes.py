"""Chat turns answered by turn processes (``choshu serve`` with CHOSHU_PROCESSES > 1): the web
chat and Slack are answered as in one process; a killed turn process costs at most the turns it
had; a full queue is answered at once; no turn process outlives the server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.slack.routes import slack_app_for
from bot.web.app import create_app
from store.models import AuditLog
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack import event, post_json
from tests.bot.test_webchat import login, say
from tests.tools import office

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pooled(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> Iterator[TestClient]:
    settings = office.settings_for(office_engine, tmp_path, **fake.settings())
    app = create_app(settings=settings, turn_processes=2)
    slack_app_for(app, settings)  # as Slack's Socket Mode does, before the server has started
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not yet been reaped still "exists": read its state.
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().split(") ", 1)[1][:1] not in ("Z", "X")


def _turn_pids(client: TestClient) -> list[int]:
    pool = client.app.state.turn_pool  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while len(pool.pids()) < pool.processes and time.monotonic() < deadline:
        time.sleep(0.05)
    return pool.pids()


def test_web_chat_and_slack_are_answered_by_the_turn_processes(
    pooled: TestClient, office_engine: Engine, fake: FakeSlack
) -> None:
    pids = _turn_pids(pooled)
    assert len(pids) == 2 and os.getpid() not in pids
    csrf = login(pooled, office.STAFF_A)
    data = say(pooled, csrf, "案件10001の概要")
    assert data["reply"]["ok"] and "250,000円" in data["html"]
    with Session(office_engine) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.action == "case_summary")).all()
    assert [(r.staff_id, r.surface, r.case_id, r.allowed) for r in rows] == [("A01", "web", "10001", True)]

    assert post_json(pooled, event("ヘルプ", user=office.SLACK_USER[office.STAFF_A], event_id="EvPool1")).status_code == 200
    posted = fake.wait_for("chat.postMessage", timeout=30)
    assert posted and posted[0]["text"]
    # Neither was answered in the web process: it never loaded a dispatcher of its own.
    assert getattr(pooled.app.state, "chat_dispatcher", None) is None  # type: ignore[attr-defined]
    # The login's CSRF token is still checked before a turn process sees the message.
    r = pooled.post("/chat/api", json={"text": "案件10001の概要"}, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403 and "250,000" not in r.text


def test_a_killed_turn_process_costs_at_most_the_turns_it_had(pooled: TestClient) -> None:
    csrf = login(pooled, office.STAFF_A)
    assert say(pooled, csrf, "ヘルプ")["reply"]["ok"]
    killed = _turn_pids(pooled)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    replies = [say(pooled, csrf, "案件10001の概要")["reply"] for _ in range(3)]
    # Each turn gets a reply: the answer, or (for a turn caught by the crash) a reference to quote.
    for reply in replies:
        assert reply["ok"] or "参照番号" in reply["text"]
    assert replies[-1]["ok"] and "10001" in replies[-1]["text"]
    assert set(_turn_pids(pooled)).isdisjoint(killed)  # started again


def test_turns_beyond_the_queue_are_answered_busy_at_once(pooled: TestClient, office_engine: Engine) -> None:
    csrf = login(pooled, office.STAFF_A)
    pooled.app.state.turn_pool.limit = 0  # type: ignore[attr-defined]
    started = time.monotonic()
    reply = say(pooled, csrf, "案件10001の概要")["reply"]
    assert not reply["ok"] and "混み合って" in reply["text"]
    assert time.monotonic() - started < 5
    with Session(office_engine) as s:  # nothing was run
        assert not s.exec(select(AuditLog).where(AuditLog.action == "case_summary")).all()


def test_no_turn_process_outlives_the_server(office_engine: Engine, tmp_path: Path) -> None:
    app = create_app(settings=office.settings_for(office_engine, tmp_path), turn_processes=2)
    with TestClient(app) as client:
        pids = _turn_pids(client)
    app.state.engine.dispose()
    assert len(pids) == 2 and not any(_alive(pid) for pid in pids)  # a clean shutdown stops them


def test_turn_processes_stop_when_the_server_is_killed(office_engine: Engine, tmp_path: Path) -> None:
    """Killed without its shutdown (SIGKILL, out of memory): its turn processes notice and stop."""
    script = (
        "import os, signal, sys\n"
        "from bot.chat.pool import TurnPool\n"
        "from tests.tools import office\n"
        "from store.db import make_engine\n"
        f"settings = office.settings_for(make_engine({str(office_engine.url)!r}), {str(tmp_path)!r})\n"
        "pool = TurnPool(settings, 2)\n"
        "[f.result(timeout=60) for f in pool.prestart()]\n"
        "print(*pool.pids(), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2, done.stderr[-2000:]
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)


def test_the_first_question_after_the_start_gets_the_full_search(
    office_engine: Engine, faq_home: Path, tmp_path: Path
) -> None:
    """A turn that arrives while the turn processes are still starting waits for them, but the
    server is not busy: its search is the full one (the reduced search is for turns queued
    behind others, CHOSHU_SEARCH_REDUCE_AFTER_MS)."""
    settings = office.settings_for(
        office_engine, faq_home / "home", choshu_corpus_dir=faq_home / "corpus", choshu_corpus_bundled=False
    )
    app = create_app(settings=settings, turn_processes=2)
    with TestClient(app) as client:
        csrf = login(client, office.STAFF_A)
        started = time.monotonic()
        reply = say(client, csrf, "分納誓約を結ぶときの流れは？")["reply"]
        waited = time.monotonic() - started
    app.state.engine.dispose()
    assert reply["ok"] and reply["sections"]
    assert waited > settings.choshu_search_reduce_after_ms / 1000  # it did wait for a process to start
    assert not reply["reduced"] and "混み合って" not in reply["text"]


def test_a_turn_whose_process_dies_gets_a_reply_with_a_reference(office_engine: Engine, tmp_path: Path) -> None:
    """The turn a dying process had is answered — cut off, with a reference to quote and a word
    about checking before sending again — and the next turn is answered as usual."""
    # No search index yet: the first law question builds it from the bundled corpus (a minute),
    # so the turn is still running when its process is killed.
    app = create_app(settings=office.settings_for(office_engine, tmp_path / "home"), turn_processes=2)
    with TestClient(app) as client:
        csrf = login(client, office.STAFF_A)
        pids = _turn_pids(client)
        killer = threading.Timer(3.0, lambda: [os.kill(pid, signal.SIGKILL) for pid in pids])
        killer.start()
        reply = say(client, csrf, "給与の差押禁止額の条文は？")["reply"]
        killer.join()
        assert not reply["ok"] and "参照番号" in reply["text"] and "確かめて" in reply["text"]
        assert say(client, csrf, "案件10001の概要")["reply"]["ok"]
    app.state.engine.dispose()


def test_teams_is_answered_by_the_turn_processes(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> None:
    from tests.bot.test_teams import EMULATOR, activity

    app = create_app(settings=office.settings_for(office_engine, tmp_path, **EMULATOR), turn_processes=2)
    with TestClient(app) as client:
        r = client.post("/api/messages", json=activity(fake, text="案件10001の概要"))
        assert r.status_code in (200, 201, 202)
        [reply] = fake.wait_for("activities", 1, timeout=30)
        assert "250,000円" in json.dumps(reply["attachments"][0]["content"], ensure_ascii=False)
        assert getattr(app.state, "chat_dispatcher", None) is None  # not answered in the web process
    app.state.engine.dispose()


def test_a_stopping_server_says_so_to_a_balancer_and_to_the_chat(pooled: TestClient) -> None:
    _turn_pids(pooled)
    health = pooled.get("/healthz")
    assert health.status_code == 200 and health.json()["turn_processes"] == 2
    csrf = login(pooled, office.STAFF_A)
    pooled.app.state.turn_pool.close()  # type: ignore[attr-defined]  # what the shutdown does first
    health = pooled.get("/healthz")
    assert health.status_code == 503 and health.json()["turn_processes"] == "stopping"
    reply = say(pooled, csrf, "案件10001の概要")["reply"]
    assert not reply["ok"] and "混み合って" in reply["text"]


def test_a_turn_taken_while_its_process_warms_up_gets_the_full_search(
    office_engine: Engine, faq_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first seconds after a start (``make run``), a turn process loads its office, model and
    index in the background: a question it takes meanwhile waited for that, not for other
    people's turns, and gets the full search. Once warm, the same wait means a busy server."""
    from bot.chat import pool
    from bot.chat.dispatch import Dispatcher
    from bot.chat.incoming import IncomingMessage

    settings = office.settings_for(
        office_engine, faq_home / "home", choshu_corpus_dir=faq_home / "corpus", choshu_corpus_bundled=False
    )
    monkeypatch.setattr(pool, "_dispatcher", Dispatcher(engine=office_engine, settings=settings))
    loaded = threading.Event()
    warming = threading.Thread(target=loaded.wait, daemon=True)  # the warm-up, still going
    warming.start()
    monkeypatch.setattr(pool, "_warming", warming, raising=False)

    def ask(text: str) -> Any:
        waited = 2 * settings.choshu_search_reduce_after_ms / 1000  # as long as at a slow start
        msg = IncomingMessage(
            surface="web", user_ref=office.STAFF_A, staff_id=office.STAFF_A, text=text,
            received=time.monotonic() - waited,
        )
        return pool._turn(msg)

    try:
        reply = ask("分納誓約を結ぶときの流れは？")
    finally:
        loaded.set()
        warming.join()
    assert reply.ok and reply.sections
    assert not reply.reduced and "混み合って" not in reply.text
    reply = ask("分割で払いたいと言われたら？")  # warm now: that wait was behind other turns
    assert reply.ok and reply.reduced and "混み合って" in reply.text
