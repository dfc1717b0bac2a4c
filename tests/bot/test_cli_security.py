"""Production refuses to start on unsafe settings, with a one-line reason; `choshu doctor`
reports the same problems (and exits non-zero)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _choshu(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("CHOSHU_", "SLACK_", "TEAMS_", "DATABASE_URL"))
    }
    environ.update(
        CHOSHU_HOME=str(tmp_path / "home"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'store.db'}",
        PYTHONPATH=str(ROOT),
        COLUMNS="300",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        cwd=tmp_path,  # no .env of the project
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_with_a_short_secret_refuses_to_serve_with_one_line(tmp_path: Path) -> None:
    r = _choshu(
        tmp_path, "serve", "--port", "0",
        CHOSHU_ENV="production", CHOSHU_SECRET_KEY="abc", CHOSHU_DEMO_LOGIN="false",
        CHOSHU_AUDIT_KEY="a" * 40,
    )
    assert r.returncode != 0
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, r.stderr
    assert "CHOSHU_SECRET_KEY" in lines[0] and "Traceback" not in r.stderr


def test_production_refuses_demo_login_and_an_unsigned_slack(tmp_path: Path) -> None:
    r = _choshu(
        tmp_path, "serve", "--port", "0",
        CHOSHU_ENV="production", CHOSHU_SECRET_KEY="s" * 40, CHOSHU_AUDIT_KEY="a" * 40,
        SLACK_BOT_TOKEN="xoxb-1",
    )
    assert r.returncode != 0
    [line] = [x for x in r.stderr.splitlines() if x.strip()]
    assert "CHOSHU_DEMO_LOGIN" in line and "1件" in line


def test_doctor_reports_the_same_problems(tmp_path: Path) -> None:
    _choshu(tmp_path, "db", "upgrade")
    r = _choshu(
        tmp_path, "doctor",
        CHOSHU_ENV="production", CHOSHU_SECRET_KEY="abc", CHOSHU_AUDIT_KEY="a" * 40,
    )
    assert r.returncode != 0
    assert "CHOSHU_SECRET_KEY" in r.stdout and "CHOSHU_DEMO_LOGIN" in r.stdout
    ok = _choshu(tmp_path, "doctor")  # development: no problem, the chain is intact
    assert "監査ログのチェーン" in ok.stdout and "正常" in ok.stdout
