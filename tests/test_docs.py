"""Docs that cannot go stale: every CLI command and every chat tool is in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from bot.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths(group: typer.Typer, prefix: str = "choshu") -> list[str]:
    click_group = typer.main.get_command(group)
    paths: list[str] = []

    def walk(cmd, path: str) -> None:  # type: ignore[no-untyped-def]
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, f"{path} {name}")
        else:
            paths.append(path)

    walk(click_group, prefix)
    return paths


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [p for p in _command_paths(app) if not _documented(p)]
    assert missing == [], f"commands missing from README.md: {missing}"


def _documented(path: str) -> bool:
    """`choshu x y` appears, or a row like `choshu evaluate a\\|b\\|c` names the leaf."""
    if f"`{path}`" in README or f"`{path} " in README:
        return True
    group, leaf = path.rsplit(" ", 1)
    for line in README.splitlines():
        start = line.find(f"`{group} ")
        if start >= 0:
            listed = line[start + len(group) + 2 :].split("`", 1)[0]
            if leaf in listed.replace("\\|", "|").split("|"):
                return True
    return False


def test_readme_states_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_every_chat_tool_is_in_the_readme() -> None:
    from tools.registry import tools

    names = set(tools())
    assert len(names) == 12  # the contract's eight, apply_plan (「確定」), worklist, exempt_amount, undo_result
    missing = sorted(n for n in names if f"| `{n}` |" not in README)
    assert missing == [], f"tools missing from README.md: {missing}"
