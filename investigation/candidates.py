"""Candidate targets of a case, and what the law and common sense take out.

- nothing for a suspended or closed case;
- nothing to seize from a 生活保護 recipient (生活保護法58条), nor from a case flagged by hardship
  triage: those get a 執行停止 review suggestion instead;
- no target whose latest result for the taxpayer is 'found' (already found and still held);
- salary only at the employer currently on record.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from investigation.hardship import HardshipInput, triage
from investigation.office import PLAIN_KINDS, Office
from investigation.types import Hardship, Reason


@dataclass
class Candidates:
    """Pairs to score, and per asked case its hardship and why it has no targets (if so)."""

    case: np.ndarray  # case positions, one per pair
    target: np.ndarray  # target positions
    hardship: dict[int, Hardship]
    excluded: dict[int, Reason]


def hardship_of(office: Office, case: int, as_of: int) -> Hardship:
    t = office.t
    tp = int(t.case_tp[case])
    notes = tuple(office.hardship_by_case.get(case, ()))
    # the taxpayer's other cases speak of the same person
    for other in _cases_of_taxpayer(office, tp):
        if other != case:
            notes += tuple(office.hardship_by_case.get(other, ()))
    return triage(
        HardshipInput(
            welfare=bool(t.tp_welfare[tp] == 1),
            incomes=(
                float(t.tp_income_salary[tp]),
                float(t.tp_income_business[tp]),
                float(t.tp_income_pension[tp]),
                float(t.tp_income_real_estate[tp]),
            ),
            has_employer=bool(t.tp_emp[tp] >= 0),
            notes=tuple((d, w) for d, w in notes),
            as_of=as_of,
        )
    )


def _cases_of_taxpayer(office: Office, tp: int) -> list[int]:
    index = getattr(office, "_cases_by_tp", None)
    if index is None:
        index = {}
        for c, p in enumerate(office.t.case_tp.tolist()):
            index.setdefault(p, []).append(c)
        office._cases_by_tp = index  # type: ignore[attr-defined]
    return list(index.get(tp, []))


def candidates(office: Office, cases: list[int], as_of: int, *, check_status: bool = True) -> Candidates:
    """All allowed (case, target) pairs of the given cases as of a date.

    ``check_status=False`` is for the evaluation on past cases, which may be closed by now.
    """
    t = office.t
    inst_targets = office.inst_target[office.inst_target >= 0]
    plain = np.array([office.plain_target[k] for k in PLAIN_KINDS], dtype=np.int64)
    hardship: dict[int, Hardship] = {}
    excluded: dict[int, Reason] = {}
    pc: list[np.ndarray] = []
    pt: list[np.ndarray] = []
    for c in cases:
        status = t.case_status[c]
        if check_status and status != "open":
            excluded[c] = Reason(f"recommend.excluded_{status}")
            hardship[c] = Hardship(flag=False)
            continue
        h = hardship_of(office, c, as_of)
        hardship[c] = h
        if h.flag:
            excluded[c] = Reason("recommend.excluded_hardship")
            continue
        tp = int(t.case_tp[c])
        emp = int(t.tp_emp[tp])
        parts = [inst_targets]
        left = bool(office.employment.last_found_before(np.array([tp]), np.array([as_of]))[0])
        if emp >= 0 and not left:  # salary only at the employer on record, unless notes say 退職
            parts.append(np.array([office.emp_target[emp]], dtype=np.int64))
        parts.append(plain)
        tg = np.concatenate(parts)
        pc.append(np.full(len(tg), c, dtype=np.int64))
        pt.append(tg)
    if not pc:
        return Candidates(np.zeros(0, np.int64), np.zeros(0, np.int64), hardship, excluded)
    case_a = np.concatenate(pc)
    target_a = np.concatenate(pt)
    held = office.own.last_found_before(t.case_tp[case_a] * office.n_targets + target_a, np.full(len(case_a), as_of))
    return Candidates(case_a[~held], target_a[~held], hardship, excluded)
