"""Group cases into classes (difficulty × expected-hours bin) so the optimiser counts, not picks.

A per-case model (one variable per case and staff member) does not converge at office scale on
two cores; the class problem has one integer count per (class, staff member) and solves in
seconds. Bins are quantiles of effort within each difficulty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CaseClasses:
    class_of: np.ndarray  # (n_cases,) int class index, per case of the sub-problem
    difficulty: np.ndarray  # (n_classes,) int
    count: np.ndarray  # (n_classes,) int
    mean_effort: np.ndarray  # (n_classes,) float
    min_effort: np.ndarray  # (n_classes,) float

    @property
    def n_classes(self) -> int:
        return int(self.count.shape[0])


def make_classes(effort: np.ndarray, difficulty: np.ndarray, *, bins_per_difficulty: int) -> CaseClasses:
    """Quantile bins of ``effort`` within each difficulty; classes are never empty."""
    n = effort.shape[0]
    class_of = np.full(n, -1, dtype=int)
    diffs: list[int] = []
    next_class = 0
    for d in np.unique(difficulty):
        idx = np.flatnonzero(difficulty == d)
        order = idx[np.argsort(effort[idx], kind="stable")]
        k = max(1, min(bins_per_difficulty, order.shape[0]))
        # rank-based bins: equal counts, ties may straddle a boundary (harmless)
        bin_of_rank = (np.arange(order.shape[0]) * k) // order.shape[0]
        class_of[order] = next_class + bin_of_rank
        diffs.extend([int(d)] * k)
        next_class += k
    count = np.bincount(class_of, minlength=next_class)
    total = np.bincount(class_of, weights=effort, minlength=next_class)
    min_effort = np.full(next_class, np.inf)
    np.minimum.at(min_effort, class_of, effort)
    return CaseClasses(
        class_of=class_of,
        difficulty=np.asarray(diffs, dtype=int),
        count=count.astype(int),
        mean_effort=total / np.maximum(count, 1),
        min_effort=min_effort,
    )
