"""The messages package: one catalogue merged from concept modules, importing nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tools.messages import merge

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str, messages: dict[str, dict[str, str]]) -> ModuleType:
    module = ModuleType(name)
    module.MESSAGES = messages  # type: ignore[attr-defined]
    return module


def test_a_key_defined_in_two_modules_fails_at_import() -> None:
    a = _module("tools.messages.a", {"chat.x": {"ja": "一"}})
    b = _module("tools.messages.b", {"chat.x": {"ja": "二"}})
    assert merge((a,)) == {"chat.x": {"ja": "一"}}
    with pytest.raises(RuntimeError, match=r"'chat\.x' is defined twice \(again in tools\.messages\.b\)"):
        merge((a, b))


def test_importing_the_messages_imports_nothing_else_of_the_project() -> None:
    code = (
        "import json, sys, tools.messages\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'bot', 'tools', 'store', 'investigation', 'matching', 'retrieval'})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    loaded = json.loads(out)
    assert loaded and [m for m in loaded if m != "tools" and not m.startswith("tools.messages")] == []
