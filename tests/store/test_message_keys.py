"""Every message key the store, importer and data CLI use exists in tools/messages.py."""

from __future__ import annotations

import re
from pathlib import Path

from tools.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    *sorted((ROOT / "store" / "importer").glob("*.py")),
    ROOT / "store" / "crud.py",
    ROOT / "store" / "checks.py",
    ROOT / "investigation" / "checks.py",
    ROOT / "retrieval" / "checks.py",
    ROOT / "bot" / "agent_checks.py",
    *sorted(ROOT.glob("bot/*/surface.py")),
    ROOT / "bot" / "cli" / "data.py",
    ROOT / "bot" / "cli" / "doctor.py",
]
KEY = re.compile(r'"((?:import|store|doctor|bootstrap|bench|db)\.[a-z_.]+)"')
DYNAMIC = {
    "doctor.col_": ("check", "status", "detail"),
    "doctor.status.": ("ok", "missing", "error", "info"),
    "import.col_": ("file", "encoding", "rows", "inserted", "updated", "unchanged", "duplicates"),
    "bench.col_": ("what", "value", "goal"),
}


def test_every_literal_key_exists() -> None:
    used = {k for f in FILES for k in KEY.findall(f.read_text(encoding="utf-8"))}
    assert used, "no keys found: the pattern is wrong"
    assert sorted(k for k in used if k not in MESSAGES and not k.endswith(".")) == []


def test_every_composed_key_exists() -> None:
    missing = [p + s for p, suffixes in DYNAMIC.items() for s in suffixes if p + s not in MESSAGES]
    assert missing == []
