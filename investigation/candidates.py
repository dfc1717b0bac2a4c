"""Candidate targets of a case, and what the law and common sense take out.

- nothing for a suspended or closed case;
- nothing to seize from a 生活保護 recipient (生活保護法58条): a 執行停止 review suggestion instead;
- a case flagged by hardship triage for another reason keeps its targets (国税徴収法153条 /
  地方税法15条の7 ask to know that nothing can be seized, which is what the 財産調査 shows),
  beside the 生活再建 panel;
- a target found for the taxpayer in the last FRESH_DAYS is not asked again; an older find
  stays a candidate: a seizure needs today's balance or employer, and the office's history of such re-inquiries (the model's own-history features)
  says how often they still find it; the known assets are listed beside the targets;
- salary only at the employer currently on record (not when the notes say they left it, nor
  when the latest 給与照会 there, in the last FRESH_DAYS, answered 在籍なし).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from investigation.hardship_cases import NO_HARDSHIP, hardship_many
from investigation.hardship_model import hardship_model
from investigation.office import PLAIN_KINDS, Office
from investigation.types import Hardship, KnownAsset, Reason

# A target found for the taxpayer this recently is not asked again (the result is fresh);
# an older find is a candidate again (a seizure needs today's balance or employer).
FRESH_DAYS = 90


@dataclass
class Candidates:
    """Pairs to score, and per asked case its hardship and why it has no targets (if so)."""

    case: np.ndarray  # case positions, one per pair
    target: np.ndarray  # target positions
    hardship: dict[int, Hardship]
    excluded: dict[int, Reason]


def candidates(
    office: Office, cases: list[int], as_of: int, *, check_status: bool = True, learned_hardship: bool = True
) -> Candidates:
    """All allowed (case, target) pairs of the given cases as of a date.

    ``check_status=False`` is for the evaluation on past cases, which may be closed by now.
    """
    t = office.t
    case_a = np.asarray(cases, dtype=np.int64)
    hardship: dict[int, Hardship] = {}
    excluded: dict[int, Reason] = {}
    status_ok = np.ones(len(case_a), dtype=bool)
    if check_status:
        for i, c in enumerate(cases):
            status = t.case_status[c]
            if status != "open":
                status_ok[i] = False
                excluded[c] = Reason(f"recommend.excluded_{status}")
                hardship[c] = NO_HARDSHIP
    checked = case_a[status_ok]
    allowed = np.zeros(len(checked), dtype=bool)
    hm = hardship_model(office, as_of) if learned_hardship else None
    for i, (c, h) in enumerate(zip(checked.tolist(), hardship_many(office, checked, as_of, hm), strict=True)):
        hardship[c] = h
        if h.flag and bool(t.tp_welfare[t.case_tp[c]] == 1):
            excluded[c] = Reason("recommend.excluded_welfare")
        else:
            allowed[i] = True
    ok = checked[allowed]
    if len(ok) == 0:
        return Candidates(np.zeros(0, np.int64), np.zeros(0, np.int64), hardship, excluded)

    common = np.concatenate(
        [office.inst_target[office.inst_target >= 0],
         np.array([office.plain_target[k] for k in PLAIN_KINDS], dtype=np.int64)]
    )
    pair_case = [np.repeat(ok, len(common))]
    pair_target = [np.tile(common, len(ok))]
    tp = t.case_tp[ok]
    emp = t.tp_emp[tp]
    left = office.employment.last_found_before(tp, np.full(len(tp), as_of))
    # 在籍なし: the latest 給与照会 at the employer on record, in the last FRESH_DAYS, found
    # nobody (a correction or an undo changes the latest result, and with it this). An older
    # 在籍なし does not count: the employer on record may be newer than the answer.
    emp_key = tp * office.n_targets + office.emp_target[np.maximum(emp, 0)]
    at = np.full(len(tp), as_of)
    recent = office.own.before(emp_key, at)[0] > office.own.before(emp_key, at - FRESH_DAYS)[0]
    gone = recent & ~office.own.last_found_before(emp_key, at)
    # salary only at the employer on record, unless notes say 退職 or its 照会 said 在籍なし
    salaried = (emp >= 0) & ~left & ~gone
    pair_case.append(ok[salaried])
    pair_target.append(office.emp_target[emp[salaried]])
    case_p = np.concatenate(pair_case)
    target_p = np.concatenate(pair_target)
    key = t.case_tp[case_p] * office.n_targets + target_p
    now = np.full(len(case_p), as_of)
    held = office.own.last_found_before(key, now)
    n_now, _ = office.own.before(key, now)
    n_then, _ = office.own.before(key, now - FRESH_DAYS)
    fresh = held & (n_now > n_then)  # the latest result is 'found' and recent: nothing to ask
    return Candidates(case_p[~fresh], target_p[~fresh], hardship, excluded)


def known_assets(office: Office, cases: Sequence[int], as_of: int) -> dict[int, list[KnownAsset]]:
    """Per case: the targets whose latest result for its taxpayer before ``as_of`` is 'found'
    (the ones the candidates leave out as already held), newest first."""
    if not len(cases):
        return {}
    t = office.t
    case_arr = np.asarray(cases, dtype=np.int64)
    tps = t.case_tp[case_arr]
    rows = np.flatnonzero(office.ev_found & (office.ev_date < as_of) & np.isin(office.ev_tp, np.unique(tps)))
    latest: dict[tuple[int, int], int] = {}  # (taxpayer, target) → event row of its latest 'found'
    for r in rows.tolist():
        key = (int(office.ev_tp[r]), int(office.ev_target[r]))
        if key not in latest or office.ev_date[r] >= office.ev_date[latest[key]]:
            latest[key] = r
    keys = list(latest)
    if keys:
        codes = np.array([tp * office.n_targets + tg for tp, tg in keys], dtype=np.int64)
        held = office.own.last_found_before(codes, np.full(len(codes), as_of))
    else:
        held = np.zeros(0, dtype=bool)
    by_tp: dict[int, list[KnownAsset]] = {}
    for (tp, tg), still, r in zip(keys, held.tolist(), (latest[k] for k in keys), strict=True):
        if not still:
            continue
        by_tp.setdefault(tp, []).append(
            KnownAsset(
                target_kind=office.target_kind_name[tg],
                target_id=office.target_id[tg],
                target_name=office.target_name[tg],
                found_on=dt.date.fromordinal(int(office.ev_date[r])).isoformat(),
                case_id=t.case_ids[int(office.ev_case[r])],
            )
        )
    for assets in by_tp.values():
        assets.sort(key=lambda a: (a.found_on, a.target_kind, a.target_id), reverse=True)
    return {int(c): by_tp.get(int(tp), []) for c, tp in zip(case_arr.tolist(), tps.tolist(), strict=True)}
