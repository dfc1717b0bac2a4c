"""The hardship flag learned from the office's own suspensions (執行停止)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np

from investigation.hardship import HardshipInput, Learned, triage
from investigation.hardship_model import MIN_SUSPENDED, fit_hardship

AS_OF = dt.date(2026, 3, 31).toordinal()
NAN = float("nan")


def _office(n: int = 400, seed: int = 0) -> tuple[SimpleNamespace, dict[str, np.ndarray]]:
    """An office whose officers suspended the taxpayers with a recent 生活困窮 note; old notes
    and a bare no-income record did not lead to suspension."""
    rng = np.random.default_rng(seed)
    recent = rng.random(n) < 0.15
    old = ~recent & (rng.random(n) < 0.15)
    no_income = rng.random(n) < 0.2
    suspended = recent & (rng.random(n) < 0.8)
    notes: dict[int, list[tuple[int, str]]] = {}
    for i in range(n):
        if recent[i]:
            notes[i] = [(AS_OF - int(rng.integers(10, 120)), "生活困窮")]
        elif old[i]:
            notes[i] = [(AS_OF - int(rng.integers(1500, 2500)), "生活困窮")]
    salary = np.where(no_income, 0.0, 3_000_000.0)
    t = SimpleNamespace(
        tp_ids=[f"T{i}" for i in range(n)],
        tp_income_salary=salary,
        tp_income_business=np.zeros(n),
        tp_income_pension=np.zeros(n),
        tp_income_real_estate=np.zeros(n),
        tp_emp=np.where(no_income, -1, 0),
        tp_welfare=np.zeros(n),
        case_tp=np.arange(n),
        case_status=["suspended" if s else "open" for s in suspended],
    )
    office = SimpleNamespace(
        t=t, hardship_by_tp=notes, ev_date=np.zeros(0, dtype=np.int64), ev_tp=np.zeros(0, dtype=np.int64),
        ev_found=np.zeros(0, dtype=bool),
    )
    return office, {"recent": recent, "old": old, "no_income": no_income, "suspended": suspended}


def test_the_flag_follows_the_offices_suspensions_not_every_sign() -> None:
    office, truth = _office()
    hm = fit_hardship(office, AS_OF)  # type: ignore[arg-type]
    assert hm is not None
    flagged = np.array([hm.flag(i, welfare=False) for i in range(len(truth["recent"]))])
    # a recent 生活困窮 note: flagged even where the office has not suspended yet
    assert flagged[truth["recent"] & ~truth["suspended"]].mean() >= 0.7
    # a note of five years ago, or no income alone, is not what this office suspends for
    assert flagged[truth["old"] & ~truth["no_income"]].mean() < 0.2
    assert flagged[truth["no_income"] & ~truth["recent"]].mean() < 0.2


def test_an_office_with_few_suspensions_keeps_the_hand_rules() -> None:
    office, truth = _office(n=60)
    assert truth["suspended"].sum() < MIN_SUSPENDED
    assert fit_hardship(office, AS_OF) is None  # type: ignore[arg-type]


def _input(learned: Learned | None) -> HardshipInput:
    return HardshipInput(
        welfare=False, incomes=(0.0, 0.0, 0.0, 0.0), has_employer=False,
        notes=((AS_OF - 30, "病気"),), as_of=AS_OF, learned=learned,
    )


def test_signs_the_learned_flag_rejects_do_not_flag_the_case() -> None:
    assert triage(_input(None)).flag  # the hand rules flag no income and a note
    assert not triage(_input(Learned(flag=False, probability=0.04, suspended=False))).flag


def test_a_learned_flag_shows_the_signs_the_suspension_elsewhere_and_the_likelihood() -> None:
    h = triage(_input(Learned(flag=True, probability=0.62, suspended=True)))
    keys = [r.key for r in h.reasons]
    assert h.flag
    assert {"hardship.no_income", "hardship.note", "hardship.suspended_before", "hardship.learned"} <= set(keys)
    assert keys[-2:] == ["hardship.suggest_suspension", "hardship.suggest_referral"]
    assert next(r for r in h.reasons if r.key == "hardship.learned").params == {"pct": 62}


def test_suspensions_that_follow_no_sign_leave_the_hand_rules_in_place() -> None:
    office, truth = _office()
    rng = np.random.default_rng(5)
    office.t.case_status = ["suspended" if rng.random() < 0.12 else "open" for _ in truth["recent"]]
    assert fit_hardship(office, AS_OF) is None  # type: ignore[arg-type]
