"""The 電子照会 batch: which deposit inquiries to send within a budget.

A greedy knapsack on expected accounts found per yen: sort every allowed (case, deposit
institution) pair by p / cost and take each one that still fits the remaining budget. Greedy
is within one item of the optimum when items are small against the budget (they are: a
single inquiry costs a few hundred yen). Costs come from institutions.csv; an institution
without a cost is priced at the median of the others (100 yen when none has one).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from investigation.office import KIND_CODE, Office
from investigation.types import InquiryRow

FALLBACK_COST_YEN = 100


def inquiry_costs(office: Office) -> np.ndarray:
    """Cost in yen of one inquiry to each institution (never zero, never unknown)."""
    cost = office.t.inst_cost.copy()
    known = cost[~np.isnan(cost) & (cost > 0)]
    fill = float(np.median(known)) if len(known) else FALLBACK_COST_YEN
    cost[np.isnan(cost) | (cost <= 0)] = fill
    return np.ceil(cost).astype(np.int64)


def choose(p: np.ndarray, cost: np.ndarray, budget_yen: int) -> np.ndarray:
    """Indexes chosen by the greedy rule; the total cost never exceeds the budget."""
    order = np.lexsort((cost, -(p / cost)))
    chosen: list[int] = []
    left = int(budget_yen)
    for i in order:
        if p[i] <= 0:
            break
        c = int(cost[i])
        if c <= left:
            chosen.append(int(i))
            left -= c
            if left < int(cost.min()):
                break
    return np.array(chosen, dtype=np.int64)


def plan_inquiries(
    office: Office, case: np.ndarray, target: np.ndarray, score: np.ndarray, budget_yen: int
) -> list[InquiryRow]:
    t = office.t
    deposit = office.target_kind[target] == KIND_CODE["deposit"]
    case, target, score = case[deposit], target[deposit], score[deposit]
    if len(case) == 0:
        return []
    inst = office.target_inst[target]
    cost = inquiry_costs(office)[inst]
    chosen = choose(score, cost, budget_yen)
    rows: list[InquiryRow] = []
    for i in chosen:
        c, k = int(case[i]), int(inst[i])
        tp = int(t.case_tp[c])
        rows.append(
            InquiryRow(
                case_id=t.case_ids[c],
                name_kana=t.tp_name_kana[tp] or "",
                birth_date=dt.date.fromordinal(int(t.tp_birth[tp])).isoformat(),
                address=t.tp_address[tp] or "",
                institution_id=t.inst_ids[k],
                institution_name=t.inst_name[k],
                channel="electronic" if t.inst_electronic[k] == 1 else "paper",
                probability=round(float(score[i]), 4),
                cost_yen=int(cost[i]),
            )
        )
    rows.sort(key=lambda r: (r.institution_id, r.case_id))
    return rows
