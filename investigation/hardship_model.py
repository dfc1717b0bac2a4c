"""The hardship flag learned from the office's own 執行停止 decisions.

Hand rules (any hardship word in the last year's notes, or no income) flag many cases that are
not in hardship: a no-income record says little by itself, an illness note of years ago less
than one of last month. Each office has already judged who is in hardship: the taxpayers with a
case it suspended (執行停止). A logistic regression learns, on every taxpayer of the office, how
those decisions follow from the signals the office's data carries as of the prediction date:

- 生活保護, no income with no employer, no declared income at all, an employer on record, the
  declared income (log);
- per hardship category (失業, 多重債務, 病気, 生活困窮, 生活保護) the notes that speak of it,
  each weighed by its recency (exp(−age / 365 days));
- inquiries so far and whether all of them found nothing.

The flag: on welfare, or another case already suspended, or the learned probability at or
above the threshold that maximises F1 on those decisions (out of fold: 5-fold predictions).
The learned flag serves only when it agrees with the office's decisions clearly better than the
hand rules (``hardship.triage``) do: out-of-fold F1 at least ``LEARNED_MARGIN`` × the rules' F1
over the taxpayers with a case (and than flagging everyone). Otherwise — decisions that follow the signs no better than the
rules, or fewer than ``MIN_SUSPENDED`` suspended taxpayers — the hand rules stay.

Known limit: a case's status is today's, so a time-holdout evaluation sees suspensions decided
after its cutoff in the labels (not in the features, which only see notes and inquiries before).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from investigation.hardship_cases import hardship_many
from investigation.office import Office

CATEGORIES = ("失業", "多重債務", "病気", "生活困窮", "生活保護")
DECAY_DAYS = 365.0
MIN_SUSPENDED = 20
LEARNED_MARGIN = 1.1
FEATURES = (
    "welfare", "no_income_no_employer", "no_income", "has_employer", "log_income",
    *(f"note_{c}" for c in CATEGORIES), "all_inquiries_empty", "log_inquiries",
)


@dataclass(frozen=True)
class HardshipModel:
    """Per taxpayer of the office, as of one date."""

    as_of: int
    probability: np.ndarray  # learned probability of hardship (the office's 執行停止 judgement)
    suspended: np.ndarray  # bool: the taxpayer has a case under 執行停止
    threshold: float
    suspended_taxpayers: int
    f1_learned: float  # out of fold, against the office's suspensions
    f1_rules: float

    def flag(self, tp: int, welfare: bool) -> bool:
        return bool(welfare or self.suspended[tp] or self.probability[tp] >= self.threshold)


def taxpayer_features(office: Office, as_of: int) -> np.ndarray:
    """(taxpayers, len(FEATURES)) as of a date: only notes and inquiries before it count."""
    t = office.t
    n = len(t.tp_ids)
    inc = np.column_stack(
        [t.tp_income_salary, t.tp_income_business, t.tp_income_pension, t.tp_income_real_estate]
    ).astype(float)
    known = ~np.isnan(inc).any(axis=1)
    total = np.nan_to_num(inc).sum(axis=1)
    has_emp = t.tp_emp >= 0
    X = np.zeros((n, len(FEATURES)))
    X[:, 0] = np.nan_to_num(t.tp_welfare) == 1
    X[:, 1] = known & (total <= 0) & ~has_emp
    X[:, 2] = known & (total <= 0)
    X[:, 3] = has_emp
    X[:, 4] = np.log1p(np.maximum(total, 0.0))
    col = {c: 5 + i for i, c in enumerate(CATEGORIES)}
    for tp, notes in office.hardship_by_tp.items():
        for d, cat in notes:
            if d < as_of and cat in col:
                X[tp, col[cat]] += math.exp(-(as_of - d) / DECAY_DAYS)
    before = office.ev_date < as_of
    asked = np.bincount(office.ev_tp[before], minlength=n)
    found = np.bincount(office.ev_tp[before & office.ev_found], minlength=n)
    X[:, 5 + len(CATEGORIES)] = (asked > 0) & (found == 0)
    X[:, 6 + len(CATEGORIES)] = np.log1p(asked)
    return X


def suspended_taxpayers(office: Office) -> np.ndarray:
    t = office.t
    out = np.zeros(len(t.tp_ids), dtype=bool)
    for c, status in enumerate(t.case_status):
        if status == "suspended":
            out[t.case_tp[c]] = True
    return out


def fit_hardship(office: Office, as_of: int) -> HardshipModel | None:
    """Learn the flag from the office's suspensions, or None when the hand rules should stay."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, precision_recall_curve
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    t = office.t
    y_all = suspended_taxpayers(office)
    first: dict[int, int] = {}
    for c, tp in enumerate(t.case_tp.tolist()):
        first.setdefault(tp, c)
    with_case = np.array(sorted(first), dtype=np.int64)
    y = y_all[with_case]
    if int(y.sum()) < MIN_SUSPENDED or int((~y).sum()) < MIN_SUSPENDED:
        return None
    X_all = taxpayer_features(office, as_of)
    X = X_all[with_case]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    oof = cross_val_predict(LogisticRegression(max_iter=1000), X, y, cv=folds, method="predict_proba")[:, 1]
    precision, recall, thresholds = precision_recall_curve(y, oof)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    best = int(np.argmax(f1))
    rules = np.array([h.flag for h in hardship_many(office, np.array([first[p] for p in with_case.tolist()]),
                                                     as_of, None)])
    f1_rules = float(f1_score(y, rules)) if rules.any() else 0.0
    share = float(y.mean())
    flag_all = 2 * share / (1 + share)  # what flagging everyone would score
    if float(f1[best]) < LEARNED_MARGIN * max(f1_rules, flag_all):
        return None
    clf = LogisticRegression(max_iter=1000).fit(X, y)
    return HardshipModel(as_of=as_of, probability=clf.predict_proba(X_all)[:, 1], suspended=y_all,
                         threshold=float(thresholds[best]), suspended_taxpayers=int(y.sum()),
                         f1_learned=float(f1[best]), f1_rules=f1_rules)


def hardship_model(office: Office, as_of: int) -> HardshipModel | None:
    """The learned flag of the office as of a date, fitted once per (office, date)."""
    cache: dict[int, HardshipModel | None] = office.__dict__.setdefault("_hardship_models", {})
    if as_of not in cache:
        cache[as_of] = fit_hardship(office, as_of)
    return cache[as_of]
