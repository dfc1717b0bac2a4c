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
    n = len(cases.ids)
    finals = rng.choice(len(CLOSED_RESULTS), size=n, p=CLOSED_P).tolist()
    plan_lag = rng.uniform(30, 400, n).astype(int).tolist()
    noise = rng.lognormal(0, 0.25, sum(len(h) for h in cases.holder)).tolist()
    speed = staff.speed.tolist()
    effort = cases.effort.tolist()
    k = 0
    for j, cid in enumerate(cases.ids):
        status = cases.status[j]
        final = "suspended" if status == "suspended" else CLOSED_RESULTS[finals[j]]
        plan_from = cases.opened[j] + dt.timedelta(days=plan_lag[j])
        last_fy = fiscal_year(cases.end[j])
        for fy, s in sorted(cases.holder[j].items()):
            k += 1
            start, stop = fy_bounds(fy)
            lo = max(start, cases.opened[j])
            hi = min(stop, cases.end[j], today)
            exposure = ((hi - lo).days + 1) / 365.0
            if exposure <= 0.02:
                continue
            hours = effort[j] * speed[s] * exposure * noise[k - 1]
            if status != "open" and fy in (last_fy, this_fy):
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
                    "hours": round(max(0.1, hours), 1),
                    "result": result,
                }
            )
    return rows
