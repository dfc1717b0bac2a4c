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

import datetime as dt
from collections.abc import Callable

import numpy as np

from investigation.features import F, kind_signal_columns, rules_column
from investigation.geo import nearest_branch
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
    # the branch to send the 照会 to is named by ``_name_branch`` (it needs the case's places)
    "near_home": (
        lambda X, k: _col(X, "km_home") <= NEAR_KM,
        _set(km_home=FAR_KM),
        lambda x, name, kind: Reason("reason.near_home", {"name": name, "branch": name, "km": _km(x[F["km_home"]])}),
    ),
    "near_work": (
        lambda X, k: _col(X, "km_work") <= NEAR_KM,
        _set(km_work=FAR_KM),
        lambda x, name, kind: Reason("reason.near_work", {"name": name, "branch": name, "km": _km(x[F["km_work"]])}),
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


# Facts that lower a target's score: (rows it applies to, neutralise them in place, the
# reason of one row). A reason quoting a rate above the shown probability is followed by the
# ones that do lower it (the score rises when the fact is taken away), so the two agree.
Lowering = tuple[
    Callable[[np.ndarray, np.ndarray], np.ndarray],
    Callable[[np.ndarray], None],
    Callable[[np.ndarray, int], Reason],
]
LOWERING: dict[str, Lowering] = {
    "own_not_found": (
        lambda X, k: (_col(X, "own_n") > 0) & (_col(X, "own_found_decayed") == 0),
        _set(own_not_found_decayed=0, own_n=0),
        lambda x, pct: Reason("reason.lower_own_not_found", {"score": pct}),
    ),
    "employer_left": (
        lambda X, k: (k == SALARY) & (_col(X, "employer_left") == 1),
        _set(employer_left=0),
        lambda x, pct: Reason("reason.lower_employer_left", {"score": pct}),
    ),
    "neighbours": (
        lambda X, k: (_col(X, "neighbours_n") > 0) & (_col(X, "neighbours_found") == 0),
        _neutral_counts("neighbours"),
        lambda x, pct: Reason("reason.lower_neighbours", {"score": pct, "n": int(x[F["neighbours_n"]])}),
    ),
    "coworkers": (
        lambda X, k: (_col(X, "coworkers_n") > 0) & (_col(X, "coworkers_found") == 0),
        _neutral_counts("coworkers"),
        lambda x, pct: Reason("reason.lower_coworkers", {"score": pct, "n": int(x[F["coworkers_n"]])}),
    ),
    "far": (
        lambda X, k: (k == KIND_CODE["deposit"])
        & ~(np.nan_to_num(_col(X, "km_home"), nan=np.inf) <= NEAR_KM)
        & ~(np.nan_to_num(_col(X, "km_work"), nan=np.inf) <= NEAR_KM),
        _set(km_home=NEAR_KM / 2),
        lambda x, pct: (
            Reason("reason.lower_no_branch", {"score": pct})
            if np.isnan(x[F["km_home"]])
            else Reason("reason.lower_far", {"score": pct, "km": _km(x[F["km_home"]]), "near": f"{NEAR_KM:g}"})
        ),
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
    base: np.ndarray | None = None
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
        seg_rows = np.flatnonzero(applies[:, seg_j])
        references = _reference_rows(office, X[seg_rows], int(as_of or 0)) if len(seg_rows) else X[:0]
        # One call of the model for the shown rows, their variants and the segment's reference
        # rows (a call costs ~1.5 ms whatever its size; each row's score is its own).
        scored = score_raw(np.concatenate([X, variants, references]))
        base, without, ref = np.split(scored, [n, n + len(variants)])
        drop[rows, cols] = base[rows] - without
        if len(seg_rows):
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
        if case is not None:
            reasons = _one_per_branch([_name_branch(office, reason, int(case[r]), tg) for reason in reasons])
            if kind_name == "receivable":
                reasons = _partner(office, int(case[r]), as_of) + reasons
        out.append(reasons)
    if score is not None:
        _explain_lower_scores(out, X, score, score_raw, base)
    return out


def _quoted_rate(reason: Reason) -> int | None:
    """The percentage a reason quotes (the office's or the segment's found rate), else None."""
    return int(reason.params["pct"]) if "pct" in reason.params else None


def _explain_lower_scores(
    out: list[list[Reason]],
    X: np.ndarray,
    score: np.ndarray,
    score_raw: Callable[[np.ndarray], np.ndarray] | None,
    base: np.ndarray | None = None,
) -> None:
    """After a rate above the shown probability, say what lowers it (in place). ``base``: the
    model's score of X when already known.

    The lowering facts are those that apply and whose removal raises the model's score
    (without a model: those that apply); when none is found, the reason says that the case's
    other facts, taken together, give the lower figure."""
    shown = np.round(100 * np.asarray(score, dtype=float)).astype(int)
    rows = [r for r, reasons in enumerate(out)
            if any((q := _quoted_rate(x)) is not None and q > shown[r] for x in reasons)]
    if not rows:
        return
    Xr = X[rows]
    kind = Xr[:, F["target_kind"]].astype(np.int64)
    names = list(LOWERING)
    applies = np.zeros((len(rows), len(names)), dtype=bool)
    for j, name in enumerate(names):
        with np.errstate(invalid="ignore"):
            applies[:, j] = LOWERING[name][0](Xr, kind)
    rise = applies.astype(float)
    if score_raw is not None and applies.any():
        ri, cols = np.nonzero(applies)
        variants = Xr[ri].copy()
        for j, name in enumerate(names):
            sel = cols == j
            if sel.any():
                part = variants[sel]
                LOWERING[name][1](part)
                variants[sel] = part
        rules_column(variants)
        rise = np.zeros(applies.shape)
        if base is None:
            scored = score_raw(np.concatenate([variants, Xr]))
            without, before = scored[: len(variants)], scored[len(variants):]
        else:
            without, before = score_raw(variants), base[rows]
        rise[ri, cols] = without - before[ri]
    for i, r in enumerate(rows):
        pct = int(shown[r])
        why = [LOWERING[names[j]][2](Xr[i], pct) for j in np.argsort(-rise[i], kind="stable")
               if applies[i, j] and rise[i, j] > 0][:1]
        why = why or [Reason("reason.lower_other", {"score": pct})]
        at = next(k for k, x in enumerate(out[r]) if (q := _quoted_rate(x)) is not None and q > pct)
        out[r][at + 1:at + 1] = why


def _name_branch(office: Office, reason: Reason, case: int, target: int) -> Reason:
    """A near-home / near-work reason names the branch the 照会 goes to."""
    if reason.key not in ("reason.near_home", "reason.near_work"):
        return reason
    t = office.t
    inst = int(office.target_inst[target])
    tp = int(t.case_tp[case])
    if reason.key == "reason.near_home":
        area = int(t.tp_area[tp])
        lat, lon = (t.area_lat[area], t.area_lon[area]) if area >= 0 else (np.nan, np.nan)
    else:
        emp = int(t.tp_emp[tp])
        lat, lon = (t.emp_lat[emp], t.emp_lon[emp]) if emp >= 0 else (np.nan, np.nan)
    b = nearest_branch(float(lat), float(lon), t.branch_inst, t.branch_lat, t.branch_lon, inst)
    if b < 0:
        return reason
    return Reason(reason.key, {**reason.params, "branch": f"{office.target_name[target]} {t.branch_name[b]}"})


def _one_per_branch(reasons: list[Reason]) -> list[Reason]:
    """Near home and near work at the same branch: the branch once (as near home)."""
    home = [r.params["branch"] for r in reasons if r.key == "reason.near_home"]
    return [r for r in reasons if not (r.key == "reason.near_work" and r.params["branch"] in home)]


def _partner(office: Office, case: int, as_of: int | None) -> list[Reason]:
    """For 売掛金: the business partner the notes name (the latest before ``as_of``)."""
    tp = int(office.t.case_tp[case])
    named = [(d, p) for d, p in office.partners_by_tp.get(tp, []) if as_of is None or d < as_of]
    if not named:
        return []
    day, partner = max(named)
    return [Reason("reason.receivable_partner", {"partner": partner, "date": dt.date.fromordinal(day).isoformat()})]


def _fallback(x: np.ndarray, seg: int, who: str, seg_n: int, seg_f: int, score: float | None) -> Reason:
    """No fact drove the target: the office's rate for it, or the segment's when that is
    closer to the shown score (an office-wide 6 % never stands alone beside a 44 % score)."""
    office_rate = float(x[F["office_rate"]])
    office = (
        Reason("reason.office_rate", {"pct": round(100 * office_rate)})
        if x[F["office_n"]] > 0
        else Reason("reason.office_none")  # the rate would be the prior alone, not a fact
    )
    if seg < 0 or seg_n < MIN_SEGMENT_N:
        return office
    seg_rate = seg_f / seg_n
    if score is None or abs(seg_rate - score) < abs(office_rate - score):
        return _segment_reason(seg, who, seg_n, seg_f)
    return office
