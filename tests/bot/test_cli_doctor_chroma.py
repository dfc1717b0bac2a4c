"""`choshu doctor` checks the Chroma server of CHOSHU_CHROMA_URL (a local fake heartbeat)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.cli.doctor import diagnose
from store.settings import Settings


class _Heartbeat(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        ok = self.path == "/api/v2/heartbeat"
        body = b'{"nanosecond heartbeat": 1}' if ok else b"{}"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def chroma_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Heartbeat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chroma(engine: Engine, tmp_path: Path, url: str):  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, choshu_home=tmp_path / "home", choshu_chroma_url=url)
    d = diagnose(settings=settings, engine=engine, url=str(engine.url))
    return next(c for c in d.checks if c.key == "doctor.check.chroma"), d


def test_a_reachable_chroma_server_is_ok(engine: Engine, tmp_path: Path, chroma_url: str) -> None:
    check, _ = _chroma(engine, tmp_path, chroma_url)
    assert check.status == "ok" and check.params["url"] == chroma_url


def test_an_unreachable_chroma_server_says_what_to_do(engine: Engine, tmp_path: Path) -> None:
    check, d = _chroma(engine, tmp_path, f"http://127.0.0.1:{_closed_port()}")
    assert check.status == "error" and "doctor.next.chroma" in d.next_steps


def test_no_chroma_check_for_the_embedded_index(engine: Engine, tmp_path: Path) -> None:
    d = diagnose(settings=Settings(_env_file=None, choshu_home=tmp_path / "home"), engine=engine, url=str(engine.url))
    assert all(c.key != "doctor.check.chroma" for c in d.checks)
