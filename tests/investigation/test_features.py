"""Features are counted strictly before the prediction date, leaving the taxpayer out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
from sqlmodel import Session

from investigation.engine import training_set
from investigation.features import F, pair_features
from investigation.office import prepare
from store.investigation_queries import OfficeTables, load_office
from tests.investigation.conftest import Tiny


def _tables(tiny: Tiny) -> OfficeTables:
    with Session(tiny.engine) as session:
        return load_office(session=session)


def _with_later_rows(t: OfficeTables, case: int, when: int) -> OfficeTables:
    """The same office plus, for one case, a found result at every institution and a note
    naming every institution — all dated on or after ``when``."""
    inv_case = list(t.inv_case)
    inv_date = list(t.inv_date)
    inv_kind = list(t.inv_kind)
    inv_id = list(t.inv_target_id)
    inv_found = list(t.inv_found)
    for day in (when, when + 30):
        for iid, kind in zip(t.inst_ids, t.inst_kind, strict=True):
            target_kind = {"life_insurer": "life_insurance", "securities": "securities"}.get(kind, "deposit")
            inv_case.append(case)
            inv_date.append(day)
            inv_kind.append(target_kind)
            inv_id.append(iid)
            inv_found.append(True)
    note_text = [*t.note_text, "。".join(f"{n}に口座ありと聴取" for n in t.inst_name), "年金受給、土地所有、自動車あり"]
    return dataclasses.replace(
        t,
        inv_case=np.array(inv_case),
        inv_date=np.array(inv_date),
        inv_kind=inv_kind,
        inv_target_id=inv_id,
        inv_found=np.array(inv_found),
        note_case=np.array([*t.note_case, case, case]),
        note_date=np.array([*t.note_date, when, when]),
        note_text=note_text,
    )


def test_a_cases_own_later_results_and_notes_never_feed_its_features(tiny: Tiny) -> None:
    t = _tables(tiny)
    case = t.case_index["1010"]
    as_of = dt.date(2024, 6, 1).toordinal()
    before = prepare(t)
    targets = np.arange(before.n_targets)
    cases = np.full(len(targets), case)
    X0 = pair_features(before, cases, targets, np.full(len(targets), as_of))

    after = prepare(_with_later_rows(t, case, as_of))  # same day counts as later, too
    X1 = pair_features(after, cases, targets, np.full(len(targets), as_of))
    np.testing.assert_allclose(np.nan_to_num(X0, nan=-1), np.nan_to_num(X1, nan=-1), rtol=1e-9, atol=1e-12)

    # and the rows exist: one day later they do feed the features
    X2 = pair_features(after, cases, targets, np.full(len(targets), as_of + 1))
    assert X2[:, F["own_n"]].sum() > X0[:, F["own_n"]].sum()
    assert X2[:, F["note_mentions"]].sum() > X0[:, F["note_mentions"]].sum()


def test_training_rows_see_only_what_was_known_before_their_date(tiny: Tiny) -> None:
    t = _tables(tiny)
    case = t.case_index["1010"]
    when = int(t.inv_date[t.inv_case == case].min())  # the case's first inquiry
    ts0 = training_set(prepare(t), unasked_weight=0)
    X1 = training_set(prepare(_with_later_rows(t, case, when)), unasked_weight=0).X[: len(ts0.X)]
    # every training row up to that date (the case's own first inquiries too) is unchanged
    known = ts0.dates <= when
    assert known.sum() > 10
    np.testing.assert_allclose(
        np.nan_to_num(ts0.X[known], nan=-1), np.nan_to_num(X1[known], nan=-1), rtol=1e-9, atol=1e-12
    )
    # later rows of other cases may see them (they happened before those rows)
    assert not np.allclose(np.nan_to_num(ts0.X[~known], nan=-1), np.nan_to_num(X1[~known], nan=-1))


def test_coworker_counts_leave_the_taxpayer_out(tiny: Tiny) -> None:
    t = _tables(tiny)
    office = prepare(t)
    case = t.case_index["1002"]  # a 東西工業 employee, paid into 東西銀行 (found)
    bank = office.target_of("deposit", "0001")
    later = dt.date(2027, 1, 1).toordinal()
    x = pair_features(office, np.array([case]), np.array([bank]), np.array([later]))[0]
    # the 30 history employees of 東西工業 but H002 itself, and X3 (found at 東西銀行 too)
    coworkers_paid_there = sum(1 for n in range(0, 60, 2) if n != 2) + 1
    assert x[F["coworkers_found"]] == coworkers_paid_there
    assert x[F["own_found_decayed"]] > 0  # its own result is a separate feature


def test_distance_to_the_nearest_branch_is_in_km(tiny: Tiny) -> None:
    office = prepare(_tables(tiny))
    a1 = office.t.area_ids.index("A1")
    i = office.t.inst_ids.index("0001")
    assert 0.05 < office.dist_area_inst[a1, i] < 0.3  # 35.700,139.700 → 35.701,139.701
    online = np.isnan(office.dist_area_inst[:, office.t.inst_ids.index("S01")])
    assert online.all()  # no branch: unknown, not zero


def test_the_veteran_rules_feature_ranks_as_a_veteran_would() -> None:
    """The hand-written rules (the evaluation's veteran baseline, and a feature of the model):
    salary, pension for the elderly, a bank named in the notes, assessed property, receivables,
    the co-workers' payroll bank (unless far away), vehicles, then the nearest branch first."""
    from investigation.features import FEATURES, rules_score
    from investigation.office import KIND_CODE

    def row(kind: str, **cols: float) -> np.ndarray:
        x = np.full(len(FEATURES), np.nan)
        x[F["target_kind"]] = KIND_CODE[kind]
        for name, value in {"age": 70, "log_income_pension": 0, "fixed_asset_tax": 1, "light_vehicle_tax": 1,
                            "log_income_business": 12, "note_mentions": 0, **cols}.items():
            x[F[name]] = value
        return x

    rows = {
        "salary": row("salary"),
        "pension": row("pension"),
        "named bank": row("deposit", note_mentions=1, km_home=3.0),
        "property": row("real_estate"),
        "receivable": row("receivable"),
        "co-workers' bank": row("deposit", coworkers_found=4, km_home=2.0),
        "vehicle": row("vehicle"),
        "near bank": row("deposit", km_home=0.3),
        "far bank": row("deposit", km_home=4.0),
    }
    X = np.vstack(list(rows.values()))
    score = rules_score(X[:, F["target_kind"]].astype(np.int64), X)
    assert [name for _, name in sorted(zip(-score, rows, strict=True))] == list(rows)
    # no pension for the young without pension income, no property without 固定資産税
    young = np.vstack([row("pension", age=40), row("real_estate", fixed_asset_tax=0)])
    assert (rules_score(young[:, F["target_kind"]].astype(np.int64), young) == 0).all()


def test_shrinkage_strength_is_estimated_from_earlier_inquiries_only(tiny: Tiny) -> None:
    t = _tables(tiny)
    case = t.case_index["1010"]
    when = dt.date(2024, 6, 1).toordinal()
    before, after = prepare(t), prepare(_with_later_rows(t, case, when))
    used_before = before.prior_strength_dates <= when
    assert used_before.any()
    rows = np.r_[0, np.flatnonzero(used_before) + 1]  # row 0: the default before any checkpoint
    np.testing.assert_allclose(before.kind_prior_strength[rows], after.kind_prior_strength[rows])
    kinds = np.arange(before.kind_prior_strength.shape[1])
    np.testing.assert_allclose(
        before.prior_strength_at(kinds, np.full(len(kinds), when)),
        after.prior_strength_at(kinds, np.full(len(kinds), when)),
    )


def test_a_kind_whose_targets_differ_little_is_pulled_harder_toward_its_rate() -> None:
    from investigation.office import TARGET_KINDS, prior_strength

    rng = np.random.default_rng(0)
    # kind 0: 40 targets all near 30 %; kind 1: 40 targets at 5 % or 60 %
    target_kind = np.r_[np.zeros(40, np.int64), np.ones(40, np.int64)]
    rates = np.r_[np.full(40, 0.3), np.where(np.arange(40) % 2 == 0, 0.05, 0.6)]
    ev_target = np.repeat(np.arange(80), 60)
    ev_found = rng.random(len(ev_target)) < rates[ev_target]
    m = prior_strength(target_kind, ev_target, ev_found, 80)
    assert len(m) == len(TARGET_KINDS)
    assert m[0] > 5 * m[1]
