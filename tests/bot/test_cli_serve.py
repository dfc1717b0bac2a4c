"""`choshu serve`'s start-up line names every registered chat surface and how it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The server itself is not started: uvicorn.run returns at once.
SERVE_WITHOUT_SERVING = "import uvicorn; uvicorn.run = lambda *a, **k: None; from bot.cli import main; main()"


def _serve(tmp_path: Path, **env: str) -> str:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("CHOSHU_", "SLACK_", "TEAMS_", "DATABASE_URL"))
    }
    environ.update(
        CHOSHU_HOME=str(tmp_path / "home"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'store.db'}",
        CHOSHU_WARM_UP="false",
        PYTHONPATH=str(ROOT),
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-c", SERVE_WITHOUT_SERVING, "serve", "--port", "8123"],
        cwd=tmp_path, env=environ, capture_output=True, text=True, timeout=120, check=True,
    )
    return done.stderr


def test_serve_says_which_surfaces_are_on(tmp_path: Path) -> None:
    line = _serve(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s" * 32)
    assert "http://127.0.0.1:8123/ で待ち受けます（Slack: http、Teams: off、LLM: off）" in line
