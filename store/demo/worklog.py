"""処理実績: hours per (case, staff, fiscal year) = effort × speed × exposure × noise."""

from __future__ import annotations

import datetime as dt

import numpy as np

from store.demo.caseload import Cases, Staff, fiscal_year, fy_bounds

CLOSED_RESULTS = ("paid_full", "seized", "installment")
CLOSED_P = (0.55, 0.25, 0.2)


def work_log_rows(rng: np.random.Generator, cases: Cases, staff: Staff, today: dt.date) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    this_fy = fiscal_year(today)
    for j, cid in enumerate(cases.ids):
        status = cases.status[j]
        final = "suspended" if status == "suspended" else CLOSED_RESULTS[int(rng.choice(3, p=CLOSED_P))]
        plan_from = cases.opened[j] + dt.timedelta(days=int(rng.uniform(30, 400)))
        for fy, s in sorted(cases.holder[j].items()):
            start, stop = fy_bounds(fy)
            lo = max(start, cases.opened[j])
            hi = min(stop, cases.end[j], today)
            exposure = ((hi - lo).days + 1) / 365.0
            if exposure <= 0.02:
                continue
            hours = cases.effort[j] * staff.speed[s] * exposure * rng.lognormal(0, 0.25)
            last = fy == fiscal_year(cases.end[j]) or fy == this_fy
            if status != "open" and last:
                result = final
            elif cases.installment[j] and plan_from <= hi:
                result = "installment"
            else:
                result = "ongoing"
            rows.append(
                {
                    "case_id": cid,
                    "staff_id": staff.ids[s],
                    "fiscal_year": fy,
                    "hours": round(max(0.1, float(hours)), 1),
                    "result": result,
                }
            )
    return rows
