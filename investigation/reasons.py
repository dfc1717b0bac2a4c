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


# name → (applies to the row?, neutralise the row's features in place, the reason)
Rule = tuple[
    Callable[[np.ndarray, int], bool],
    Callable[[np.ndarray], None],
    Callable[[np.ndarray, str, str], Reason],
]


def _neutral_counts(prefix: str) -> Callable[[np.ndarray], None]:
    def go(x: np.ndarray) -> None:
        x[F[f"{prefix}_n"]] = 0
        x[F[f"{prefix}_found"]] = 0
        x[F[f"{prefix}_rate"]] = x[F["office_rate"]]
        x[F[f"{prefix}_share"]] = np.nan

    return go


def _set(**values: float) -> Callable[[np.ndarray], None]:
    def go(x: np.ndarray) -> None:
        for k, v in values.items():
            x[F[k]] = v

    return go


RULES: dict[str, Rule] = {
    "notes": (
        lambda x, k: x[F["note_mentions"]] > 0,
        _set(note_mentions=0),
        lambda x, name, kind: Reason("reason.notes_mention", {"name": name}),
    ),
    "kind_notes": (
        lambda x, k: x[F["note_mentions"]] == 0 and x[F["note_kind_mentions"]] > 0,
        _set(note_kind_mentions=0),
        lambda x, name, kind: Reason(f"reason.notes_{kind}"),
    ),
    "employer": (
        lambda x, k: k == KIND_CODE["salary"],
        _set(has_employer=0, coworkers_n=0, coworkers_found=0),
        lambda x, name, kind: Reason("reason.current_employer", {"name": name}),
    ),
    "coworkers": (
        lambda x, k: x[F["coworkers_found"]] > 0,
        _neutral_counts("coworkers"),
        lambda x, name, kind: Reason(
            "reason.coworkers_salary" if kind == "salary" else "reason.coworkers_bank",
            {"name": name, "count": int(x[F["coworkers_found"]])},
        ),
    ),
    "neighbours": (
        lambda x, k: x[F["neighbours_found"]] > 0 and k != KIND_CODE["salary"],
        _neutral_counts("neighbours"),
        lambda x, name, kind: Reason(
            "reason.neighbours", {"name": name, "count": int(x[F["neighbours_found"]])}
        ),
    ),
    "near_home": (
        lambda x, k: x[F["km_home"]] <= NEAR_KM,
        _set(km_home=FAR_KM),
        lambda x, name, kind: Reason("reason.near_home", {"name": name, "km": _km(x[F["km_home"]])}),
    ),
    "near_work": (
        lambda x, k: x[F["km_work"]] <= NEAR_KM,
        _set(km_work=FAR_KM),
        lambda x, name, kind: Reason("reason.near_work", {"name": name, "km": _km(x[F["km_work"]])}),
    ),
    "own": (
        lambda x, k: x[F["own_found_decayed"]] > 0,
        _set(own_found_decayed=0, own_not_found_decayed=0, own_n=0),
        lambda x, name, kind: Reason("reason.own_history", {"name": name}),
    ),
    "pension": (
        lambda x, k: k == KIND_CODE["pension"] and (x[F["age"]] >= 60 or x[F["log_income_pension"]] > 0),
        _set(age=40, log_income_pension=0),
        lambda x, name, kind: (
            Reason("reason.pension_income")
            if x[F["log_income_pension"]] > 0
            else Reason("reason.pension_age", {"age": int(x[F["age"]])})
        ),
    ),
    "fixed_asset": (
        lambda x, k: k == KIND_CODE["real_estate"] and x[F["fixed_asset_tax"]] == 1,
        _set(fixed_asset_tax=0),
        lambda x, name, kind: Reason("reason.fixed_asset_tax"),
    ),
    "light_vehicle": (
        lambda x, k: k == KIND_CODE["vehicle"] and x[F["light_vehicle_tax"]] == 1,
        _set(light_vehicle_tax=0),
        lambda x, name, kind: Reason("reason.light_vehicle_tax"),
    ),
    "business": (
        lambda x, k: k == KIND_CODE["receivable"] and x[F["log_income_business"]] > 0,
        _set(log_income_business=0),
        lambda x, name, kind: Reason("reason.business_income"),
    ),
    "salary_income": (
        lambda x, k: k == KIND_CODE["salary"] and x[F["log_income_salary"]] > 0,
        _set(log_income_salary=0),
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
    applies: list[list[str]] = []
    variants: list[np.ndarray] = []
    owner: list[tuple[int, str]] = []
    for r in range(len(X)):
        k = int(X[r, F["target_kind"]])
        names = [n for n, (ok, _, _) in RULES.items() if ok(X[r], k)]
        applies.append(names)
        for n in names:
            v = X[r].copy()
            RULES[n][1](v)
            variants.append(v)
            owner.append((r, n))
    drop: dict[tuple[int, str], float] = {}
    if score_raw is not None and variants:
        base = score_raw(X)
        alt = score_raw(np.vstack(variants))
        for (r, n), a in zip(owner, alt, strict=True):
            drop[(r, n)] = float(base[r] - a)
    out: list[list[Reason]] = []
    for r in range(len(X)):
        tg = int(target[r])
        name = office.target_name[tg]
        kind = office.target_kind_name[tg]
        names = applies[r]
        if drop:
            names = sorted(names, key=lambda n, r=r: -drop[(r, n)])
            strong = [n for n in names if drop[(r, n)] > 0]
            names = strong or names[:1]
        if "employer" in applies[r]:  # salary: the employer on record is the fact to check first
            names = ["employer"] + [n for n in names if n != "employer"]
        reasons = [RULES[n][2](X[r], name, kind) for n in names[:MAX_REASONS]]
        if not reasons:
            reasons = [
                Reason("reason.office_rate", {"pct": round(100 * X[r, F["office_rate"]])})
            ]
        out.append(reasons)
    return out
