"""``choshu bench load``: the server under a morning's chat load, measured from outside.

Starts ``choshu serve`` as a child process on loopback over the current store (with a local
fake of the Slack Web API, so Slack replies can be counted), logs in N staff through the demo
login, sends M web-chat turns at concurrency C (a mix of 「<case>の財産調査先は？」,
「給与の差押禁止額の条文は？」 and 「<case>の概要」, each staff member asking about their own
cases) and, while they run, signed Slack DM events and views of the staff's own case pages;
then prints p50/p95/max per kind, HTTP errors, failure replies, the Slack acknowledgement and
reply times, and the case pages' times.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store import crud
from store.models import Case, Staff

KINDS = ("targets", "law", "summary")
ALONE_TURNS = 10  # per kind, for the baseline
_CSRF = re.compile(r'(?:name="csrf" value|data-csrf)="([^"]+)"')


# The law turns ask the project's own statute questions (novices' and situational wording),
# each once before any repeats: a per-process cache of query vectors or answers must not make
# every law turn after the first look free.
_EVAL = Path(__file__).resolve().parent.parent / "retrieval" / "eval"
_LAW_SETS = ("law_questions_novice.jsonl", "law_questions_own.jsonl", "law_questions_own2.jsonl")


@functools.cache
def law_questions() -> tuple[str, ...]:
    out: list[str] = []
    for name in _LAW_SETS:
        for line in (_EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["q"])
    return tuple(dict.fromkeys(out))


def question(kind: str, case_id: str, n: int | None = None) -> str:
    """The text of a turn; ``n`` picks the n-th law question (None: the warm-up's own one)."""
    if kind == "targets":
        return f"{case_id}の財産調査先は？"
    if kind == "law":
        if n is None:
            return "給与の差押禁止額の条文は？"
        pool = law_questions()
        return pool[n % len(pool)]
    return f"{case_id}の概要"


@dataclass
class LoadReport:
    staff: int
    turns: int
    concurrency: int
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: dict[str, int] = field(default_factory=dict)  # HTTP status (or exception) -> count
    failures: dict[str, int] = field(default_factory=dict)  # failure reply text (start) -> count
    # kind -> turns answered by the reduced search (a busy server's late turns, without e5)
    reduced: dict[str, int] = field(default_factory=dict)
    slack_acks: list[float] = field(default_factory=list)
    slack_ack_errors: int = 0
    # seconds from send to chat.postMessage
    slack_replies: list[float] = field(default_factory=list)
    # seconds for each case page opened during the load, and how many were not 200
    pages: list[float] = field(default_factory=list)
    page_errors: int = 0
    server_cpu: float | None = None  # CPU seconds the server process spent on the measured phase
    client_cpu: float = 0.0  # CPU seconds this process (the load generator) spent on it
    # The baseline, in the same run before the load: turns of each kind sent one at a time
    # (kind -> seconds per turn, and the server's CPU seconds per turn when known). A machine
    # that is slower today shows it here as much as under the load.
    alone: dict[str, float] = field(default_factory=dict)
    alone_cpu: dict[str, float] = field(default_factory=dict)

    def alone_mean(self) -> float | None:
        """A turn's time alone, averaged over the measured turns' mix of kinds."""
        counts = {k: len(v) for k, v in self.latencies.items() if v and k in self.alone}
        total = sum(counts.values())
        return sum(self.alone[k] * n for k, n in counts.items()) / total if total else None

    @property
    def answered(self) -> int:
        return sum(len(v) for v in self.latencies.values()) - sum(self.failures.values())


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class SlackRecorder:
    """A loopback fake of the Slack Web API: answers ``ok`` and notes when each DM reply came."""

    def __init__(self) -> None:
        self.posts: dict[str, float] = {}  # channel -> monotonic time of the first chat.postMessage
        lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                method = self.path.rsplit("/", 1)[-1]
                answer: dict[str, Any] = {"ok": True}
                if method == "auth.test":
                    answer.update(
                        user_id="UBOT0001", bot_id="BBOT0001", team_id="T0001", user="choshu"
                    )
                if method == "chat.postMessage":
                    channel = _form_or_json(raw, self.headers.get("Content-Type") or "").get(
                        "channel", ""
                    )
                    with lock:
                        recorder.posts.setdefault(str(channel), time.monotonic())
                    answer.update(channel=channel, ts=f"{time.time():.6f}")
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _form_or_json(raw: str, content_type: str) -> dict[str, Any]:
    from urllib.parse import parse_qs

    if "json" in content_type:
        try:
            return dict(json.loads(raw or "{}"))
        except ValueError:
            return {}
    return {k: v[0] for k, v in parse_qs(raw).items()}


def process_cpu(pid: int | None) -> float | None:
    """User + system CPU seconds of process ``pid`` and its children (the server's turn
    processes, CHOSHU_PROCESSES), from Linux /proc; None elsewhere."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(process_cpu(int(child)) or 0.0 for child in children)


async def settle(
    pid: int | None, *, quiet: float = 0.05, every: float = 0.5, timeout: float = 120.0
) -> None:
    """Wait until the server (its processes) has finished its own warm-up: less than ``quiet``
    CPU seconds in ``every`` seconds with no turn in flight. Otherwise the warm-up's tail (the
    office data, the search index) is counted as the first measured turns' CPU and latency."""
    if pid is None:
        return
    deadline = time.monotonic() + timeout
    last = process_cpu(pid)
    while last is not None and time.monotonic() < deadline:
        await asyncio.sleep(every)
        now = process_cpu(pid)
        if now is None or now - last < quiet:
            return
        last = now


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pick_staff(engine: Engine, n: int) -> list[tuple[Staff, list[str], str]]:
    """Up to ``n`` staff members with open cases of their own and a Slack user id, with up to
    five of their cases each and that id."""
    chosen: list[tuple[Staff, list[str], str]] = []
    with Session(engine) as session:
        staff = session.exec(select(Staff).order_by(col(Staff.staff_id))).all()
        on_slack = {
            i.staff_id: i.user_id for i in crud.list_identities(session=session, surface="slack")
        }
        for member in staff:
            cases = session.exec(
                select(Case.case_id)
                .where(Case.staff_id == member.staff_id, Case.status == "open")
                .order_by(col(Case.case_id))
                .limit(5)
            ).all()
            if cases and member.staff_id in on_slack:
                chosen.append((member, list(cases), on_slack[member.staff_id]))
            if len(chosen) >= n:
                break
    return chosen


def slack_event(user: str, text: str, n: int) -> dict[str, Any]:
    channel = f"DBENCH{n:05d}"
    return {
        "token": "bench",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": f"EvBENCH{secrets.token_hex(6)}",
        "event_time": int(time.time()),
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{time.time():.6f}",
        },
    }


def signed_headers(secret: str, body: bytes) -> dict[str, str]:
    ts = str(int(time.time()))
    base = b"v0:" + ts.encode() + b":" + body
    sig = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": sig,
        "Content-Type": "application/json",
    }


def start_server(
    *, db_url: str, port: int, slack_url: str, secret: str, turns: int
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        # The per-staff limit still counts every turn (its cost is measured) but never refuses
        # one: the benchmark measures the server, not the limit (nor the runs just before it).
        CHOSHU_RATE_LIMIT_PER_MINUTE=str(max(turns * 2, 30)),
        DATABASE_URL=db_url,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=slack_url,
        SLACK_APP_TOKEN="",
        CHOSHU_LOG_LEVEL="warning",
    )
    cmd = [
        sys.executable,
        "-c",
        "from bot.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
            raise RuntimeError(f"the server exited ({proc.returncode}): {err}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not become ready")


async def login(client: httpx.AsyncClient, staff_id: str) -> str:
    page = await client.get("/login")
    token = _CSRF.search(page.text)
    if token is None:
        raise RuntimeError("no CSRF token on the login page (is CHOSHU_DEMO_LOGIN on?)")
    r = await client.post(
        "/login", data={"csrf": token.group(1), "staff_id": staff_id, "next": "/"}
    )
    if r.status_code != 303:
        raise RuntimeError(f"login of {staff_id} failed: HTTP {r.status_code}")
    chat = await client.get("/")
    token = _CSRF.search(chat.text)
    if token is None:
        raise RuntimeError("no CSRF token on the chat page")
    return token.group(1)


async def run_load(
    *,
    base: str,
    staff: list[tuple[Staff, list[str], str]],
    turns: int,
    concurrency: int,
    slack_events: int,
    secret: str,
    recorder: SlackRecorder,
    page_views: int = 0,
    server_pid: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    report = LoadReport(staff=len(staff), turns=turns, concurrency=concurrency)
    # Idle connections are dropped before uvicorn would close them (5 s), so a request never goes
    # out on a connection the server is closing.
    limits = httpx.Limits(max_connections=concurrency + 10, keepalive_expiry=2.0)
    clients = [httpx.AsyncClient(base_url=base, timeout=120, limits=limits) for _ in staff]
    try:
        tokens = [await login(c, s.staff_id) for c, (s, _, _) in zip(clients, staff, strict=True)]

        # One turn of each kind from every staff member first, not measured: a server just
        # started (each of its processes) may still be loading the office data and the index.
        async def warm_up(i: int) -> None:
            for kind in KINDS:
                await clients[i].post(
                    "/chat/api",
                    json={"text": question(kind, staff[i][1][0])},
                    headers={"X-CSRF-Token": tokens[i]},
                )

        await asyncio.gather(*(warm_up(i) for i in range(len(clients))))
        await settle(server_pid)

        # The baseline: each kind's turns one at a time (law questions from the end of the pool,
        # which the measured turns reach last).
        pool = len(law_questions())
        for kind in KINDS:
            before, started = process_cpu(server_pid), time.perf_counter()
            for j in range(ALONE_TURNS):
                who = j % len(staff)
                cases = staff[who][1]
                text = question(kind, cases[(j + 1) % len(cases)], n=pool - 1 - j)
                await clients[who].post("/chat/api", json={"text": text}, headers={"X-CSRF-Token": tokens[who]})
            report.alone[kind] = (time.perf_counter() - started) / ALONE_TURNS
            after = process_cpu(server_pid)
            if before is not None and after is not None:
                report.alone_cpu[kind] = (after - before) / ALONE_TURNS
        await settle(server_pid)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(turns):
            queue.put_nowait(i)
        done = 0

        turns_ended = 0.0
        law_turns: dict[str, int] = {}  # turns sent so far per kind (the law question's index)

        async def worker() -> None:
            nonlocal done, turns_ended
            while True:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                who = i % len(staff)
                kind = KINDS[(i // len(staff)) % len(KINDS)]
                cases = staff[who][1]
                text = question(kind, cases[i % len(cases)], n=law_turns.get(kind, 0))
                law_turns[kind] = law_turns.get(kind, 0) + 1
                started = time.perf_counter()
                try:
                    r = await clients[who].post(
                        "/chat/api", json={"text": text}, headers={"X-CSRF-Token": tokens[who]}
                    )
                except httpx.HTTPError as err:
                    key = type(err).__name__
                    report.errors[key] = report.errors.get(key, 0) + 1
                else:
                    elapsed = time.perf_counter() - started
                    if r.status_code != 200:
                        key = f"HTTP {r.status_code}"
                        report.errors[key] = report.errors.get(key, 0) + 1
                    else:
                        report.latencies[kind].append(elapsed)
                        reply = (r.json() or {}).get("reply") or {}
                        if reply.get("reduced"):
                            report.reduced[kind] = report.reduced.get(kind, 0) + 1
                        if not reply.get("ok", False):
                            key = str(reply.get("text", ""))[:40]
                            report.failures[key] = report.failures.get(key, 0) + 1
                done += 1
                turns_ended = time.perf_counter()
                if progress:
                    progress(done)

        async def slack() -> None:
            sent: dict[str, float] = {}
            async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                for n in range(slack_events):
                    await asyncio.sleep(0.25)
                    _member, cases, slack_id = staff[n % len(staff)]
                    payload = slack_event(slack_id, question("summary", cases[0]), n)
                    body = json.dumps(payload, ensure_ascii=False).encode()
                    started = time.perf_counter()
                    sent[payload["event"]["channel"]] = time.monotonic()
                    try:
                        r = await client.post(
                            "/slack/events", content=body, headers=signed_headers(secret, body)
                        )
                        ok = r.status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    report.slack_acks.append(time.perf_counter() - started)
                    report.slack_ack_errors += 0 if ok else 1
            deadline = time.monotonic() + 120
            while len(recorder.posts) < len(sent) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            report.slack_replies = [
                recorder.posts[c] - t for c, t in sent.items() if c in recorder.posts
            ]

        async def pages() -> None:
            """Staff open their own case page meanwhile (its targets and guidance are worked out
            by the web process, which also takes every chat request)."""
            for n in range(page_views):
                await asyncio.sleep(0.25)
                who = n % len(staff)
                cases = staff[who][1]
                started = time.perf_counter()
                try:
                    r = await clients[who].get(f"/cases/{cases[n % len(cases)]}")
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                report.pages.append(time.perf_counter() - started)
                report.page_errors += 0 if ok else 1

        started = time.perf_counter()
        server_cpu, client_cpu = process_cpu(server_pid), time.process_time()
        await asyncio.gather(slack(), pages(), *(worker() for _ in range(concurrency)))
        report.seconds = turns_ended - started  # the turns' own span (Slack replies may come later)
        after = process_cpu(server_pid)
        report.server_cpu = None if after is None or server_cpu is None else after - server_cpu
        report.client_cpu = time.process_time() - client_cpu
    finally:
        for c in clients:
            await c.aclose()
    return report


def bench_load(
    *,
    engine: Engine,
    db_url: str,
    staff: int,
    turns: int,
    concurrency: int,
    slack_events: int,
    page_views: int = 0,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    chosen = pick_staff(engine, staff)
    if not chosen:
        raise RuntimeError("no staff member with open cases and a Slack user id in the store")
    secret = secrets.token_hex(16)
    recorder = SlackRecorder()
    port = free_port()
    proc = start_server(
        db_url=db_url, port=port, slack_url=recorder.url, secret=secret, turns=turns + slack_events
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
        return asyncio.run(
            run_load(
                base=base,
                staff=chosen,
                turns=turns,
                concurrency=concurrency,
                slack_events=slack_events,
                secret=secret,
                recorder=recorder,
                page_views=page_views,
                server_pid=proc.pid,
                progress=progress,
            )
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        recorder.close()
