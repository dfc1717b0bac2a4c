"""Generate the synthetic office and write it as an import directory plus ``truth/``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from bot.demo.actions import action_rows
from bot.demo.caseload import Cases, Staff, cases_per_taxpayer, make_cases, make_staff
from bot.demo.csvio import TRUTH_COLUMNS, write_contract_file, write_csv
from bot.demo.drift import DRIFTS
from bot.demo.history import make_history
from bot.demo.holdings import make_holdings
from bot.demo.notes_styles import NOTES_STYLES, restyle_notes
from bot.demo.population import HARDSHIPS, Taxpayers, income_cell, make_employers, make_taxpayers
from bot.demo.styles import OFFICER_STYLES
from bot.demo.worklog import SCALE, STORIES, work_log_rows
from bot.demo.world import INSTITUTIONS, make_areas, make_branches
from store.errors import InvalidInput

TODAY = dt.date(2026, 10, 1)
CLOSED_SHARE = 0.10  # closed and suspended cases on top of the open ones
GENERATOR_VERSION = 1


def generate_office(
    *,
    out_dir: Path,
    cases: int = 4500,
    seed: int = 1,
    hours_story: str = "interaction",
    officer_style: str = "veteran",
    notes_style: str = "standard",
    drift: str = "none",
) -> Path:
    """Write a synthetic office with ``cases`` open cases (plus about 10 % closed or suspended)
    into ``out_dir`` (the contract's CSV files) and its truth into ``out_dir/truth``.

    The same ``cases`` and ``seed`` give the same bytes. Returns ``out_dir``. ``hours_story``:
    how the work log's hours are drawn (:mod:`bot.demo.worklog`: ``interaction`` or the old
    ``proportional``). ``officer_style``: how officers chose inquiries (:mod:`bot.demo.styles`).
    ``notes_style``: how they word the notes (:mod:`bot.demo.notes_styles`). ``drift``: banks'
    reach changing over the years (:mod:`bot.demo.drift`).
    """
    if cases < 1:
        raise InvalidInput("demo.bad_cases", cases=cases)
    if hours_story not in STORIES:
        raise InvalidInput("demo.bad_story", story=hours_story, stories=", ".join(STORIES))
    if officer_style not in OFFICER_STYLES:
        raise InvalidInput("demo.bad_officer_style", style=officer_style, styles=", ".join(OFFICER_STYLES))
    if notes_style not in NOTES_STYLES:
        raise InvalidInput("demo.bad_notes_style", style=notes_style, styles=", ".join(NOTES_STYLES))
    if drift not in DRIFTS:
        raise InvalidInput("demo.bad_drift", drift=drift, drifts=", ".join(DRIFTS))
    out_dir = Path(out_dir)
    truth_dir = out_dir / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)

    total = cases + round(cases * CLOSED_SHARE)
    areas = make_areas(rng)
    branches = make_branches(rng, areas)
    counts = cases_per_taxpayer(rng, total)
    n_taxpayers = len(counts)
    employers = make_employers(rng, areas, max(60, n_taxpayers // 12))
    tp = make_taxpayers(rng, areas, employers, n_taxpayers, TODAY)
    holdings = make_holdings(rng, areas, branches, employers, tp)
    staff = make_staff(rng, cases)
    case_set = make_cases(rng, tp, counts, cases, staff, TODAY)
    history = make_history(rng, branches, employers, tp, holdings, case_set, staff, officer_style=officer_style, seed=seed, drift=drift)
    history.notes = restyle_notes(notes_style, history.notes, seed)
    work_log = work_log_rows(rng, case_set, staff, TODAY, story=hours_story)

    write_contract_file(out_dir, "areas.csv", ({"area_code": a.area_code, "name": a.name, "lat": a.lat, "lon": a.lon} for a in areas))
    write_contract_file(
        out_dir,
        "institutions.csv",
        (
            {
                "institution_id": i.institution_id,
                "kind": i.kind,
                "name": i.name,
                "electronic_inquiry": i.electronic_inquiry,
                "inquiry_cost_yen": i.inquiry_cost_yen,
            }
            for i in INSTITUTIONS
        ),
    )
    write_contract_file(out_dir, "branches.csv", (vars(b) for b in branches))
    write_contract_file(
        out_dir,
        "employers.csv",
        (
            {
                "employer_id": employers.ids[e],
                "name": employers.names[e],
                "area_code": areas[int(employers.area[e])].area_code if employers.area[e] >= 0 else None,
                "lat": round(float(employers.lat[e]), 6) if employers.area[e] >= 0 or e % 3 else None,
                "lon": round(float(employers.lon[e]), 6) if employers.area[e] >= 0 or e % 3 else None,
                "industry": employers.industry[e],
            }
            for e in range(len(employers.ids))
        ),
    )
    write_contract_file(out_dir, "taxpayers.csv", _taxpayer_rows(rng, tp, areas_codes=[a.area_code for a in areas], employer_ids=employers.ids))
    write_contract_file(out_dir, "staff.csv", _staff_rows(staff))
    write_contract_file(out_dir, "cases.csv", _case_rows(case_set, tp, staff))
    write_contract_file(out_dir, "notes.csv", history.notes)
    write_contract_file(out_dir, "investigations.csv", history.investigations)
    write_contract_file(out_dir, "work_log.csv", work_log)
    write_contract_file(out_dir, "actions.csv", action_rows(seed=seed, cases=case_set, tp=tp, staff=staff, today=TODAY, notes=history.notes))

    write_csv(truth_dir / "holdings.csv", TRUTH_COLUMNS["holdings.csv"], holdings.rows(tp.ids))
    write_csv(truth_dir / "odds.csv", TRUTH_COLUMNS["odds.csv"], holdings.odds_rows(tp.ids))
    write_csv(
        truth_dir / "case_truth.csv",
        TRUTH_COLUMNS["case_truth.csv"],
        (
            {"case_id": cid, "effort_hours": float(case_set.effort[j]), "difficulty": int(case_set.difficulty[j])}
            for j, cid in enumerate(case_set.ids)
        ),
    )
    write_csv(
        truth_dir / "hardship_truth.csv",
        TRUTH_COLUMNS["hardship_truth.csv"],
        (
            {"taxpayer_id": tid, "hardship": HARDSHIPS[int(tp.hardship[i])], "welfare": int(bool(tp.welfare[i]))}
            for i, tid in enumerate(tp.ids)
        ),
    )
    write_csv(
        truth_dir / "staff_truth.csv",
        TRUTH_COLUMNS["staff_truth.csv"],
        (
            {"staff_id": sid, "speed": round(float(staff.speed[k]), 4), "level": int(staff.level[k])}
            for k, sid in enumerate(staff.ids)
        ),
    )
    params = {
        "seed": seed,
        "cases_open": cases,
        "cases_total": total,
        "closed_share": CLOSED_SHARE,
        "taxpayers": n_taxpayers,
        "employers": len(employers.ids),
        "staff": len(staff.ids),
        "today": TODAY.isoformat(),
        "generator_version": GENERATOR_VERSION,
        "hours_story": hours_story,
        "officer_style": officer_style,
        "notes_style": notes_style,
        "drift": drift,
        # true hours = effort_hours × speed ** staff_scale[difficulty − 1]
        "staff_scale": list(SCALE) if hours_story == "interaction" else [1.0, 1.0, 1.0],
        "effort": "hours per full fiscal year for an officer of speed 1; true hours = effort_hours × speed ** staff_scale[difficulty − 1]",
        "work_log_hours": (
            "effort_hours × speed ** staff_scale[difficulty − 1] × exposure ** 0.3 × (1.35 seized, 1.15 installment) × lognormal(0, 0.25)"
            if hours_story == "interaction"
            else "effort_hours × speed × exposure (share of the fiscal year the case was open) × lognormal(0, 0.25)"
        ),
        "difficulty": "1/2/3 by the 40th and 80th percentiles of effort_hours in this office",
        "level": "1 新任 (speed > 1.2) … 4 熟練 (speed ≤ 0.75)",
    }
    (truth_dir / "generator.json").write_text(json.dumps(params, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out_dir


def _taxpayer_rows(rng: np.random.Generator, tp: Taxpayers, *, areas_codes: list[str], employer_ids: list[str]):
    for i, tid in enumerate(tp.ids):
        emp = int(tp.employer[i])
        yield {
            "taxpayer_id": tid,
            "birth_date": tp.birth[i],
            "area_code": areas_codes[int(tp.area[i])],
            "name": tp.names[i],
            "name_kana": tp.kana[i],
            "address": tp.address[i],
            "household_size": int(tp.household[i]),
            "income_salary": income_cell(rng, float(tp.salary[i])),
            "income_business": income_cell(rng, float(tp.business[i])),
            "income_pension": income_cell(rng, float(tp.pension[i])),
            "income_real_estate": income_cell(rng, float(tp.real_estate[i])),
            "employer_id": employer_ids[emp] if emp >= 0 and rng.random() < 0.92 else None,
            "fixed_asset_tax": bool(tp.fixed_asset[i]),
            "light_vehicle_tax": bool(tp.light_vehicle[i]),
            "welfare_recipient": bool(tp.welfare[i]),
        }


def _staff_rows(staff: Staff):
    for k, sid in enumerate(staff.ids):
        yield {
            "staff_id": sid,
            "name": staff.names[k],
            "role": staff.role[k],
            "years_experience": float(staff.years[k]),
            "capacity": int(staff.capacity[k]),
            "team": staff.team[k],
            "slack_user_id": staff.slack[k],
            "teams_user_id": staff.teams[k],
        }


def _case_rows(cases: Cases, tp: Taxpayers, staff: Staff):
    for j, cid in enumerate(cases.ids):
        yield {
            "case_id": cid,
            "taxpayer_id": tp.ids[int(cases.taxpayer[j])],
            "tax_kind": cases.kind[j],
            "amount_due": int(cases.amount[j]),
            "oldest_due": cases.oldest_due[j],
            "periods": int(cases.periods[j]),
            "status": cases.status[j],
            "staff_id": staff.ids[int(cases.staff[j])],
            "opened_on": cases.opened[j],
        }
