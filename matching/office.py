"""From the store's tables to the engine's arrays: case facts, the work log with exposure, and
the fitted hours model with difficulty and proficiency for the whole office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from matching.features import CaseFacts, feature_matrix
from matching.hours import (
    HoursModel,
    WorkLog,
    fallback_log_effort,
    fit_hours_model,
    proficiency_levels,
)
from store.matching_queries import MatchingTables

YEAR = 365.25


def fiscal_year(day: dt.date) -> int:
    """Japanese fiscal year: April to March."""
    return day.year if day.month >= 4 else day.year - 1


def out_of_period(tables: MatchingTables) -> np.ndarray:
    """Work-log rows in a fiscal year that ends before the case's ``opened_on`` (a data-quality
    problem of the export: the case was reopened, or the date is wrong)."""
    year = tables.log_year
    end = np.array([dt.date(int(y) + 1, 3, 31).toordinal() for y in year], dtype=float)
    opened = tables.opened_on[tables.log_case]
    return ~np.isnan(opened) & (end < np.nan_to_num(opened, nan=-np.inf))


def work_log(tables: MatchingTables, mask: np.ndarray | None = None) -> WorkLog:
    """Rows with the known share of each fiscal year the case was open (opening date, and the
    reference date for the running year) and a flag on the last row of a closed case, whose
    end date the contract does not give."""
    keep = np.ones(tables.log_hours.shape[0], dtype=bool) if mask is None else mask
    year = tables.log_year
    start = np.array([dt.date(int(y), 4, 1).toordinal() for y in year], dtype=float)
    end = np.array([dt.date(int(y) + 1, 3, 31).toordinal() for y in year], dtype=float)
    opened = tables.opened_on[tables.log_case]
    lo = np.where(np.isnan(opened), start, np.maximum(start, opened))
    ref = float(tables.reference_date.toordinal())
    # a year after the export's date (dates of other tables lag the work log): a full year
    hi = np.where(start > ref, end, np.minimum(end, ref))
    # a row in a year before the case opened has no known
    # exposure: it is left out (and reported) rather than read as a few days' work
    keep = keep & ~out_of_period(tables)
    exposure = np.clip((hi - lo + 1) / 365.0, 1 / 365.0, 1.0)
    last_year = np.full(len(tables.case_ids), -1)
    np.maximum.at(last_year, tables.log_case, year)
    closed = np.array([s != "open" for s in tables.status])
    closing = (closed[tables.log_case] & (year == last_year[tables.log_case])).astype(float)
    # fiscal years since the case opened; an unknown opening date counts from the case's first
    # row, plus one (not its opening year, and each year stays apart)
    first_year = np.full(len(tables.case_ids), np.iinfo(np.int64).max)
    np.minimum.at(first_year, tables.log_case, year.astype(np.int64))
    opened_year = np.array(
        [fiscal_year(dt.date.fromordinal(int(o))) if o == o else -1 for o in opened], dtype=float
    )
    opened_year = np.where(opened_year < 0, first_year[tables.log_case] - 1.0, opened_year)
    full = WorkLog(
        staff=tables.log_staff,
        case=tables.log_case,
        hours=tables.log_hours,
        log_exposure=np.log(exposure),
        closing=closing,
        case_age=year - opened_year,
    )
    return full.subset(keep)


def case_facts(tables: MatchingTables, log_mask: np.ndarray | None = None) -> CaseFacts:
    """Per-case facts; work-log results count only the rows in ``log_mask`` (the fitting rows)."""
    n = len(tables.case_ids)
    ref = float(tables.reference_date.toordinal())
    by_tp: dict[str, list[int]] = {}
    for j, tp in enumerate(tables.taxpayer_id):
        by_tp.setdefault(tp, []).append(j)
    tp_cases = np.zeros(n)
    tp_kinds = np.zeros(n)
    tp_amount = np.zeros(n)
    for members in by_tp.values():
        kinds = len({tables.tax_kind[j] for j in members})
        amount = float(np.nansum(tables.amount_due[members]))
        for j in members:
            tp_cases[j] = len(members)
            tp_kinds[j] = kinds
            tp_amount[j] = amount
    keep = np.ones(tables.log_hours.shape[0], dtype=bool) if log_mask is None else log_mask
    result = np.array([r or "" for r in tables.log_result], dtype=object)
    installment = np.bincount(tables.log_case[keep & (result == "installment")], minlength=n).astype(float)
    seized = np.bincount(tables.log_case[keep & (result == "seized")], minlength=n).astype(float)
    return CaseFacts(
        amount_due=tables.amount_due,
        periods=tables.periods,
        debt_age_years=(ref - tables.oldest_due) / YEAR,
        case_age_years=(ref - tables.opened_on) / YEAR,
        tax_kind=tables.tax_kind,
        taxpayer_cases=tp_cases,
        taxpayer_kinds=tp_kinds,
        taxpayer_amount=tp_amount,
        age=(ref - tables.birth_date) / YEAR,
        household_size=tables.household_size,
        income_salary=tables.income_salary,
        income_business=tables.income_business,
        income_pension=tables.income_pension,
        income_real_estate=tables.income_real_estate,
        has_employer=tables.has_employer,
        fixed_asset_tax=tables.fixed_asset_tax,
        light_vehicle_tax=tables.light_vehicle_tax,
        welfare_recipient=tables.welfare_recipient,
        notes_text=tables.notes_text,
        notes_count=tables.notes_count,
        investigations=tables.investigations,
        investigations_found=tables.investigations_found,
        past_installment=installment,
        past_seized=seized,
    )


@dataclass
class OfficeModel:
    model: HoursModel
    open_cases: np.ndarray  # positions of open cases
    difficulty: np.ndarray  # (n_cases,) 1..3 (tertiles over the open cases)
    level: np.ndarray  # (n_staff,) 1..4
    thresholds: tuple[float, float]  # hours of the tertile cut points
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def expected_hours(self, case: int, staff: int) -> float:
        return float(self.model.expected_hours(np.array([case]), np.array([staff]))[0])


def fit_office(
    tables: MatchingTables, *, log_mask: np.ndarray | None = None, seed: int = 0, interaction: bool = True
) -> OfficeModel:
    facts = case_facts(tables, log_mask)
    features, names = feature_matrix(facts)
    log = work_log(tables, log_mask)
    years = np.array(
        [np.nan if s.years_experience is None else float(s.years_experience) for s in tables.staff], dtype=float
    )
    open_cases = np.flatnonzero(np.array([s == "open" for s in tables.status]))
    open_mask = np.zeros(len(tables.case_ids), dtype=bool)
    open_mask[open_cases] = True
    model = fit_hours_model(
        log=log,
        case_features=features,
        staff_years=years,
        fallback_log_effort=fallback_log_effort(features, names),
        seed=seed,
        interaction=interaction,
        tier_cases=open_mask if open_cases.size else None,
    )
    notes: list[tuple[str, dict[str, object]]] = []
    if not model.from_work_log:
        notes.append(("assign.no_work_log", {}))
    elif log.n_rows < 50:
        notes.append(("assign.thin_work_log", {"rows": log.n_rows}))
    if model.from_work_log:
        scale = model.tier_scale if model.tier_scale is not None else np.ones(3)
        notes.append(
            ("assign.model_line", {"easy": float(scale[0]), "hard": float(scale[2]), "exposure": model.exposure_coef})
        )
    outside = out_of_period(tables)
    if outside.any():
        example = tables.case_ids[int(tables.log_case[np.flatnonzero(outside)[0]])]
        notes.append(("assign.out_of_period", {"count": int(outside.sum()), "example": example}))
    # difficulty: the model's tiers (tertiles of effort over the open cases)
    difficulty = model.tiers + 1
    low, high = (float(np.exp(x)) for x in model.tier_cuts)
    return OfficeModel(
        model=model,
        open_cases=open_cases,
        difficulty=difficulty,
        level=proficiency_levels(model.log_speed),
        thresholds=(low, high),
        notes=notes,
    )
