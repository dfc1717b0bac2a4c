"""Training rows (real inquiries and weak negatives) and the holdout evaluation."""

from __future__ import annotations

import numpy as np
from sqlmodel import Session

from investigation import service
from investigation.engine import UNASKED_KINDS, training_set
from investigation.evaluate import evaluate, read_hardship_truth, read_odds, read_truth
from investigation.features import F
from investigation.office import KIND_CODE
from tests.investigation.conftest import Tiny


def test_weak_negatives_are_unasked_register_checks_dated_at_the_last_inquiry(tiny: Tiny) -> None:
    with Session(tiny.engine) as session:
        office = service.office_of(session=session)
    ts = training_set(office, unasked_weight=0.05)
    assert ts.real is not None and ts.weight is not None
    real, weak = ts.real, ~ts.real
    assert real.sum() == len(office.ev_date) and weak.sum() > 0
    assert (ts.y[weak] == 0).all() and np.allclose(ts.weight[real], 1.0) and (ts.weight[weak] < 1).all()
    codes = {KIND_CODE[k] for k in UNASKED_KINDS}
    assert set(ts.X[weak, F["target_kind"]].astype(int).tolist()) <= codes
    last = {int(c): int(office.ev_date[office.ev_case == c].max()) for c in np.unique(office.ev_case)}
    assert set(ts.dates[weak].tolist()) <= set(last.values())


def test_holdout_evaluation_counts_found_assets_for_every_method(demo_office) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_office.engine) as session:
        office = service.office_of(session=session)
    report = evaluate(office, truth=read_truth(demo_office.truth_dir), references=False)
    assert set(report.results) == {"model", "novice", "popularity", "veteran"}
    assert report.holdout_cases > 20
    for method in report.results:
        assert report.per200(method, "truth") is not None
        assert report.per200(method, "observed") is not None
    assert report.per200("model", "truth") > report.per200("novice", "truth")  # type: ignore[operator]
    # Per-case counts add up to the totals, so the bootstrap resamples the same figures.
    for method, r in report.results.items():
        assert r.truth_by_case is not None and int(r.truth_by_case.sum()) == r.truth_found, method
        assert int(r.observed_by_case.sum()) == r.observed_found, method  # type: ignore[union-attr]
    lo, hi = report.ratio_interval("model", "novice")  # type: ignore[misc]
    point = report.per200("model", "truth") / report.per200("novice", "truth")  # type: ignore[operator]
    assert lo <= point <= hi


def test_reference_rows_bound_the_methods_and_appear_only_with_the_truth(demo_office) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_office.engine) as session:
        office = service.office_of(session=session)
    odds = read_odds(demo_office.truth_dir)
    assert odds is not None
    report = evaluate(office, truth=read_truth(demo_office.truth_dir), odds=odds)
    assert {"ceiling", "world", "oracle"} <= set(report.results)
    per200 = {m: report.per200(m) for m in report.results}
    # the oracle proposes what is held: nothing finds more
    assert all(per200["oracle"] >= v for v in per200.values())  # type: ignore[operator]
    # the generator's own probabilities beat rules and the blind baselines
    assert per200["world"] > per200["novice"] and per200["world"] > per200["popularity"]  # type: ignore[operator]
    share = report.share_of_ceiling_gain()
    if per200["ceiling"] > per200["veteran"]:  # type: ignore[operator]
        assert share is not None
        assert share == (per200["model"] - per200["veteran"]) / (per200["ceiling"] - per200["veteran"])  # type: ignore[operator]
    # without the truth there is nothing to refer to
    plain = evaluate(office)
    assert set(plain.results) == {"model", "novice", "popularity", "veteran"}
    assert plain.share_of_ceiling_gain() is None


def test_paired_ratio_interval_is_tight_for_a_clear_gap_and_straddles_one_for_none() -> None:
    from investigation.evaluate import paired_ratio_interval

    rng = np.random.default_rng(3)
    base = rng.integers(0, 3, size=2000).astype(float)
    better = base + (rng.random(2000) < 0.5)
    lo, hi = paired_ratio_interval(better, base)  # type: ignore[misc]
    assert 1.3 < lo <= better.sum() / base.sum() <= hi and hi - lo < 0.15
    lo, hi = paired_ratio_interval(base, base[rng.permutation(2000)])  # type: ignore[misc]
    assert lo < 1.0 < hi
    assert paired_ratio_interval(np.zeros(0), np.zeros(0)) is None


def _rows(n: int, rng: np.random.Generator) -> np.ndarray:
    from investigation.features import FEATURES

    X = rng.random((n, len(FEATURES)))
    X[:, F["target_kind"]] = KIND_CODE["deposit"]
    return X


def test_a_model_worse_than_the_rules_on_the_newest_history_defers_to_the_rules() -> None:
    """A young office: the rules rank the newest inquiries better than what the model learnt,
    so the targets are ranked by the rules (the model only breaks their ties)."""
    from investigation import model as model_mod

    rng = np.random.default_rng(0)
    n = 600
    X = _rows(n, rng)
    dates = np.arange(n) + 700_000
    y = (rng.random(n) < 0.3).astype(int)  # older history: the rules say nothing …
    newest = dates >= dates[int(n * 0.8)]
    X[newest, F["rules_score"]] = np.where(y[newest] == 1, 80.0, 10.0)  # … the newest: they are right
    X[~newest, F["rules_score"]] = rng.random(int((~newest).sum())) * 90
    fitted = model_mod.fit(X, y, dates, cases=n)
    assert fitted.card.ranker == "rules"
    assert fitted.card.holdout_auc_rules is not None and fitted.card.holdout_auc is not None
    assert fitted.card.holdout_auc_rules > fitted.card.holdout_auc
    # ranked by the rules: a higher rules score always comes first
    probe = _rows(50, rng)
    probe[:, F["rules_score"]] = np.arange(50) * 2.0
    assert (np.diff(fitted.raw(probe)) > 0).all()
    assert "veteran rules" in fitted.card.summary()


def test_a_model_that_learnt_more_than_the_rules_ranks_itself() -> None:
    from investigation import model as model_mod

    rng = np.random.default_rng(1)
    n = 600
    X = _rows(n, rng)
    y = (X[:, F["note_mentions"]] > 0.6).astype(int)  # something the rules do not score
    # ten inquiries per case: the holdout compares the rankings by found in the top 5 per case
    fitted = model_mod.fit(X, y, np.arange(n) + 700_000, cases=n // 10, group=np.arange(n) // 10)
    assert fitted.card.ranker in ("model", "blend")
    assert fitted.card.holdout_auc is not None and fitted.card.holdout_auc > 0.9


def test_hardship_triage_is_scored_against_the_truth_and_beats_chance(demo_office) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_office.engine) as session:
        office = service.office_of(session=session)
    really = read_hardship_truth(demo_office.truth_dir)
    assert really  # the generator writes who is in hardship
    report = evaluate(office, truth=read_truth(demo_office.truth_dir), references=False, hardship_truth=really)
    precision, recall = report.hardship_precision(), report.hardship_recall()
    assert precision is not None and recall is not None
    base_rate = report.hardship_true / report.holdout_cases  # type: ignore[operator]
    assert precision > 1.5 * base_rate  # a flag says more than picking cases at random
    assert recall > 0.3
    # without the hardship truth there is nothing to score
    assert evaluate(office, truth=read_truth(demo_office.truth_dir), references=False).hardship_precision() is None
