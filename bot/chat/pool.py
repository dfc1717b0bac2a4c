"""Chat turns answered by worker processes, the first free one taking the next turn.

Python runs one thread at a time per process, so a second core needs a second process. Run as
several uvicorn processes, each accepted connections greedily and kept them (keep-alive): at a
9:00 burst one process held twice the turns of the other while the other sat idle, and the
slowest turns waited on the busy one. With a pool the server is one web process (HTTP, login,
CSRF, Slack and Teams acknowledgements, pages) and ``CHOSHU_PROCESSES`` turn processes that take
turns from one queue; each holds its own store connection, model and index.

A turn process that dies (killed, out of memory) fails the turns it had and the pool is started
again for the next ones; a turn is never lost without a reply.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
import signal
import threading
import time
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.chat.incoming import IncomingMessage
from store.settings import Settings
from tools.messages import detect_lang, t
from tools.reply import Reply

log = logging.getLogger(__name__)

# Turns waiting or running per turn process before a new one is answered 「混み合っています」 at
# once: 64 turns of ~20 ms are about a second and a half of work for one process.
QUEUE_PER_PROCESS = 64

# In a turn process: its dispatcher (made by the pool's initializer), when it was ready, and
# its warm-up (loading the office, the model, the index in the background).
_dispatcher: Any = None
_ready_at = 0.0
_warming: threading.Thread | None = None


class TurnPool:
    """``processes`` turn processes started with ``spawn`` (nothing of the web process's threads
    or open connections is inherited)."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings = settings
        self.processes = processes
        self.limit = processes * QUEUE_PER_PROCESS
        # Re-entrant: a future cancelled under it runs its done-callback (which takes it) at once.
        self._lock = threading.RLock()
        self._in_flight = 0
        self._closed = False
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.settings, os.getpid()),
        )

    def prestart(self) -> list[Future[int]]:
        """Start every turn process now (each loads its model and index in the background)
        instead of with the first turns; the futures give their process ids."""
        return [self._executor.submit(_pid) for _ in range(self.processes)]

    def alive(self) -> int | None:
        """Turn processes running now; None once the pool is stopping (the server's shutdown)."""
        with self._lock:
            if self._closed:
                return None
            processes = dict(self._executor._processes or {})
        return sum(1 for p in processes.values() if p.is_alive())

    def pids(self) -> list[int]:
        """The turn processes' ids (the tests kill them)."""
        return sorted(self._executor._processes or {})

    def dispatch(self, msg: IncomingMessage) -> Reply | None:
        """The reply, waiting for it (Slack's and Teams' answering threads)."""
        busy, future = self._submit(msg)
        if busy is not None:
            return busy
        assert future is not None
        return self._result(msg, future)

    async def answer(self, msg: IncomingMessage) -> Reply | None:
        """The reply, awaited (the web chat: no worker thread waits for it)."""
        busy, future = self._submit(msg)
        if busy is not None:
            return busy
        assert future is not None
        try:
            await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            if not future.cancelled():  # this request itself was cancelled, not its turn
                raise
        except Exception:  # the result below says what happened
            pass
        return self._result(msg, future)

    def _submit(self, msg: IncomingMessage) -> tuple[Reply | None, Future[Reply | None] | None]:
        with self._lock:
            if self._closed:
                return _busy(msg), None
            if self._in_flight >= self.limit:
                log.warning("chat turns queued beyond %d: answered busy", self.limit)
                return _busy(msg), None
            try:
                future = self._executor.submit(_turn, msg)
            except BrokenProcessPool:
                self._restart_if_broken()
                future = self._executor.submit(_turn, msg)
            self._in_flight += 1
        future.add_done_callback(self._done)
        return None, future

    def _done(self, _future: Future[Reply | None]) -> None:
        with self._lock:
            self._in_flight -= 1

    def _result(self, msg: IncomingMessage, future: Future[Reply | None]) -> Reply | None:
        if future.cancelled():  # never started: the server is stopping
            return _busy(msg)
        try:
            return future.result()
        except Exception as err:  # the turn itself never raises (the dispatcher answers every failure)
            if isinstance(err, BrokenProcessPool):
                with self._lock:
                    self._restart_if_broken()
            ref = uuid.uuid4().hex[:8]
            log.error("chat turn lost (ref %s, surface %s): %s", ref, msg.surface, type(err).__name__)
            return Reply(text=t("chat.turn_lost", detect_lang(msg.text), ref=ref), ok=False)

    def _restart_if_broken(self) -> None:
        """A new pool when the current one is broken (under the lock): once per breakage, since
        a turn of an earlier, replaced pool finds the current one whole."""
        current = self._executor
        if self._closed or not current._broken:
            return
        current.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()
        self.prestart()
        log.warning("turn processes started again")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            executor = self._executor
        executor.shutdown(wait=True, cancel_futures=True)


def _busy(msg: IncomingMessage) -> Reply:
    """Nothing was run: send it again in a few seconds."""
    return Reply(text=t("chat.busy", detect_lang(msg.text)), ok=False)


def _init_worker(settings: Settings, parent: int) -> None:
    """A turn process: its own store engine and dispatcher, and the warm-up in the background."""
    global _dispatcher, _ready_at, _warming
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the web process, which stops us
    _log_like_the_web_process(settings.choshu_log_level.upper())
    from bot.agent import agent_for
    from bot.chat import warmup
    from bot.chat.dispatch import Dispatcher
    from store import audit_chain
    from store.db import make_engine
    from store.security import audit_key

    # One turn at a time here; beside it the warm-up and the hours model's refit after a result.
    engine = make_engine(settings.database_url, pool_size=3, pool_timeout=settings.choshu_pool_timeout_seconds)
    audit_chain.bind_key(engine, audit_key(settings))
    _dispatcher = Dispatcher(engine=engine, settings=settings, agent=agent_for(settings))
    threading.Thread(target=_exit_with, args=(parent,), name="choshu-parent", daemon=True).start()
    if settings.choshu_warm_up:
        _warming = warmup.start_engines(engine, settings)
    _ready_at = time.monotonic()


def _log_like_the_web_process(level: str) -> None:
    """The project's own records at CHOSHU_LOG_LEVEL, other libraries' from WARNING (as under
    uvicorn in the web process), each line naming the turn process."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     [turn %(process)d] %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    known = logging.getLevelName(level)
    for package in ("bot", "tools", "store", "retrieval", "matching", "investigation"):
        logging.getLogger(package).setLevel(known if isinstance(known, int) else logging.INFO)


def _exit_with(parent: int) -> None:
    """Stop when the web process is gone (killed without its shutdown): never an orphan."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _pid() -> int:
    return os.getpid()


def _turn(msg: IncomingMessage) -> Reply | None:
    if _warming is not None and _warming.is_alive():
        # This process is still loading (the first seconds after a start): the turn waits for
        # the warm-up's locks and CPU, not for other people's turns. Not a busy server's wait:
        # the full search (the reduced one is for turns queued behind others).
        msg = dataclasses.replace(msg, received=None)
    elif msg.received is not None and msg.received < _ready_at:
        # Received while this process was starting (the server's first turns, or after a
        # restart): the wait for a busy server (CHOSHU_SEARCH_REDUCE_AFTER_MS) starts now.
        msg = dataclasses.replace(msg, received=_ready_at)
    reply: Reply | None = _dispatcher.dispatch(msg)
    return reply
