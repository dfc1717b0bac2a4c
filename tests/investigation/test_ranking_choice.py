"""The ranking is chosen by what the office cares about (assets found at the top of each case)
and never decided by the order targets happen to be listed in."""

from __future__ import annotations

import numpy as np

from investigation import model as model_mod
from investigation.engine import group_best_first, tiebreak
from investigation.features import FEATURES, F


def _rows(n: int, rng: np.random.Generator) -> np.ndarray:
    X = rng.random((n, len(FEATURES)))
    return X


def test_equal_scores_are_ordered_by_evidence_not_by_list_order() -> None:
    X = np.zeros((3, len(FEATURES)))
    X[:, F["rules_score"]] = [10.0, 10.0, 10.0]
    X[:, F["office_rate_recent"]] = [0.05, 0.40, 0.20]  # the first listed has the weakest record
    X[:, F["office_rate"]] = [0.05, 0.40, 0.20]
    case = np.zeros(3, dtype=np.int64)
    target = np.array([0, 1, 2])
    same = np.full(3, 0.3863)  # a calibration plateau
    order = group_best_first(case, same, target, tiebreak(X))[0]
    assert order.tolist() == [1, 2, 0]
    # listing them the other way round changes nothing
    rev = group_best_first(case, same[::-1], target[::-1], tiebreak(X[::-1]))[0]
    assert target[::-1][rev].tolist() == [1, 2, 0]


def test_found_in_top_k_counts_ties_at_their_expected_value() -> None:
    # six rows of one case, all tied: 2 found → 5 slots hold 5/6 of them on average
    got = model_mod.found_in_top_k(np.zeros(6), np.array([1, 1, 0, 0, 0, 0]), np.zeros(6), k=5)
    assert abs(got[0] - 2 * 5 / 6) < 1e-9


def _history(rules_know: bool, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cases with 10 inquiries each. Early on, what is found follows a feature the rules ignore;
    with ``rules_know`` the newest cases follow the rules' score instead (the office changed),
    so a model fitted on the older history ranks them worse than the rules."""
    rng = np.random.default_rng(seed)
    cases, per = 300, 10
    n = cases * per
    X = np.full((n, len(FEATURES)), np.nan)
    X[:, F["target_kind"]] = 0
    X[:, F["log_income_salary"]] = rng.random(n)
    X[:, F["rules_score"]] = np.round(100 * rng.random(n))
    group = np.repeat(np.arange(cases), per)
    newest = group >= int(cases * 0.8)
    p = X[:, F["log_income_salary"]].copy()
    if rules_know:
        p[newest] = X[newest, F["rules_score"]] / 100
    y = (rng.random(n) < np.clip(p, 0.02, 0.98)).astype(int)
    dates = 738000 + group
    return X, y, dates, group


def test_the_ranking_falls_back_to_the_rules_when_the_holdout_says_they_find_more() -> None:
    X, y, dates, group = _history(rules_know=True)
    fitted = model_mod.fit(X, y, dates, cases=300, group=group)
    found = fitted.card.holdout_found_top_k
    assert set(found) == {"model", "rules", "blend"}
    assert fitted.card.ranker == "rules"
    assert found["rules"] >= max(found.values())
    assert "経験則" in fitted.card.summary()


def test_the_model_ranks_when_it_finds_more_and_the_card_says_by_how_much() -> None:
    X, y, dates, group = _history(rules_know=False)
    fitted = model_mod.fit(X, y, dates, cases=300, group=group)
    found = fitted.card.holdout_found_top_k
    assert fitted.card.ranker in ("model", "blend")
    assert found[fitted.card.ranker] > found["rules"]
    assert "倍" in fitted.card.comparison()
