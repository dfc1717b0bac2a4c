"""処分・収納の経過 (actions.csv) of the synthetic office, drawn from a stream of its own (the other
files do not shift when these habits change).

- 督促: one per period, about 20 days after its 納期限 (the law asks for it within 20 days; a few
  go out late), periods spaced evenly over the year from ``oldest_due``.
- 催告: one to three 催告書 over the case's life.
- 分納誓約: for cases with one (``Cases.installment``), on the day and for the monthly amount the
  経過記録 wrote down when they did, then monthly payments that often stop (分納不履行) after a few
  months.
- 一部納付: now and then for the rest (more for premiums, where officers know the claim
  prescribes in two years).
- 差押: for about 9 % of the open cases with no hardship, released (取立・換価の完了) after one to
  ten months for most of them.
- 執行停止: every suspended case on the day it was suspended; a few open hardship cases were
  suspended and the suspension later revoked (取消).
- 猶予: 徴収猶予・換価の猶予 of six months to a year for about 2 % of the open cases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from bot.demo.caseload import PER_PERIOD, Cases, Staff, fiscal_year
from bot.demo.population import Taxpayers

STREAM = 18  # this module's own random stream: default_rng([seed, STREAM])
_PLEDGE = re.compile(r"月(\d+)万円で分納誓約")


def _day(start: dt.date, days: float) -> dt.date:
    return start + dt.timedelta(days=int(days))


def _who(staff: Staff, cases: Cases, j: int, d: dt.date) -> str:
    h = cases.holder[j]
    return staff.ids[h.get(fiscal_year(d), next(iter(h.values())))]


def _pledges(notes: Iterable[Mapping[str, object]]) -> dict[str, tuple[dt.date, int]]:
    """The day and monthly amount of each case's 分納誓約 as the 経過記録 wrote it down."""
    out: dict[str, tuple[dt.date, int]] = {}
    for note in notes:
        m = _PLEDGE.search(str(note["text"]))
        if m and str(note["case_id"]) not in out:
            out[str(note["case_id"])] = (dt.date.fromisoformat(str(note["date"])), int(m.group(1)) * 10_000)
    return out


def action_rows(
    *, seed: int, cases: Cases, tp: Taxpayers, staff: Staff, today: dt.date, notes: Iterable[Mapping[str, object]] = ()
) -> Iterator[dict[str, object]]:
    """The rows of actions.csv, case by case, in date order within a case. A 分納誓約 written in
    the notes is dated and priced as written there."""
    rng = np.random.default_rng([seed, STREAM])
    written = _pledges(notes)
    for j, cid in enumerate(cases.ids):
        rows: list[tuple[dt.date, str, int | None, str | None]] = []
        kind = cases.kind[j]
        end = min(cases.end[j], today)
        opened = cases.opened[j]
        i = int(cases.taxpayer[j])
        poor = bool(tp.hardship[i] > 0 or tp.welfare[i])
        premium = "保険料" in kind
        per_year = PER_PERIOD[kind][1]
        per_period = max(1000, int(cases.amount[j]) // max(1, int(cases.periods[j])))
        # 督促 for each period (the case's periods start at oldest_due, spaced over the year).
        step = 365.0 / per_year
        for p in range(int(cases.periods[j])):
            due = _day(cases.oldest_due[j], p * step)
            sent = _day(due, 20 + int(rng.integers(1, 40) if rng.random() < 0.04 else rng.integers(-3, 4)))
            if sent <= end:
                rows.append((sent, "demand", None, None))
        span = max(1, (end - opened).days)
        for _ in range(int(rng.integers(1, 4))):
            rows.append((_day(opened, rng.uniform(0, span)), "reminder", None, "催告書送付"))
        if cases.installment[j]:
            pledged = _day(opened, rng.uniform(0, span * 0.8))
            months = int(rng.integers(1, 12)) if rng.random() < 0.6 else 36
            monthly = int(round(per_period * rng.uniform(0.3, 1.0), -2)) or 1000
            if cid in written:
                pledged, monthly = written[cid]
            rows.append((pledged, "pledge", None, "分納誓約"))
            for m in range(1, months + 1):
                paid = _day(pledged, 30.4 * m + int(rng.integers(-3, 4)))
                if paid > end:
                    break
                rows.append((paid, "payment", monthly, None))
        else:
            yearly = 0.9 if premium else 0.35
            d = _day(opened, rng.uniform(30, 420))
            while d <= end:
                if rng.random() < yearly:
                    rows.append((d, "payment", int(round(per_period * rng.uniform(0.2, 1.0), -2)) or 1000, None))
                d = _day(d, rng.uniform(200, 500))
        status = cases.status[j]
        if status == "open" and not poor and rng.random() < 0.09 and span > 120:
            seized = _day(opened, rng.uniform(90, span))
            rows.append((seized, "seizure", None, "預金差押" if rng.random() < 0.7 else "給与差押"))
            released = _day(seized, rng.uniform(30, 300))
            if rng.random() < 0.75 and released <= end:
                rows.append((released, "seizure_released", None, "取立完了"))
        if status == "suspended":
            rows.append((cases.end[j], "suspension", None, "滞納処分の執行停止（地方税法15条の7第1項）"))
        elif status == "open" and poor and rng.random() < 0.05 and span > 200:
            stop = _day(opened, rng.uniform(30, span - 120))
            rows.append((stop, "suspension", None, None))
            rows.append((_day(stop, rng.uniform(60, 400)) if _day(stop, 60) <= end else end, "suspension_revoked", None, "資力回復"))
        elif status == "open" and rng.random() < 0.02 and span > 60:
            start = _day(opened, rng.uniform(0, span))
            rows.append((start, "deferral", None, "徴収猶予" if rng.random() < 0.5 else "換価の猶予"))
            stop = _day(start, rng.uniform(180, 365))
            if stop <= end:
                rows.append((stop, "deferral_end", None, None))
        rows = list(dict.fromkeys(r for r in rows if r[0] <= end))
        rows.sort(key=lambda r: (r[0], r[1]))
        for d, action, amount, note in rows:
            yield {
                "case_id": cid,
                "date": d,
                "action": action,
                "amount": amount,
                "staff_id": _who(staff, cases, j, d),
                "note": note,
            }
