"""処理実績: hours per (case, staff, fiscal year).

Two stories (``story``):

* ``"interaction"`` (default): 練馬's finding — the gap between a 新任 and a 熟練 officer grows
  with difficulty: hours = effort × speed ** SCALE[difficulty] × exposure ** EXPOSURE × event ×
  noise. Work comes in bursts (督促, 催告 and the first investigation right after a case opens:
  a case opened in February is not ten times lighter per year), and a seizure or an installment
  agreement in the year adds work.
* ``"proportional"``: the old story, hours = effort × speed × exposure × noise.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from bot.demo.caseload import Cases, Staff, fiscal_year, fy_bounds

CLOSED_RESULTS = ("paid_full", "seized", "installment")
CLOSED_P = (0.55, 0.25, 0.2)
STORIES = ("interaction", "proportional")
# interaction story: how much an officer's speed counts on 易 / 中 / 難 (speed ** scale)
SCALE = (0.4, 1.0, 1.6)
EXPOSURE = 0.3  # hours ∝ exposure ** 0.3: bursts at the start
EVENT_FACTOR = {"seized": 1.35, "installment": 1.15}


def hours_factor(story: str, speed: float, difficulty: int) -> float:
    """True hours multiplier of an officer of ``speed`` on a case of ``difficulty`` (1..3)."""
    if story == "proportional":
        return speed
    return float(speed ** SCALE[difficulty - 1])


def work_log_rows(
    rng: np.random.Generator, cases: Cases, staff: Staff, today: dt.date, *, story: str = "interaction"
) -> list[dict[str, object]]:
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
            if status != "open" and fy in (last_fy, this_fy):
                result = final
            elif cases.installment[j] and plan_from <= hi:
                result = "installment"
            else:
                result = "ongoing"
            if story == "proportional":
                hours = effort[j] * speed[s] * exposure * noise[k - 1]
            else:
                factor = hours_factor(story, speed[s], int(cases.difficulty[j]))
                hours = effort[j] * factor * exposure**EXPOSURE * EVENT_FACTOR.get(result, 1.0) * noise[k - 1]
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
