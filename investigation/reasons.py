"""Reasons a staff member can check, from the features that drove each target's score.

Each reason is a fact of the case (「経過記録に記載」「勤務先の同僚に給与振込実績」…) that holds
for the pair. Their order is how much the model's score falls when that fact is taken away
(the features set to a neutral value), so the first reason is the one that drove the target.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from investigation.features import F
from investigation.office import KIND_CODE, Office
from investigation.types import Reason

FAR_KM = 5.0
NEAR_KM = 1.0
MAX_REASONS = 3


def _km(x: float) -> str:
    return f"{x:.1f}"


# name → (rows it applies to, neutralise those rows in place, the reason of one row)
Rule = tuple[
    Callable[[np.ndarray, np.ndarray], np.ndarray],
    Callable[[np.ndarray], None],
    Callable[[np.ndarray, str, str], Reason],
]


def _neutral_counts(prefix: str) -> Callable[[np.ndarray], None]:
    def go(x: np.ndarray) -> None:
        x[:, F[f"{prefix}_n"]] = 0
        x[:, F[f"{prefix}_found"]] = 0
        x[:, F[f"{prefix}_rate"]] = x[:, F["office_rate"]]
        x[:, F[f"{prefix}_share"]] = np.nan

    return go


def _set(**values: float) -> Callable[[np.ndarray], None]:
    def go(x: np.ndarray) -> None:
        for k, v in values.items():
            x[:, F[k]] = v

    return go


def _col(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, F[name]]


SALARY, PENSION = KIND_CODE["salary"], KIND_CODE["pension"]
RULES: dict[str, Rule] = {
    "notes": (
        lambda X, k: _col(X, "note_mentions") > 0,
        _set(note_mentions=0),
        lambda x, name, kind: Reason("reason.notes_mention", {"name": name}),
    ),
    "kind_notes": (
        lambda X, k: (_col(X, "note_mentions") == 0) & (_col(X, "note_kind_mentions") > 0),
        _set(note_kind_mentions=0),
        lambda x, name, kind: Reason(f"reason.notes_{kind}"),
    ),
    "employer": (
        lambda X, k: k == SALARY,
        _set(has_employer=0, coworkers_n=0, coworkers_found=0),
        lambda x, name, kind: Reason("reason.current_employer", {"name": name}),
    ),
    "coworkers": (
        lambda X, k: _col(X, "coworkers_found") > 0,
        _neutral_counts("coworkers"),
        lambda x, name, kind: Reason(
            "reason.coworkers_salary" if kind == "salary" else "reason.coworkers_bank",
            {"name": name, "count": int(x[F["coworkers_found"]])},
        ),
    ),
    "neighbours": (
        lambda X, k: (_col(X, "neighbours_found") > 0) & (k != SALARY),
        _neutral_counts("neighbours"),
        lambda x, name, kind: Reason("reason.neighbours", {"name": name, "count": int(x[F["neighbours_found"]])}),
    ),
    "near_home": (
        lambda X, k: _col(X, "km_home") <= NEAR_KM,
        _set(km_home=FAR_KM),
        lambda x, name, kind: Reason("reason.near_home", {"name": name, "km": _km(x[F["km_home"]])}),
    ),
    "near_work": (
        lambda X, k: _col(X, "km_work") <= NEAR_KM,
        _set(km_work=FAR_KM),
        lambda x, name, kind: Reason("reason.near_work", {"name": name, "km": _km(x[F["km_work"]])}),
    ),
    "own": (
        lambda X, k: _col(X, "own_found_decayed") > 0,
        _set(own_found_decayed=0, own_not_found_decayed=0, own_n=0),
        lambda x, name, kind: Reason("reason.own_history", {"name": name}),
    ),
    "pension": (
        lambda X, k: (k == PENSION) & ((_col(X, "age") >= 60) | (_col(X, "log_income_pension") > 0)),
        _set(age=40, log_income_pension=0, kind_signal=0, kind_signal_log=0, kind_and_signal=PENSION * 3),
        lambda x, name, kind: (
            Reason("reason.pension_income")
            if x[F["log_income_pension"]] > 0
            else Reason("reason.pension_age", {"age": int(x[F["age"]])})
        ),
    ),
    "fixed_asset": (
        lambda X, k: (k == KIND_CODE["real_estate"]) & (_col(X, "fixed_asset_tax") == 1),
        _set(fixed_asset_tax=0, kind_signal=0, kind_and_signal=KIND_CODE["real_estate"] * 3),
        lambda x, name, kind: Reason("reason.fixed_asset_tax"),
    ),
    "light_vehicle": (
        lambda X, k: (k == KIND_CODE["vehicle"]) & (_col(X, "light_vehicle_tax") == 1),
        _set(light_vehicle_tax=0, kind_signal=0, kind_and_signal=KIND_CODE["vehicle"] * 3),
        lambda x, name, kind: Reason("reason.light_vehicle_tax"),
    ),
    "business": (
        lambda X, k: (k == KIND_CODE["receivable"]) & (_col(X, "log_income_business") > 0),
        _set(log_income_business=0, kind_signal=0, kind_signal_log=0, kind_and_signal=KIND_CODE["receivable"] * 3),
        lambda x, name, kind: Reason("reason.business_income"),
    ),
    "salary_income": (
        lambda X, k: (k == SALARY) & (_col(X, "log_income_salary") > 0),
        _set(log_income_salary=0, kind_signal=0, kind_signal_log=0, kind_and_signal=SALARY * 3),
        lambda x, name, kind: Reason("reason.salary_income"),
    ),
}


def explain(
    office: Office,
    target: np.ndarray,
    X: np.ndarray,
    score_raw: Callable[[np.ndarray], np.ndarray] | None,
) -> list[list[Reason]]:
    """Reasons of each row of X (the shown targets), strongest first, never empty.

    ``score_raw`` is the model's uncalibrated score; None (rule rankers) keeps the rule order.
    """
    n = len(X)
    names = list(RULES)
    kind = X[:, F["target_kind"]].astype(np.int64)
    applies = np.zeros((n, len(names)), dtype=bool)
    for j, name in enumerate(names):
        with np.errstate(invalid="ignore"):
            applies[:, j] = RULES[name][0](X, kind)
    drop = np.zeros((n, len(names)))
    if score_raw is not None and applies.any():
        rows, cols = np.nonzero(applies)
        variants = X[rows].copy()
        for j, name in enumerate(names):
            sel = cols == j
            if sel.any():
                part = variants[sel]
                RULES[name][1](part)
                variants[sel] = part
        base = score_raw(X)
        drop[rows, cols] = base[rows] - score_raw(variants)
    # strongest first; without a model, the rules' own order
    order = np.argsort(-drop, axis=1, kind="stable")
    employer = names.index("employer")
    out: list[list[Reason]] = []
    for r in range(n):
        tg = int(target[r])
        name = office.target_name[tg]
        kind_name = office.target_kind_name[tg]
        chosen = [j for j in order[r] if applies[r, j]]
        if score_raw is not None and chosen:
            strong = [j for j in chosen if drop[r, j] > 0]
            chosen = strong or chosen[:1]
        if applies[r, employer]:  # salary: the employer on record is the fact to check first
            chosen = [employer] + [j for j in chosen if j != employer]
        reasons = [RULES[names[j]][2](X[r], name, kind_name) for j in chosen[:MAX_REASONS]]
        if not reasons:
            reasons = [Reason("reason.office_rate", {"pct": round(100 * float(X[r, F["office_rate"]]))})]
        out.append(reasons)
    return out
