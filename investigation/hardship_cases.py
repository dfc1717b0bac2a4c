"""The hardship triage of an office's cases: the hand rules (``hardship.triage``), with the
office's learned flag when one is given (``hardship_model.hardship_model``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from investigation.hardship import HardshipInput, Learned, triage
from investigation.office import Office
from investigation.types import Hardship

if TYPE_CHECKING:
    from investigation.hardship_model import HardshipModel

NO_HARDSHIP = Hardship(flag=False)


def _incomes(office: Office, tp: np.ndarray) -> np.ndarray:
    t = office.t
    return np.column_stack(
        [t.tp_income_salary[tp], t.tp_income_business[tp], t.tp_income_pension[tp], t.tp_income_real_estate[tp]]
    )


def hardship_of(office: Office, case: int, as_of: int, hm: HardshipModel | None) -> Hardship:
    """Triage of one case; ``hm=None`` keeps the hand rules (for training rows, where only the
    生活保護 exclusion matters and a model per inquiry date would be wasted)."""
    t = office.t
    tp = int(t.case_tp[case])
    welfare = bool(t.tp_welfare[tp] == 1)
    verdict = None if hm is None else Learned(
        flag=hm.flag(tp, welfare), probability=float(hm.probability[tp]), suspended=bool(hm.suspended[tp])
    )
    return triage(
        HardshipInput(
            welfare=bool(t.tp_welfare[tp] == 1),
            incomes=tuple(float(v) for v in _incomes(office, np.array([tp]))[0]),
            has_employer=bool(t.tp_emp[tp] >= 0),
            notes=tuple(office.hardship_by_tp.get(tp, ())),
            as_of=as_of,
            learned=verdict,
        )
    )


def hardship_many(office: Office, cases: np.ndarray, as_of: int, hm: HardshipModel | None) -> list[Hardship]:
    """Triage of many cases: only those with some sign go through the full rules."""
    t = office.t
    tp = t.case_tp[cases]
    inc = _incomes(office, tp)
    no_income = (~np.isnan(inc)).all(axis=1) & (np.nan_to_num(inc).sum(axis=1) <= 0) & (t.tp_emp[tp] < 0)
    if hm is not None:
        sign = (t.tp_welfare[tp] == 1) | hm.suspended[tp] | (hm.probability[tp] >= hm.threshold)
    else:
        sign = (t.tp_welfare[tp] == 1) | no_income
        sign |= np.array([p in office.hardship_by_tp for p in tp.tolist()], dtype=bool)
    out = [NO_HARDSHIP] * len(cases)
    for i in np.flatnonzero(sign):
        out[i] = hardship_of(office, int(cases[i]), as_of, hm)
    return out
