"""Difficulty and proficiency from the work log: hours = staff effect × case effort, learned jointly.

The model, on log hours of each work-log row (case c, staff member s, fiscal year):

    log h = a_s + b_c + log(exposure) + γ·closing_row + θ·stage_row + ε,      ε ~ N(0, σ²)

``a_s`` is the staff member's speed (log hours multiplier), ``b_c`` the case's effort (log hours
per full fiscal year for a typical officer). Fitting both at once is what keeps a slow case from
being taken for a slow officer: a fast officer who is handed the hard cases logs many hours,
and per-staff averages would call them slow.

Empirical Bayes (MAP on one sparse least-squares system, scipy ``lsqr``):

* ``a_s ~ N(α + β·years_s, τ_s²)`` — the prior from years of experience; staff with little
  history stay near it.
* ``b_c ~ N(f(x_c), τ_c²)`` — ``f`` is a gradient-boosting regressor on case features
  (:mod:`matching.features`) and on who worked the case (:func:`holder_features`: veterans are
  handed the hard cases), trained on the fitted case effects (cross-fitted); cases with no
  history get ``f(x_c)``.
* The last row of a closed case (unknown end date) has its own, larger noise variance.
* The case's stage (:meth:`WorkLog.stage`): the fiscal year the case opened, and a year in
  which it changed hands (two officers' rows in one year, each a part of the year's work, with
  its own noise variance). Juniors open and hand over more cases: read as whole years, their
  parts made them look quicker than they are.
* Posterior variances of the staff effects (case effects integrated out) and of the case
  effects are kept: the optimiser plans an officer known less well with a margin.

Speeds are normalised so that the median staff member has speed 1: effort is "hours per fiscal
year for a typical officer of this office".

Difficulty: tertiles of effort over the open cases (1 易 / 2 中 / 3 難). Proficiency: quartiles
of the staff effect (4 熟練 = fastest quarter … 1 新任 = slowest quarter).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.stats import norm
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold
from threadpoolctl import threadpool_limits

# Fewer cases with history than this: the case prior is their mean (no regressor).
MIN_CASES_FOR_REGRESSOR = 200
# With no work log: experience shortens hours by this share per year (a stated default).
DEFAULT_LOG_SPEED_PER_YEAR = -0.045
# The exposure effect is estimated between these (0 = bursts, 1 = proportional to time open).
MIN_EXPOSURE, MAX_EXPOSURE = 0.0, 1.0
# Difficulty tiers (易 / 中 / 難); the interaction's starting spread and its EM rounds.
TIERS = 3
MIN_SCALE, MAX_SCALE = 0.2, 4.0
MIN_STAFF_PER_TIER = 4  # officers with rows on a tier before its scale is estimated
MIN_LINKED_ROWS = 50
TIER_SPREADS = (1.0, 1.5, 2.0, 3.0, 4.5)  # how much wider than effort's posterior the tier is known  # rows on cases worked by several officers, before g is estimated
SCALE_PRIOR_VAR = 0.25  # prior spread of a tier's scale around 1 (no interaction)


@dataclass(frozen=True)
class WorkLog:
    """Work-log rows as positions (staff, case) and numbers."""

    staff: np.ndarray  # int
    case: np.ndarray  # int
    hours: np.ndarray  # float > 0
    log_exposure: np.ndarray  # log of the known share of the fiscal year the case was open
    closing: np.ndarray  # 1.0 on the last row of a case that closed (end date unknown)
    # fiscal years since the case opened (0 = the year it opened); None = not known
    case_age: np.ndarray | None = None

    @property
    def n_rows(self) -> int:
        return int(self.hours.shape[0])

    def subset(self, mask: np.ndarray) -> WorkLog:
        return WorkLog(
            staff=self.staff[mask],
            case=self.case[mask],
            hours=self.hours[mask],
            log_exposure=self.log_exposure[mask],
            closing=self.closing[mask],
            case_age=None if self.case_age is None else self.case_age[mask],
        )

    def shared(self) -> np.ndarray:
        """1.0 on a row whose case has another officer's row in the same fiscal year: the case
        changed hands during the year, and each row is a part of that year's work."""
        if self.case_age is None or self.n_rows == 0:
            return np.zeros(self.n_rows)
        year = np.asarray(self.case_age, dtype=np.int64)
        order = np.lexsort((self.staff, year, self.case))
        c, y, s = self.case[order], year[order], self.staff[order]
        new_year = np.r_[True, (c[1:] != c[:-1]) | (y[1:] != y[:-1])]
        new_officer = new_year | np.r_[True, s[1:] != s[:-1]]
        group = np.cumsum(new_year) - 1
        officers = np.bincount(group, weights=new_officer.astype(float))
        out = np.empty(self.n_rows)
        out[order] = (officers[group] > 1).astype(float)
        return out

    def stage(self) -> np.ndarray:
        """(n_rows, 2) the case's stage on each row: the year it opened (first contacts, a part
        of a year), and a year it changed hands (:meth:`shared`); no columns without
        ``case_age``."""
        if self.case_age is None:
            return np.zeros((self.n_rows, 0))
        opening = (np.asarray(self.case_age, dtype=float) <= 0).astype(float)
        return np.column_stack([opening, self.shared()])


@dataclass(frozen=True)
class HoursModel:
    log_speed: np.ndarray  # (n_staff,) median 0
    log_effort: np.ndarray  # (n_cases,)
    staff_rows: np.ndarray  # work-log rows per staff member
    case_rows: np.ndarray  # work-log rows per case
    closing_coef: float
    sigma2: float
    tau2_staff: float
    tau2_case: float
    from_work_log: bool
    log_speed_var: np.ndarray | None = None  # (n_staff,) posterior variance of log_speed
    log_effort_var: np.ndarray | None = None  # (n_cases,) posterior variance of log_effort
    # (n_staff, 3) each officer's own log-hours difference on 易 / 中 / 難 cases (the
    # proficiency × difficulty interaction; the typical officer's is 0); None = no interaction
    tier_effect: np.ndarray | None = None
    tier_prob: np.ndarray | None = None  # (n_cases, 3) probability of each tier (effort is uncertain)
    tier_scale: np.ndarray | None = None  # (3,) how much the speed effect counts on 易 / 中 / 難
    tier_spread: float = 1.0  # the tier's uncertainty over the effort's posterior sd (learned)
    case_tier: np.ndarray | None = None  # (n_cases,) 0 易 / 1 中 / 2 難
    tier_cuts: tuple[float, float] = (0.0, 0.0)  # log effort between the tiers
    exposure_coef: float = 1.0  # 1 = hours proportional to the share of the year open, 0 = bursts

    @property
    def speed(self) -> np.ndarray:
        return np.exp(self.log_speed)

    @property
    def effort(self) -> np.ndarray:
        return np.exp(self.log_effort)

    @property
    def tier_factor(self) -> np.ndarray:
        """(n_staff, 3) hours multiplier of each officer on 易 / 中 / 難 beyond their speed."""
        if self.tier_effect is None:
            return np.ones((self.log_speed.shape[0], TIERS))
        return np.exp(self.tier_effect)

    @property
    def tiers(self) -> np.ndarray:
        if self.case_tier is None:
            return np.zeros(self.log_effort.shape[0], dtype=int)
        return self.case_tier

    def expected_hours(self, case: np.ndarray, staff: np.ndarray) -> np.ndarray:
        """Hours of staff[i] on case[i] for a full fiscal year: effort × speed × the officer's
        factor on the case's difficulty (mixed over the tiers the case may be in)."""
        base = np.exp(self.log_speed[staff] + self.log_effort[case])
        return base * tier_mix(self.tier_prob, self.tier_factor, case, staff)


def tier_mix(prob: np.ndarray | None, factor: np.ndarray | None, case: np.ndarray, staff: np.ndarray | int) -> np.ndarray:
    """Σ_t P(case in tier t) × factor[staff, t] (broadcast over case and staff); 1 without."""
    if prob is None or factor is None:
        return np.ones(np.broadcast(np.asarray(case), np.asarray(staff)).shape)
    return np.sum(prob[case] * factor[staff], axis=-1)


def _years_prior(years: np.ndarray, target: np.ndarray | None, weight: np.ndarray | None) -> np.ndarray:
    """α + β·years by weighted least squares (β = the default when too few staff)."""
    y = np.where(np.isnan(years), np.nanmedian(years) if np.isfinite(years).any() else 0.0, years)
    if target is None or weight is None or np.sum(weight > 0) < 4 or np.ptp(y[weight > 0]) == 0:
        base = 0.0 if target is None or weight is None or weight.sum() == 0 else float(
            np.average(target - DEFAULT_LOG_SPEED_PER_YEAR * y, weights=np.maximum(weight, 1e-9))
        )
        return base + DEFAULT_LOG_SPEED_PER_YEAR * y
    design = np.column_stack([np.ones_like(y), y])
    w = np.sqrt(weight)
    coef, *_ = np.linalg.lstsq(design * w[:, None], target * w, rcond=None)
    return design @ coef


def _solve(
    log: WorkLog,
    n_staff: int,
    n_cases: int,
    *,
    row_var: np.ndarray,
    staff_prior: np.ndarray,
    staff_sd: float,
    case_prior: np.ndarray,
    case_sd: np.ndarray,
    tier: np.ndarray | None = None,
    tier_sd: float = 1.0,
    exposure: float | None = None,
    staff_scale: np.ndarray | None = None,
) -> Fit:
    """MAP of (a, δ, b, γ, κ) by the normal equations, eliminating the case effects exactly.

    Row r of officer s on case c of difficulty tier t: ``y = a_s + δ_{s,t} + b_c + γ·closing +
    κ·log exposure``, δ ~ N(0, tier_sd²) the officer's own difference on that tier (the
    proficiency × difficulty interaction; none when ``tier`` is None). Case effects only meet
    the data through one column per case, so their block of the normal matrix is diagonal: the
    Schur complement leaves a dense (4·staff + 2)² system. ``exposure`` fixes κ.
    """
    n = log.n_rows
    free_exposure = exposure is None
    n_int = 0 if tier is None else TIERS * n_staff
    q = n_staff + n_int + 1 + int(free_exposure)  # staff effects, interactions, γ and κ
    w = 1.0 / np.asarray(row_var, dtype=float)  # per-row precision
    y = np.log(log.hours) - (0.0 if exposure is None else float(exposure) * log.log_exposure)
    rows = np.arange(n)
    g_col = n_staff + n_int
    g = np.ones(n) if staff_scale is None else np.asarray(staff_scale, dtype=float)[log.case]
    stage = log.stage()
    k_stage = stage.shape[1]
    q += k_stage
    st_col = g_col + 1 + int(free_exposure)  # the stage's coefficients (free, like γ)
    cols = [g, log.closing] + ([log.log_exposure] if free_exposure else []) + list(stage.T)
    at = [log.staff, np.full(n, g_col)] + ([np.full(n, g_col + 1)] if free_exposure else [])
    at += [np.full(n, st_col + j) for j in range(k_stage)]
    if tier is not None:
        cols.append(np.ones(n))
        at.append(n_staff + log.staff * TIERS + np.asarray(tier)[log.case])
    u = sparse.csr_matrix(
        (np.concatenate(cols), (np.concatenate([rows] * len(cols)), np.concatenate(at))), shape=(n, q)
    )
    c = sparse.csr_matrix((np.ones(n), (rows, log.case)), shape=(n, n_cases))
    lam_u = np.concatenate(
        [np.full(n_staff, 1.0 / staff_sd**2), np.full(n_int, 1.0 / tier_sd**2), np.full(q - n_staff - n_int, 1e-6)]
    )
    mu_u = np.concatenate([staff_prior, np.zeros(q - n_staff)])
    lam_c = 1.0 / np.asarray(case_sd) ** 2
    d = np.bincount(log.case, weights=w, minlength=n_cases) + lam_c  # diagonal of the case block
    wu = sparse.diags(w) @ u
    uu = (u.T @ wu).toarray() + np.diag(lam_u)
    uc = (wu.T @ c).tocsr()  # q × n_cases
    rhs_u = u.T @ (w * y) + lam_u * mu_u
    rhs_c = c.T @ (w * y) + lam_c * case_prior
    schur = uu - (uc @ sparse.diags(1.0 / d) @ uc.T).toarray()
    sol_u = np.linalg.solve(schur, rhs_u - uc @ (rhs_c / d))
    b = (rhs_c - uc.T @ sol_u) / d
    # posterior variances (case effects integrated out): diag of schur⁻¹
    var_u = np.diag(np.linalg.inv(schur))
    kappa = float(sol_u[g_col + 1]) if exposure is None else float(exposure)
    delta = np.zeros((n_staff, TIERS)) if tier is None else sol_u[n_staff:g_col].reshape(n_staff, TIERS)
    delta_var = np.zeros((n_staff, TIERS)) if tier is None else var_u[n_staff:g_col].reshape(n_staff, TIERS)
    return Fit(
        sol_u[:n_staff], b, float(sol_u[g_col]), var_u[:n_staff], kappa, delta, delta_var,
        sol_u[st_col:st_col + k_stage],
    )


@dataclass(frozen=True)
class Fit:
    a: np.ndarray
    b: np.ndarray
    gamma: float
    var_a: np.ndarray
    kappa: float
    delta: np.ndarray  # (n_staff, TIERS)
    delta_var: np.ndarray
    stage: np.ndarray = field(default_factory=lambda: np.zeros(0))  # coefficients of WorkLog.stage()

    def offsets(self, log: WorkLog) -> np.ndarray:
        """The row terms: closing, exposure and the case's stage."""
        return self.gamma * log.closing + self.kappa * log.log_exposure + log.stage() @ self.stage


def holder_features(log: WorkLog, n_cases: int, staff_years: np.ndarray, log_speed: np.ndarray) -> np.ndarray:
    """Who worked each case, as case features: the row-weighted mean years of experience and
    mean fitted staff effect of its holders (NaN without history).

    Supervisors hand hard cases to veterans: who held a case says how hard it is beyond its
    features. Without these columns the case prior ``f`` under-predicts the veterans' cases and
    over-predicts the juniors', and the shrinkage toward ``f`` leaks into the staff effects."""
    rows = np.bincount(log.case, minlength=n_cases).astype(float)
    years = np.where(np.isnan(staff_years), np.nanmedian(staff_years) if np.isfinite(staff_years).any() else 0.0, staff_years)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_years = np.bincount(log.case, weights=years[log.staff], minlength=n_cases) / rows
        mean_speed = np.bincount(log.case, weights=log_speed[log.staff], minlength=n_cases) / rows
    return np.column_stack([mean_years, mean_speed])


def _case_regressor(seed: int) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        max_iter=200, learning_rate=0.06, max_leaf_nodes=15, min_samples_leaf=20, l2_regularization=1.0,
        random_state=seed,
    )


def _case_prior(
    features: np.ndarray, target: np.ndarray, weight: np.ndarray, has: np.ndarray, *, seed: int
) -> np.ndarray:
    """f(x_c): cross-fitted for cases with history, the full fit for the others.

    One OpenMP thread: on a shared two-core machine more threads only contend."""
    with threadpool_limits(limits=1):
        return _case_prior_fit(features, target, weight, has, seed=seed)


def _case_prior_fit(
    features: np.ndarray, target: np.ndarray, weight: np.ndarray, has: np.ndarray, *, seed: int
) -> np.ndarray:
    prior = np.full(features.shape[0], float(np.average(target[has], weights=weight[has])))
    idx = np.flatnonzero(has)
    if idx.size < MIN_CASES_FOR_REGRESSOR:
        return prior
    folds = KFold(n_splits=3, shuffle=True, random_state=seed)
    for train, test in folds.split(idx):
        model = _case_regressor(seed).fit(features[idx[train]], target[idx[train]], sample_weight=weight[idx[train]])
        prior[idx[test]] = model.predict(features[idx[test]])
    rest = np.flatnonzero(~has)
    if rest.size:
        model = _case_regressor(seed).fit(features[idx], target[idx], sample_weight=weight[idx])
        prior[rest] = model.predict(features[rest])
    return prior


def fit_hours_model(
    *,
    log: WorkLog,
    case_features: np.ndarray,
    staff_years: np.ndarray,
    fallback_log_effort: np.ndarray | None = None,
    seed: int = 0,
    interaction: bool = False,
    tier_cases: np.ndarray | None = None,
) -> HoursModel:
    """Fit the joint model. With no work log, speed comes from years of experience and effort
    from ``fallback_log_effort`` (a hand score of the features), and ``from_work_log`` is False.

    Difficulty tiers are the tertiles of the first fit's effort over ``tier_cases`` (bool mask;
    default the cases with history): the office's 易 / 中 / 難. ``interaction`` False leaves
    out each officer's own difference per tier (the model without the proficiency ×
    difficulty interaction)."""
    n_cases, n_staff = case_features.shape[0], staff_years.shape[0]
    staff_rows = np.bincount(log.staff, minlength=n_staff)
    case_rows = np.bincount(log.case, minlength=n_cases)
    if log.n_rows == 0:
        log_speed = _years_prior(staff_years, None, None)
        log_effort = np.zeros(n_cases) if fallback_log_effort is None else fallback_log_effort
        return _normalised(
            HoursModel(log_speed, log_effort, staff_rows, case_rows, 0.0, 0.0, 0.0, 0.0, False,
                       case_tier=_tiers(log_effort, tier_cases)[0])
        )

    # 1. a weakly regularised joint fit, to read the variances, the exposure effect and the priors
    weak: dict[str, Any] = {
        "staff_prior": np.zeros(n_staff), "staff_sd": 100.0,
        "case_prior": np.zeros(n_cases), "case_sd": np.full(n_cases, 100.0),
    }
    f = _solve(log, n_staff, n_cases, row_var=np.ones(log.n_rows), **weak)
    # Exposure: 1 = hours proportional to the share of the year the case was open, 0 = work
    # comes in bursts whatever the opening date. Estimated, held between the two.
    if not MIN_EXPOSURE <= f.kappa <= MAX_EXPOSURE:
        kappa = float(np.clip(f.kappa, MIN_EXPOSURE, MAX_EXPOSURE))
        f = _solve(log, n_staff, n_cases, row_var=np.ones(log.n_rows), exposure=kappa, **weak)
    a, b, gamma, kappa = f.a, f.b, f.gamma, f.kappa
    # centre: the split between staff and case effects is arbitrary up to a constant
    shift = float(np.median(a[staff_rows > 0])) if (staff_rows > 0).any() else 0.0
    a, b = a - shift, b + shift
    resid = np.log(log.hours) - f.offsets(log) - a[log.staff] - b[log.case]
    dof = max(1.0, float(log.n_rows - np.sum(staff_rows > 0) - np.sum(case_rows > 0) - 2))
    inflate = log.n_rows / dof
    # The last row of a closed case has an unknown end date: its exposure, hence its hours,
    # are far noisier than the other rows. Each kind gets its own variance (weights).
    closing = log.closing > 0
    sigma2 = max(1e-4, float(np.mean(resid[~closing] ** 2) * inflate)) if (~closing).any() else 1.0
    sigma2_closing = max(sigma2, float(np.mean(resid[closing] ** 2) * inflate)) if closing.any() else sigma2
    row_var = np.where(closing, sigma2_closing, sigma2)
    # a part of a year whose share is unknown (the case changed hands): its own variance too
    shared = (log.shared() > 0) & ~closing
    if shared.any():
        row_var = np.where(shared, max(sigma2, float(np.mean(resid[shared] ** 2) * inflate)), row_var)
    info_case = np.bincount(log.case, weights=1.0 / row_var, minlength=n_cases)
    info_staff = np.bincount(log.staff, weights=1.0 / row_var, minlength=n_staff)

    has_case = case_rows > 0
    features = np.column_stack([case_features, holder_features(log, n_cases, staff_years, a)])
    c_prior = _case_prior(features, b, case_rows.astype(float), has_case, seed=seed)
    c_dev = (b - c_prior)[has_case]
    tau2_case = max(0.01, float(np.average(c_dev**2 - 1.0 / info_case[has_case], weights=case_rows[has_case])))

    has_staff = staff_rows > 0
    s_prior = _years_prior(staff_years, a, np.where(has_staff, staff_rows / (staff_rows + 1.0), 0.0))
    s_dev = (a - s_prior)[has_staff]
    tau2_staff = max(1e-4, float(np.mean(s_dev**2 - 1.0 / info_staff[has_staff]))) if s_dev.size else 0.04

    # 2. difficulty tiers from this effort (the posterior: prior from the features and the
    # case's own rows), then the MAP fit with each officer's own difference per tier, its
    # spread τ learned by EM (a log without interaction gets τ ≈ 0: no interaction forced).
    post_b = np.where(has_case, (c_prior / tau2_case + info_case * b) / (1.0 / tau2_case + info_case), c_prior)
    case_tier, cuts = _tiers(post_b, tier_cases)
    # The office's proficiency × difficulty table: on tier t an officer's log-hours difference
    # from the typical officer is g_t × their speed effect (g = 1 on 中), pooled over all
    # officers, so a junior who rarely had a hard case is not assumed as quick at them as at
    # easy ones. g is read from the cases that changed hands — within a case, two officers'
    # hours differ by g_t × (a_s − a_s') whatever the case's effort — so the supervisors'
    # choice of who gets which case (veterans the hard ones) does not enter it; each estimate
    # is shrunk toward 1 by its noise (a log without interaction is not forced into one).
    # how sure each case's tier is: its effort is known to a posterior variance, and an
    # officer's hours on it are the mix of their hours on each tier (a case that may well be
    # hard costs a junior more than one surely of the middle)
    # The spread of that uncertainty is chosen like g, by the within-case error: the difficulty
    # that drives the interaction is known less well than the effort's posterior says.
    post_sd = np.sqrt(np.where(has_case, 1.0 / (1.0 / tau2_case + info_case), tau2_case))
    tier_prob = _tier_prob(post_b, post_sd, cuts)
    g = np.ones(TIERS)
    chosen_spread = 1.0
    if interaction:
        best = np.inf
        for spread in TIER_SPREADS:
            probs = _tier_prob(post_b, spread * post_sd, cuts)
            g_k, err = _tier_scales(log, n_staff, n_cases, row_var, probs, kappa)
            if err < best:
                best, g, tier_prob, chosen_spread = err, g_k, probs, spread
    case_sd = np.full(n_cases, float(np.sqrt(tau2_case)))
    f = _solve(
        log, n_staff, n_cases, row_var=row_var,
        staff_prior=s_prior, staff_sd=float(np.sqrt(tau2_staff)),
        case_prior=c_prior, case_sd=case_sd, exposure=kappa, staff_scale=tier_prob @ g,
    )
    a, b, gamma, kappa = f.a, f.b, f.gamma, f.kappa
    tier = case_tier if interaction else None
    delta = np.outer(a, g - 1.0) if interaction else None
    effort_var = 1.0 / (info_case + 1.0 / tau2_case)
    return _normalised(
        HoursModel(
            a, b, staff_rows, case_rows, gamma, sigma2, tau2_staff, tau2_case, True, f.var_a, effort_var,
            tier_effect=None if tier is None else delta, case_tier=case_tier, tier_scale=g,
            tier_prob=tier_prob if interaction else None, tier_spread=chosen_spread,
            exposure_coef=kappa, tier_cuts=cuts,
        )
    )


def _tier_prob(post_b: np.ndarray, post_sd: np.ndarray, cuts: tuple[float, float]) -> np.ndarray:
    low_p = norm.cdf((cuts[0] - post_b) / post_sd)
    high_p = norm.sf((cuts[1] - post_b) / post_sd)
    return np.column_stack([low_p, np.maximum(0.0, 1.0 - low_p - high_p), high_p])


def _tier_scales(
    log: WorkLog, n_staff: int, n_cases: int, row_var: np.ndarray, tier_prob: np.ndarray, kappa: float
) -> tuple[np.ndarray, float]:
    """g (g_1 = 1) minimising the weighted squared error with free case effects (a case seen
    once fits exactly: only cases worked by several officers inform g), each g_t shrunk
    toward 1 by its standard error (from the curvature of that error); and that error."""
    weak: dict[str, Any] = {
        "staff_prior": np.zeros(n_staff), "staff_sd": 100.0,
        "case_prior": np.zeros(n_cases), "case_sd": np.full(n_cases, 100.0),
    }
    w = 1.0 / row_var
    multi = np.bincount(log.case, minlength=n_cases)[log.case] > 1
    case_tier = np.argmax(tier_prob, axis=1)
    tiers_seen = [int(np.unique(log.staff[multi & (case_tier[log.case] == t)]).size) for t in range(TIERS)]
    if multi.sum() < MIN_LINKED_ROWS:
        return np.ones(TIERS), np.inf

    def sse(g: np.ndarray) -> float:
        case_scale = tier_prob @ g  # Berkson: the expected scale given what is known of the case
        f = _solve(log, n_staff, n_cases, row_var=row_var, exposure=kappa, staff_scale=case_scale, **weak)
        scale = case_scale[log.case]
        r = np.log(log.hours) - f.offsets(log) - scale * f.a[log.staff] - f.b[log.case]
        return float(np.sum(w * r * r))

    g = np.ones(TIERS)
    for _ in range(2):
        for t in (0, 2):
            if tiers_seen[t] < MIN_STAFF_PER_TIER:
                continue

            def at(x: float, t: int = t) -> float:
                trial = g.copy()
                trial[t] = x
                return sse(trial)

            g[t] = float(minimize_scalar(at, bounds=(MIN_SCALE, MAX_SCALE), method="bounded", options={"xatol": 0.01}).x)
    # standard errors from the curvature (sse is a weighted sum of squares with unit-variance
    # weights: var(g_t) ≈ 2 / sse''(g_t))
    out = g.copy()
    for t in (0, 2):
        if tiers_seen[t] < MIN_STAFF_PER_TIER:
            continue
        h = 0.05
        lo, mid, hi = (sse(np.where(np.arange(TIERS) == t, g[t] + d, g)) for d in (-h, 0.0, h))
        curv = (lo - 2 * mid + hi) / h**2
        se2 = 2.0 / curv if curv > 0 else np.inf
        shrink = SCALE_PRIOR_VAR / (SCALE_PRIOR_VAR + se2)
        out[t] = 1.0 + shrink * (g[t] - 1.0)
    return out, sse(g)


def _tiers(effort: np.ndarray, mask: np.ndarray | None) -> tuple[np.ndarray, tuple[float, float]]:
    """0 易 / 1 中 / 2 難: tertiles of ``effort`` over ``mask`` (default all cases)."""
    ref = effort if mask is None or not np.any(mask) else effort[mask]
    if ref.size == 0:
        return np.zeros(effort.shape[0], dtype=int), (0.0, 0.0)
    low, high = np.quantile(ref, [1 / 3, 2 / 3])
    return (effort > low).astype(int) + (effort > high).astype(int), (float(low), float(high))


def _normalised(model: HoursModel) -> HoursModel:
    """Median speed 1; effort and the pivot move with it (hours are unchanged)."""
    shift = float(np.median(model.log_speed)) if model.log_speed.size else 0.0
    return replace(
        model,
        log_speed=model.log_speed - shift,
        log_effort=model.log_effort + shift,
        tier_cuts=(model.tier_cuts[0] + shift, model.tier_cuts[1] + shift),
    )


def difficulty_levels(log_effort: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """1 易 / 2 中 / 3 難 by the tertiles of ``log_effort``; also the cut points (hours)."""
    if log_effort.size == 0:
        return np.zeros(0, dtype=int), (0.0, 0.0)
    low, high = np.quantile(log_effort, [1 / 3, 2 / 3])
    level = 1 + (log_effort > low).astype(int) + (log_effort > high).astype(int)
    return level, (float(np.exp(low)), float(np.exp(high)))


def proficiency_levels(log_speed: np.ndarray) -> np.ndarray:
    """1 新任 … 4 熟練 by quartiles of the staff effect (lower hours = more proficient)."""
    if log_speed.size == 0:
        return np.zeros(0, dtype=int)
    ranks = np.argsort(np.argsort(log_speed, kind="stable"), kind="stable")
    quartile = (ranks * 4) // log_speed.size  # 0 = fastest quarter
    return (4 - quartile).astype(int)


def fallback_log_effort(features: np.ndarray, names: list[str]) -> np.ndarray:
    """A hand score for offices without a work log: amount, periods, hardship, no contact."""
    col = {n: i for i, n in enumerate(names)}

    def z(name: str) -> np.ndarray:
        x = features[:, col[name]]
        x = np.where(np.isnan(x), np.nanmedian(x) if np.isfinite(x).any() else 0.0, x)
        sd = float(np.std(x))
        return (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)

    return (
        np.log(8.0)
        + 0.25 * z("log_amount")
        + 0.15 * z("periods")
        + 0.1 * z("taxpayer_cases")
        + 0.15 * z("note_hardship")
        + 0.1 * z("note_no_contact")
    )
