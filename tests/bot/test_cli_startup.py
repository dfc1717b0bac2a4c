"""Every ``choshu`` command starts without the heavy engines: they are imported inside the
commands that use them, so ``choshu --help`` and the quick commands stay quick."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("chromadb", "bm25s", "sklearn", "ortools", "langchain", "langchain_core", "alembic", "sudachipy")


def test_loading_the_command_line_imports_no_heavy_engine() -> None:
    code = (
        "import sys, bot.cli\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
