"""Docs that cannot go stale: every registered chat tool is in the data contract's tool table."""

from __future__ import annotations

from pathlib import Path

from tools.registry import tools

CONTRACT = (Path(__file__).resolve().parents[2] / "docs" / "data-contract.md").read_text(encoding="utf-8")


def test_every_registered_tool_is_documented() -> None:
    missing = [name for name in tools() if f"| `{name}` |" not in CONTRACT]
    assert missing == []
