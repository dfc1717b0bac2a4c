"""No telemetry leaves the server: FastAPI's own OpenTelemetry stays off even when the process
has a tracer that exports (another library's, or the machine's auto-configuration)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy.engine import Engine

from tests.web.conftest import SECRET

# In a process of its own: a global tracer provider can be set once per process.
SCRIPT = textwrap.dedent(
    """
    import json, sys
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)

    from fastapi.testclient import TestClient
    from bot.web.app import create_app
    from store.settings import Settings

    url, home, secret = sys.argv[1:4]
    app = create_app(settings=Settings(
        _env_file=None, database_url=url, choshu_home=home, choshu_secret_key=secret, choshu_warm_up=False
    ))
    with TestClient(app) as client:
        statuses = [client.get(path).status_code for path in ("/login", "/cases/010014", "/healthz")]
    print(json.dumps({"statuses": statuses, "spans": [s.name for s in exporter.get_finished_spans()]}))
    """
)


def test_requests_leave_no_spans_with_a_tracer_that_exports(tiny_office: Engine, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tiny_office.url), str(tmp_path / "home"), SECRET],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["statuses"][0] == 200  # the requests were served
    assert out["spans"] == []
