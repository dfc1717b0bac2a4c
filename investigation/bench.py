"""`choshu bench recommend`: speed on a generated office, beside baselines run in the same
process (the popularity ranking over the same candidates, and loading the office alone).

Goals: one recommendation p95 < 50 ms with the model loaded; all open cases of a 35,000-case
office < 60 s; training on ~100,000 investigation rows < 2 min.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sqlmodel import Session

from investigation import engine, model, service
from investigation.candidates import candidates
from investigation.evaluate import popularity_scores
from investigation.features import pair_features
from store.db import make_engine
from store.importer import import_directory
from store.migrate import upgrade


def _row(what: str, value: str, goal: str) -> dict[str, str]:
    return {"what": what, "value": value, "goal": goal}


def run_bench(
    *,
    office_dir: Path,
    seed: int,
    work_dir: Path,
    samples: int = 200,
    progress: Callable[[str], Any] | None = None,
) -> Iterator[dict[str, str]]:
    """Rows of the benchmark on the generated office in ``office_dir`` (its caller generates it:
    the generator is not the engine's), imported once into an SQLite file under ``work_dir``."""
    say = progress or (lambda _msg: None)
    work_dir.mkdir(parents=True, exist_ok=True)
    db = work_dir / f"{office_dir.name}.db"
    eng = make_engine(f"sqlite:///{db}")
    if not db.exists():
        say(f"importing {office_dir} into {db} …")
        upgrade(eng)
        import_directory(engine=eng, directory=office_dir)
    model_dir = work_dir / "models"
    try:
        with Session(eng) as session:
            t0 = time.perf_counter()
            office = service.office_of(session=session)
            t_load = time.perf_counter() - t0
            yield _row("office load + prepare", f"{t_load:.2f} s ({len(office.t.case_ids):,} cases, "
                       f"{len(office.ev_date):,} investigations, {len(office.t.note_text):,} notes)", "—")

            t0 = time.perf_counter()
            ts = engine.training_set(office)
            fitted = model.fit(ts.X, ts.y, ts.dates, cases=ts.cases, weight=ts.weight, real=ts.real, group=ts.group)
            model.save(fitted, model_dir)
            t_train = time.perf_counter() - t0
            real = len(ts.y) if ts.real is None else int(ts.real.sum())
            yield _row("train", f"{t_train:.1f} s on {real:,} investigation rows (+{len(ts.y) - real:,} weak "
                       f"negatives; holdout AUC {fitted.card.holdout_auc or 0:.3f})", "< 120 s on 100,000 rows")

            open_ids = service.open_case_ids(session=session)
            as_of = service.as_of_date(office)
            positions = [office.t.case_index[c] for c in open_ids]

            t0 = time.perf_counter()
            cand = candidates(office, positions, as_of)
            X = pair_features(office, cand.case, cand.target, np.full(len(cand.case), as_of))
            pop = popularity_scores(office, as_of)(cand.case, cand.target, X)
            engine.group_best_first(cand.case, np.asarray(pop, float), cand.target)
            t_pop = time.perf_counter() - t0

            t0 = time.perf_counter()
            recs = service.recommend_cases(session=session, case_ids=open_ids, model_dir=model_dir)
            t_all = time.perf_counter() - t0
            yield _row(
                "all open cases",
                f"{t_all:.1f} s for {len(recs):,} cases ({1000 * t_all / max(len(recs), 1):.2f} ms/case); "
                f"popularity baseline over the same candidates {t_pop:.1f} s (×{t_all / max(t_pop, 1e-9):.1f}); "
                f"office load beforehand {t_load:.1f} s",
                "< 60 s for 35,000 cases",
            )

            rng = np.random.default_rng(seed)
            pick = rng.choice(len(open_ids), size=min(samples, len(open_ids)), replace=False)
            times = []
            for i in pick:
                t0 = time.perf_counter()
                service.recommend_case(session=session, case_id=open_ids[int(i)], model_dir=model_dir)
                times.append(time.perf_counter() - t0)
            ms = np.array(times) * 1000
            yield _row(
                "one recommendation",
                f"p50 {np.percentile(ms, 50):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms over {len(ms)} cases "
                f"(model and office loaded; includes the store's change check)",
                "p95 < 50 ms",
            )
    finally:
        eng.dispose()
