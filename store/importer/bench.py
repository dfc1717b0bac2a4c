"""`choshu bench import`: import a generated office into a fresh store and compare with a naive
importer (per-row ORM ``merge``/``add``, the usual first attempt) run in the same process on a
sample of the same rows, extrapolated to the whole office.

Goal (issue 2): 35,000 cases with ~100,000 investigation rows and ~60,000 notes in < 60 s.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, create_engine, select

from store.db import make_engine, safe_url
from store.errors import InvalidInput
from store.importer import check_directory, import_directory
from store.migrate import upgrade
from store.models import (
    Action,
    Area,
    Branch,
    Case,
    Employer,
    Institution,
    Investigation,
    Note,
    Staff,
    Taxpayer,
    WorkLog,
)

GOAL_SECONDS = 60.0
MODELS: dict[str, type[SQLModel]] = {
    "area": Area,
    "institution": Institution,
    "branch": Branch,
    "employer": Employer,
    "staff": Staff,
    "taxpayer": Taxpayer,
    "case": Case,
    "note": Note,
    "investigation": Investigation,
    "worklog": WorkLog,
    "action": Action,
}


@dataclass
class ImportBench:
    office: Path
    url: str
    rows: int
    seconds: float
    cpu_seconds: float
    baseline_rows: int
    baseline_seconds: float  # measured on the sample
    baseline_estimate: float  # extrapolated to every row of the office

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def baseline_rows_per_second(self) -> float:
        return self.baseline_rows / self.baseline_seconds if self.baseline_seconds else 0.0

    @property
    def speedup(self) -> float:
        return self.baseline_estimate / self.seconds if self.seconds else 0.0


def run_import_bench(
    *,
    office: Path,
    url: str | None = None,
    sample: int = 3000,
    say: Callable[..., Any] = lambda *a, **k: None,
    progress: Any = None,
) -> ImportBench:
    with tempfile.TemporaryDirectory(prefix="choshu-bench-import-") as tmp:
        target = url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(target)
        upgrade(engine)
        with Session(engine) as session:
            if session.exec(select(Case.case_id).limit(1)).first() is not None:
                raise InvalidInput("error.invalid_input", detail=f"{safe_url(target)} is not empty")
        say("bench.import.importing", url=safe_url(target))
        wall, cpu = time.perf_counter(), time.process_time()
        summary = import_directory(engine=engine, directory=office, progress=progress)
        seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
        engine.dispose()
        say("bench.import.baseline", sample=sample)
        base_rows, base_seconds, estimate = _naive_baseline(office, Path(tmp) / "naive.db", sample)
    return ImportBench(
        office=office,
        url=safe_url(target),
        rows=summary.rows,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        baseline_rows=base_rows,
        baseline_seconds=base_seconds,
        baseline_estimate=estimate,
    )


def _naive_baseline(office: Path, db: Path, sample: int) -> tuple[int, float, float]:
    """Per-row ORM import of a sample of every file (proportional to its size); returns
    (rows, seconds, seconds extrapolated to all rows). Parsing is not timed: only the store."""
    checked = check_directory(office)
    files = list(checked.files.values())
    total = sum(len(f.rows) for f in files) or 1
    engine = create_engine(f"sqlite:///{db}")  # no foreign keys: sample rows need not be complete
    SQLModel.metadata.create_all(engine)
    rows_done, seconds, estimate = 0, 0.0, 0.0
    with Session(engine) as session:
        for parsed in files:
            model = MODELS[parsed.spec.table]
            n = max(1, round(sample * len(parsed.rows) / total))
            rows = parsed.rows[:n]
            started = time.perf_counter()
            for row in rows:
                if parsed.spec.key is None:
                    hashed: Any = model.row_hash  # type: ignore[attr-defined]
                    if session.exec(select(model).where(hashed == row["row_hash"])).first() is None:
                        session.add(model(**row))
                        session.flush()
                else:
                    session.merge(model(**row))
                    session.flush()
            session.commit()
            took = time.perf_counter() - started
            rows_done += len(rows)
            seconds += took
            estimate += took / max(len(rows), 1) * len(parsed.rows)
    engine.dispose()
    return rows_done, seconds, estimate
