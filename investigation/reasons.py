"""Reasons a staff member can check, from the features that drove each target's score.

Each reason is a fact of the case (「経過記録に記載」「勤務先の同僚に給与振込実績」…) that holds
for the pair. Their order is how much the model's score falls when that fact is taken away
(the features set to a neutral value), so the first reason is the one that drove the target.

The taxpayer's own attributes (age, kinds of income, household) have no neutral value: their
reference is the mean score of the same target for a fixed sample of the office's taxpayers
with their attributes swapped in. When they drive the score, the reason is the office's found
rate for the target among taxpayers of the same segment (age decade × salary × business
income), counted strictly before the date and leaving the taxpayer's own inquiries out.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from investigation.features import F, kind_signal_columns, rules_column
from investigation.office import KIND_CODE, N_SEGMENTS, Office, segment_of, segment_parts
from investigation.types import Reason

FAR_KM = 5.0
NEAR_KM = 1.0
MAX_REASONS = 3
# the segment's rate is shown only from this many earlier inquiries of the target
MIN_SEGMENT_N = 10
# ... and only when it finds the target this much more often than the office as a whole
MIN_SEGMENT_LIFT = 0.05
# taxpayers whose attributes are swapped in for the reference score (fixed sample)
REFERENCE_TAXPAYERS = 16
ATTRIBUTES = ("age", "household", "log_income_salary", "log_income_business", "log_income_pension",
              "log_income_real_estate")


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


def segment_rates(
    office: Office, case: np.ndarray, target: np.ndarray, X: np.ndarray, as_of: int
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """(segment code, who, earlier inquiries, found) of each row's target among taxpayers of
    the row's segment, strictly before ``as_of`` and without the taxpayer's own inquiries.

    The segment is age decade × salary × business income; where it has fewer than
    MIN_SEGMENT_N inquiries of the target, age decade × salary, then the age decade alone.
    ``who`` names the group ("salary", "none", …, "nosalary", "age": a ``reason.segment_*`` key).
    """
    seg = segment_of(X[:, F["age"]], np.expm1(X[:, F["log_income_salary"]]), np.expm1(X[:, F["log_income_business"]]))
    ok = seg >= 0
    n_t = office.n_targets
    tp = office.t.case_tp[np.asarray(case, dtype=np.int64)]
    dates = np.full(len(X), as_of, dtype=np.int64)
    band = np.where(ok, seg, 0) // 4 * 4
    counts = np.zeros((4, 2, len(X)), dtype=np.int64)  # variant (salary*2 + business), (n, found)
    for v in range(4):
        code = band + v
        n, f = office.segment.before(code * n_t + target, dates)
        own_n, own_f = office.own_segment.before((tp * N_SEGMENTS + code) * n_t + target, dates)
        counts[v] = np.where(ok, n - own_n, 0), np.where(ok, f - own_f, 0)
    mine = np.where(ok, seg, 0) % 4
    rows = np.arange(len(X))
    fine = counts[mine, :, rows].T
    sal = mine // 2
    by_salary = counts[2 * sal, :, rows].T + counts[2 * sal + 1, :, rows].T
    by_age = counts.sum(axis=0)
    level = np.where(fine[0] >= MIN_SEGMENT_N, 0, np.where(by_salary[0] >= MIN_SEGMENT_N, 1, 2))
    n_out = np.choose(level, [fine[0], by_salary[0], by_age[0]])
    f_out = np.choose(level, [fine[1], by_salary[1], by_age[1]])
    fine_who = ("none", "business", "salary", "both")
    who = [
        fine_who[m] if lv == 0 else ("salary" if m >= 2 else "nosalary") if lv == 1 else "age"
        for m, lv in zip(mine.tolist(), level.tolist(), strict=True)
    ]
    return seg, who, np.where(ok, n_out, 0), np.where(ok, f_out, 0)


def _reference_rows(office: Office, X: np.ndarray, as_of: int) -> np.ndarray:
    """Each row repeated REFERENCE_TAXPAYERS times with a sample taxpayer's attributes."""
    t = office.t
    n_tp = len(t.tp_birth)
    pick = np.random.default_rng(0).choice(n_tp, size=min(REFERENCE_TAXPAYERS, n_tp), replace=False)
    k = len(pick)
    V = np.repeat(X, k, axis=0)
    ref = {
        "age": (as_of - t.tp_birth[pick]) / 365.25,
        "household": t.tp_household[pick],
        "log_income_salary": np.log1p(np.clip(t.tp_income_salary[pick], 0, None)),
        "log_income_business": np.log1p(np.clip(t.tp_income_business[pick], 0, None)),
        "log_income_pension": np.log1p(np.clip(t.tp_income_pension[pick], 0, None)),
        "log_income_real_estate": np.log1p(np.clip(t.tp_income_real_estate[pick], 0, None)),
    }
    for name in ATTRIBUTES:
        V[:, F[name]] = np.tile(np.asarray(ref[name], dtype=float), len(X))
    kind_signal_columns(V)
    return V


def _segment_reason(code: int, who: str, n: int, found: int) -> Reason:
    decade, _salary, _business = segment_parts(code)
    return Reason(f"reason.segment_{who}", {"decade": decade, "pct": round(100 * found / max(n, 1)), "found": found, "n": n})


def explain(
    office: Office,
    target: np.ndarray,
    X: np.ndarray,
    score_raw: Callable[[np.ndarray], np.ndarray] | None,
    *,
    case: np.ndarray | None = None,
    as_of: int | None = None,
    score: np.ndarray | None = None,
) -> list[list[Reason]]:
    """Reasons of each row of X (the shown targets), strongest first, never empty.

    ``score_raw`` is the model's uncalibrated score; None (rule rankers) keeps the rule order.
    With ``case`` and ``as_of``, the taxpayer's segment can be a reason; ``score`` (the shown,
    calibrated probability) picks the closer of the office-wide and the segment's rate when no
    fact drove the target.
    """
    n = len(X)
    names = [*RULES, "segment"]
    kind = X[:, F["target_kind"]].astype(np.int64)
    applies = np.zeros((n, len(names)), dtype=bool)
    for j, name in enumerate(names[:-1]):
        with np.errstate(invalid="ignore"):
            applies[:, j] = RULES[name][0](X, kind)
    seg_j = len(names) - 1
    seg = seg_n = seg_f = np.full(n, -1, dtype=np.int64)
    who = [""] * n
    if case is not None and as_of is not None and n:
        seg, who, seg_n, seg_f = segment_rates(office, case, target, X, as_of)
        seg_rate = seg_f / np.maximum(seg_n, 1)
        # the fact must point the way of the score: the segment finds it clearly more often
        # than the office as a whole
        applies[:, seg_j] = (seg_n >= MIN_SEGMENT_N) & (seg_rate >= X[:, F["office_rate"]] + MIN_SEGMENT_LIFT)
    drop = np.zeros((n, len(names)))
    if score_raw is not None and applies.any():
        rows, cols = np.nonzero(applies)
        variants = X[rows].copy()
        for j, name in enumerate(names[:-1]):
            sel = cols == j
            if sel.any():
                part = variants[sel]
                RULES[name][1](part)
                variants[sel] = part
        rules_column(variants)  # the rules' score without the fact taken away
        base = score_raw(X)
        drop[rows, cols] = base[rows] - score_raw(variants)
        seg_rows = np.flatnonzero(applies[:, seg_j])
        if len(seg_rows):
            ref = score_raw(_reference_rows(office, X[seg_rows], int(as_of or 0)))
            drop[seg_rows, seg_j] = base[seg_rows] - ref.reshape(len(seg_rows), -1).mean(axis=1)
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
        reasons = [
            _segment_reason(int(seg[r]), who[r], int(seg_n[r]), int(seg_f[r]))
            if j == seg_j
            else RULES[names[j]][2](X[r], name, kind_name)
            for j in chosen[:MAX_REASONS]
        ]
        if not reasons:
            reasons = [_fallback(X[r], int(seg[r]), who[r], int(seg_n[r]), int(seg_f[r]),
                                 None if score is None else float(score[r]))]
        out.append(reasons)
    return out


def _fallback(x: np.ndarray, seg: int, who: str, seg_n: int, seg_f: int, score: float | None) -> Reason:
    """No fact drove the target: the office's rate for it, or the segment's when that is
    closer to the shown score (an office-wide 6 % never stands alone beside a 44 % score)."""
    office_rate = float(x[F["office_rate"]])
    office = Reason("reason.office_rate", {"pct": round(100 * office_rate)})
    if seg < 0 or seg_n < MIN_SEGMENT_N:
        return office
    seg_rate = seg_f / seg_n
    if score is None or abs(seg_rate - score) < abs(office_rate - score):
        return _segment_reason(seg, who, seg_n, seg_f)
    return office
