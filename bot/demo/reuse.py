"""A generated office kept for the benchmarks (``choshu bench import``): generated once per size
and seed under a work directory, reused after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.demo.office import generate_office


def office_dir(work_dir: Path, cases: int, seed: int) -> Path:
    return work_dir / f"office-{cases}-s{seed}"


def ensure_office(
    *, work_dir: Path, cases: int, seed: int, say: Callable[[str, Path], Any]
) -> Path:
    """The generated office of that size and seed under ``work_dir`` (generated once)."""
    out = office_dir(work_dir, cases, seed)
    if (out / "cases.csv").is_file() and (out / "truth" / "generator.json").is_file():
        say("bench.import.reusing", out)
        return out
    say("bench.import.generating", out)
    return Path(generate_office(out_dir=out, cases=cases, seed=seed))
