"""Every chat message key the tools and surfaces use exists, in Japanese and English."""

from __future__ import annotations

import re
from pathlib import Path

from store.models import CASE_STATUSES, INVESTIGATION_RESULTS, TARGET_KINDS
from tools.messages import MESSAGES
from tools.registry import tools

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    *sorted((ROOT / "tools").glob("*.py")),
    *sorted((ROOT / "bot" / "chat").glob("*.py")),
    *sorted((ROOT / "bot" / "slack").glob("*.py")),
    *sorted((ROOT / "bot" / "teams").glob("*.py")),
    *sorted((ROOT / "bot" / "webchat").glob("*.py")),
    ROOT / "bot" / "agent.py",
    ROOT / "bot" / "cli" / "chat.py",
]
KEY = re.compile(r'"(chat\.[a-z_.]+)"')


def test_every_literal_chat_key_exists_in_both_languages() -> None:
    used = {k for f in FILES for k in KEY.findall(f.read_text(encoding="utf-8")) if not k.endswith(".") and k != "chat.html"}
    assert used
    assert sorted(k for k in used if k not in MESSAGES) == []
    assert sorted(k for k in used if "en" not in MESSAGES[k]) == []


def test_every_composed_chat_key_exists() -> None:
    composed = [
        *(f"chat.tool.{name}" for name in tools()),
        *(f"chat.kind.{kind}" for kind in TARGET_KINDS),
        *(f"chat.status.{status}" for status in CASE_STATUSES),
        *(f"chat.result.{result}" for result in INVESTIGATION_RESULTS),
        *(f"chat.ask.{ask}" for ask in ("intent", "case_id", "which_case", "to_staff", "result")),
    ]
    assert [k for k in composed if k not in MESSAGES] == []
