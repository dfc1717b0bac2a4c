"""A small office written straight into a fresh store: a supervisor, three officers, 40 cases
and two fiscal years of work log (officer A02 is twice as fast as A03)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.models import Area, Case, Staff, Taxpayer, WorkLog

SPEED = {"S01": 0.8, "A01": 1.0, "A02": 0.7, "A03": 1.4}


def build_office(
    engine: Engine,
    *,
    cases: int = 40,
    capacity: dict[str, int | None] | None = None,
    work_log: bool = True,
    locked: dict[str, str] | None = None,
) -> list[str]:
    """Returns the case ids. ``locked`` maps case id → staff id (assigned and locked)."""
    caps = {"S01": 20, "A01": 20, "A02": 20, "A03": 20, **(capacity or {})}
    rng = np.random.default_rng(11)
    staff_ids = list(SPEED)
    ids = [f"{i:05d}" for i in range(1, cases + 1)]
    effort = rng.lognormal(np.log(8), 0.6, cases)
    with Session(engine) as session:
        session.add(Area(area_code="A1", name="本町一丁目"))
        session.add_all(
            [
                Staff(staff_id="S01", name="佐藤 花子", role="supervisor", years_experience=15, capacity=caps["S01"], team="1"),
                Staff(staff_id="A01", name="鈴木 一郎", role="staff", years_experience=6, capacity=caps["A01"], team="1"),
                Staff(staff_id="A02", name="高橋 次郎", role="staff", years_experience=12, capacity=caps["A02"], team="1"),
                Staff(staff_id="A03", name="田中 三郎", role="staff", years_experience=1, capacity=caps["A03"], team="1"),
            ]
        )
        for i, cid in enumerate(ids):
            session.add(
                Taxpayer(taxpayer_id=f"T{cid}", birth_date=dt.date(1970 + i % 30, 5, 1), area_code="A1",
                         income_salary=int(3_000_000 + 10_000 * i) if i % 3 else None)
            )
        session.flush()
        for i, cid in enumerate(ids):
            holder = staff_ids[1 + i % 3]
            lock_to = (locked or {}).get(cid)
            session.add(
                Case(
                    case_id=cid, taxpayer_id=f"T{cid}", tax_kind="住民税", amount_due=int(50_000 * effort[i]),
                    oldest_due=dt.date(2023, 5, 31), periods=int(1 + effort[i] // 3), status="open",
                    staff_id=lock_to or holder, opened_on=dt.date(2023, 4, 1), assignment_locked=lock_to is not None,
                )
            )
        session.flush()
        if work_log:
            for i, cid in enumerate(ids):
                for year, who in ((2023, staff_ids[1 + i % 3]), (2024, staff_ids[1 + (i + 1) % 3])):
                    session.add(
                        WorkLog(case_id=cid, staff_id=who, fiscal_year=year,
                                hours=round(float(effort[i] * SPEED[who] * rng.lognormal(0, 0.1)), 1),
                                result="ongoing", row_hash=f"{cid}-{year}")
                    )
        session.commit()
    return ids
