"""Features of (case, target) pairs as of a date, the way a veteran officer reasons.

Every count is taken strictly before the pair's date (``as_of``), so a case's own later
results and later notes never feed its features; the counts over co-workers, neighbours and
the office leave the taxpayer's own rows out (those are the separate "own history" features).
"""

from __future__ import annotations

import numpy as np

from investigation.office import INST_KIND_CODE, KIND_CODE, NO_INST_KIND, TARGET_KINDS, Office

FEATURES = (
    "target_kind",
    "inst_kind",
    "age",
    "household",
    "log_income_salary",
    "log_income_business",
    "log_income_pension",
    "log_income_real_estate",
    "has_employer",
    "fixed_asset_tax",
    "light_vehicle_tax",
    "log_amount_due",
    "km_home",
    "km_work",
    "coworkers_n",
    "coworkers_found",
    "coworkers_rate",
    "coworkers_share",
    "neighbours_n",
    "neighbours_found",
    "neighbours_rate",
    "neighbours_share",
    "office_n",
    "office_rate",
    "office_rate_recent",
    "kind_rate",
    "note_mentions",
    "note_kind_mentions",
    "own_found_decayed",
    "own_not_found_decayed",
    "own_n",
    "employer_left",
    "kind_signal",
    "kind_signal_log",
    "kind_and_signal",
    "employer_industry",
    "employer_in_ward",
    "rules_score",
)
F = {name: i for i, name in enumerate(FEATURES)}
PRIOR_WEIGHT = 2.0


def _log(x: np.ndarray) -> np.ndarray:
    return np.log1p(np.clip(x, 0, None))


def pair_features(office: Office, case: np.ndarray, target: np.ndarray, as_of: np.ndarray) -> np.ndarray:
    """Feature matrix (n_pairs, len(FEATURES)) for case positions × target positions × dates."""
    t = office.t
    case = np.asarray(case, dtype=np.int64)
    target = np.asarray(target, dtype=np.int64)
    as_of = np.broadcast_to(np.asarray(as_of, dtype=np.int64), case.shape)
    n = len(case)
    n_t, n_k = office.n_targets, len(TARGET_KINDS)
    X = np.full((n, len(FEATURES)), np.nan, dtype=float)
    tp = t.case_tp[case]
    emp = t.tp_emp[tp]
    area = t.tp_area[tp]
    kind = office.target_kind[target]
    inst = office.target_inst[target]
    has_inst = inst >= 0

    X[:, F["target_kind"]] = kind
    ik = np.full(n, NO_INST_KIND, dtype=float)
    if has_inst.any():
        inst_kind_codes = np.array([INST_KIND_CODE[k] for k in t.inst_kind], dtype=float)
        ik[has_inst] = inst_kind_codes[inst[has_inst]]
    X[:, F["inst_kind"]] = ik
    X[:, F["age"]] = (as_of - t.tp_birth[tp]) / 365.25
    X[:, F["household"]] = t.tp_household[tp]
    X[:, F["log_income_salary"]] = _log(t.tp_income_salary[tp])
    X[:, F["log_income_business"]] = _log(t.tp_income_business[tp])
    X[:, F["log_income_pension"]] = _log(t.tp_income_pension[tp])
    X[:, F["log_income_real_estate"]] = _log(t.tp_income_real_estate[tp])
    X[:, F["has_employer"]] = emp >= 0
    X[:, F["fixed_asset_tax"]] = t.tp_fixed_asset[tp]
    X[:, F["light_vehicle_tax"]] = t.tp_light_vehicle[tp]
    X[:, F["log_amount_due"]] = _log(t.case_amount[case])

    if has_inst.any():
        ok = has_inst & (area >= 0)
        X[ok, F["km_home"]] = office.dist_area_inst[area[ok], inst[ok]]
        ok = has_inst & (emp >= 0)
        X[ok, F["km_work"]] = office.dist_emp_inst[emp[ok], inst[ok]]

    own_key = tp * n_t + target
    own_n, own_f = office.own.before(own_key, as_of)
    _own_kn, own_kf = office.own_kind.before(tp * n_k + kind, as_of)
    wf, wn = office.own.decayed_before(own_key, as_of)
    X[:, F["own_found_decayed"]] = wf
    X[:, F["own_not_found_decayed"]] = wn
    X[:, F["own_n"]] = own_n

    # office-wide popularity of the target (leave the taxpayer out), shrunk toward the rate of
    # its kind (empirical Bayes: a target asked a handful of times keeps about its kind's rate)
    off_n, off_f = office.office.before(target, as_of)
    off_n, off_f = off_n - own_n, off_f - own_f
    own_kn, _ = office.own_kind.before(tp * n_k + kind, as_of)
    k_n, k_f = office.office_kind.before(kind, as_of)
    kind_rate = (k_f - own_kf + 1.0) / (k_n - own_kn + 2.0)
    m = office.prior_strength_at(kind, as_of)
    prior = (off_f + m * kind_rate) / (off_n + m)
    X[:, F["office_n"]] = off_n
    X[:, F["office_rate"]] = prior
    X[:, F["kind_rate"]] = kind_rate
    # the same, weighing recent results more (accounts open and close: drift)
    off_wf, off_wn = office.office.decayed_before(target, as_of)
    off_wf, off_wn = np.maximum(off_wf - wf, 0), np.maximum(off_wn - wn, 0)
    X[:, F["office_rate_recent"]] = (off_wf + m * kind_rate) / (off_wf + off_wn + m)

    # co-workers of the same employer (leave-one-out)
    cw_n = np.zeros(n)
    cw_f = np.zeros(n)
    cw_kf = np.zeros(n)
    has_emp = emp >= 0
    if has_emp.any():
        a, b = office.coworkers.before(emp[has_emp] * n_t + target[has_emp], as_of[has_emp])
        cw_n[has_emp] = a - own_n[has_emp]
        cw_f[has_emp] = b - own_f[has_emp]
        _, kb = office.coworkers_kind.before(emp[has_emp] * n_k + kind[has_emp], as_of[has_emp])
        cw_kf[has_emp] = kb - own_kf[has_emp]
    X[:, F["coworkers_n"]] = np.where(has_emp, cw_n, np.nan)
    X[:, F["coworkers_found"]] = np.where(has_emp, cw_f, np.nan)
    X[:, F["coworkers_rate"]] = np.where(has_emp, (cw_f + PRIOR_WEIGHT * prior) / (cw_n + PRIOR_WEIGHT), np.nan)
    X[:, F["coworkers_share"]] = np.where(has_emp & (cw_kf > 0), cw_f / np.maximum(cw_kf, 1), np.nan)

    nb_n, nb_f = office.neighbours.before(area * n_t + target, as_of)
    nb_n, nb_f = nb_n - own_n, nb_f - own_f
    _, nb_kf = office.neighbours_kind.before(area * n_k + kind, as_of)
    nb_kf = nb_kf - own_kf
    X[:, F["neighbours_n"]] = nb_n
    X[:, F["neighbours_found"]] = nb_f
    X[:, F["neighbours_rate"]] = (nb_f + PRIOR_WEIGHT * prior) / (nb_n + PRIOR_WEIGHT)
    X[:, F["neighbours_share"]] = np.where(nb_kf > 0, nb_f / np.maximum(nb_kf, 1), np.nan)

    m_n, _ = office.mentions.before(own_key, as_of)
    X[:, F["note_mentions"]] = m_n
    km_n, _ = office.kind_mentions.before(tp * n_k + kind, as_of)
    X[:, F["note_kind_mentions"]] = km_n
    X[:, F["employer_left"]] = office.employment.last_found_before(tp, as_of)
    has_emp_rows = emp >= 0
    X[has_emp_rows, F["employer_industry"]] = office.emp_industry_code[emp[has_emp_rows]]
    X[has_emp_rows, F["employer_in_ward"]] = t.emp_in_ward[emp[has_emp_rows]]
    _kind_signal(X, kind, t.tp_income_salary[tp], t.tp_income_business[tp], t.tp_income_pension[tp])
    X[:, F["rules_score"]] = rules_score(kind, X)
    return X


def rules_score(kind: np.ndarray, X: np.ndarray) -> np.ndarray:
    """A veteran's rules of thumb, written by hand (not learned), as one number per pair: the
    employer's salary, pension for the elderly, banks named in the notes, assessed property and
    vehicles, business receivables, the co-workers' payroll bank, then the nearest branches.

    It is the evaluation's veteran baseline and a feature of the model (the veteran's know-how
    as a starting point: with little history the model can lean on it, with more it learns where
    the rules are wrong)."""
    s = np.zeros(len(kind))
    dep = kind == KIND_CODE["deposit"]
    km = np.nan_to_num(X[:, F["km_home"]], nan=9.0)
    s[dep] = 40 - 5 * np.minimum(km[dep], 6)  # nearest branches first
    cw = np.nan_to_num(X[:, F["coworkers_found"]], nan=0.0)
    co = dep & (cw > 0)
    s[co] += 30 + np.minimum(cw[co], 5)
    s[X[:, F["note_mentions"]] > 0] = 80
    s[kind == KIND_CODE["salary"]] = 90
    age = X[:, F["age"]]
    pension = (kind == KIND_CODE["pension"]) & ((age >= 65) | (X[:, F["log_income_pension"]] > 0))
    s[pension] = 85
    s[(kind == KIND_CODE["real_estate"]) & (X[:, F["fixed_asset_tax"]] == 1)] = 70
    s[(kind == KIND_CODE["vehicle"]) & (X[:, F["light_vehicle_tax"]] == 1)] = 60
    s[(kind == KIND_CODE["receivable"]) & (X[:, F["log_income_business"]] > 0)] = 65
    return s


def _kind_signal(
    X: np.ndarray, kind: np.ndarray, salary: np.ndarray, business: np.ndarray, pension: np.ndarray
) -> None:
    """The one attribute of the case that speaks for the target's kind, in one column (so that
    the trees need no interaction to use it): 事業所得 for receivables, 年金所得 or age for
    pension, 固定資産税 for real estate, 軽自動車税 for vehicles, 給与所得 for salary."""
    sig = np.full(len(kind), np.nan)
    amount = np.full(len(kind), np.nan)
    def yes_no(v: np.ndarray) -> np.ndarray:  # 1 / 0 / NaN (unknown stays unknown)
        return np.where(np.isnan(v), np.nan, (v > 0).astype(float))

    old = X[:, F["age"]] >= 65
    for code, flag, value in (
        (KIND_CODE["receivable"], yes_no(business), business),
        (KIND_CODE["pension"], np.where(old, 1.0, yes_no(pension)), pension),
        (KIND_CODE["real_estate"], X[:, F["fixed_asset_tax"]], np.full(len(kind), np.nan)),
        (KIND_CODE["vehicle"], X[:, F["light_vehicle_tax"]], np.full(len(kind), np.nan)),
        (KIND_CODE["salary"], yes_no(salary), salary),
    ):
        rows = kind == code
        sig[rows] = flag[rows]
        amount[rows] = _log(value[rows])
    X[:, F["kind_signal"]] = sig
    X[:, F["kind_signal_log"]] = amount
    # the kind and its signal as one category (yes / no / unknown), so that a single split
    # can set apart a small group such as "real estate without 固定資産税"
    state = np.where(np.isnan(sig), 2, sig)
    X[:, F["kind_and_signal"]] = kind * 3 + state


def rules_column(X: np.ndarray) -> None:
    """Recompute the rules' score of X in place from its own columns (after some of them were
    changed, e.g. to take a fact away when explaining a score)."""
    X[:, F["rules_score"]] = rules_score(X[:, F["target_kind"]].astype(np.int64), X)


def kind_signal_columns(X: np.ndarray) -> None:
    """Recompute the kind-signal columns of X in place from its own attribute columns (after
    the taxpayer's attributes in X were changed)."""
    kind = X[:, F["target_kind"]].astype(np.int64)

    def raw(name: str) -> np.ndarray:
        return np.expm1(X[:, F[name]])

    _kind_signal(X, kind, raw("log_income_salary"), raw("log_income_business"), raw("log_income_pension"))
    rules_column(X)

