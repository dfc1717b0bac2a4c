"""A local fake of the Slack Web API (like bolt's tests/mock_web_api_server): it answers every
method with ``ok`` and records the calls, including posts to ``response_url``."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

# The signing secret the tests configure and sign their Slack requests with.
SECRET = "slack-signing-secret-for-tests"


class FakeSlack:
    def __init__(self, answers: dict[str, dict[str, Any]] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers = dict(answers or {})  # extra fields of a method's answer
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    for key in ("blocks",):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                method = self.path.rsplit("/", 1)[-1]
                with fake._lock:
                    fake.calls.append((method, body))
                answer: dict[str, Any] = {"ok": True}
                if method == "auth.test":
                    answer.update(user_id="UBOT0001", bot_id="BBOT0001", team_id="T0001", user="choshu")
                if method.startswith("chat."):
                    answer.update(channel=body.get("channel"), ts=f"{time.time():.6f}")
                answer.update(fake.answers.get(method, {}))
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def of(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [body for name, body in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 8.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"no {method} after {timeout}s; calls: {[c[0] for c in self.calls]}")

    def settings(self) -> dict[str, str]:
        """The Slack settings of an app that talks to this fake (for ``office.settings_for``)."""
        return {"slack_bot_token": "xoxb-test", "slack_signing_secret": SECRET, "slack_api_url": self.url}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}
