"""Case features for the effort regressor, from plain per-case facts (no store, no I/O).

What makes a case take longer, as an officer would list it: the amount and the number of
periods, how old the debt is, several cases or tax kinds for the same taxpayer, the kinds of
income (business income and property mean more work; no job and no business often means no
contact), assessments (固定資産税, 軽自動車税), hardship and contact problems written in the notes,
installment agreements (分納), investigations done and found, and earlier results in the work log.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TAX_KINDS = ("住民税", "国民健康保険料", "固定資産税", "軽自動車税", "介護保険料")

# keyword groups looked for in the notes (経過記録); counts per case
NOTE_SIGNALS: dict[str, tuple[str, ...]] = {
    "hardship": ("失業", "解雇", "多重債務", "債務整理", "借入", "病気", "入院", "療養", "困窮", "生活保護", "生活が苦しく"),
    "no_contact": ("不在", "反応なし", "返戻", "住所調査", "不履行", "留守"),
    "installment": ("分納",),
    "left_job": ("退職",),
    "paying": ("納付予定", "一部納付", "口座振替"),
}


@dataclass(frozen=True)
class CaseFacts:
    """One entry per case (aligned arrays). Unknown numbers are NaN."""

    amount_due: np.ndarray
    periods: np.ndarray
    debt_age_years: np.ndarray  # reference date − oldest_due
    case_age_years: np.ndarray  # reference date − opened_on (NaN unknown)
    tax_kind: list[str]
    taxpayer_cases: np.ndarray  # cases of the same taxpayer
    taxpayer_kinds: np.ndarray  # distinct tax kinds of the same taxpayer
    taxpayer_amount: np.ndarray  # total amount due of the same taxpayer
    age: np.ndarray
    household_size: np.ndarray
    income_salary: np.ndarray
    income_business: np.ndarray
    income_pension: np.ndarray
    income_real_estate: np.ndarray
    has_employer: np.ndarray  # 0/1
    fixed_asset_tax: np.ndarray  # 1/0/NaN
    light_vehicle_tax: np.ndarray
    welfare_recipient: np.ndarray
    notes_text: list[str]  # the case's notes joined
    notes_count: np.ndarray
    investigations: np.ndarray
    investigations_found: np.ndarray
    past_installment: np.ndarray  # work-log rows with result installment (fitting years only)
    past_seized: np.ndarray


def _flag_positive(x: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(x), np.nan, (x > 0).astype(float))


def feature_matrix(facts: CaseFacts) -> tuple[np.ndarray, list[str]]:
    """A dense float matrix (NaN for unknown; the regressor handles missing values)."""
    cols: dict[str, np.ndarray] = {
        "log_amount": np.log1p(np.maximum(facts.amount_due, 0)),
        "periods": facts.periods,
        "debt_age": facts.debt_age_years,
        "case_age": facts.case_age_years,
        "taxpayer_cases": facts.taxpayer_cases,
        "taxpayer_kinds": facts.taxpayer_kinds,
        "log_taxpayer_amount": np.log1p(np.maximum(facts.taxpayer_amount, 0)),
        "age": facts.age,
        "household_size": facts.household_size,
        "salary": _flag_positive(facts.income_salary),
        "business": _flag_positive(facts.income_business),
        "pension": _flag_positive(facts.income_pension),
        "real_estate_income": _flag_positive(facts.income_real_estate),
        "log_income": np.log1p(
            np.nansum(
                np.vstack([facts.income_salary, facts.income_business, facts.income_pension, facts.income_real_estate]),
                axis=0,
            )
        ),
        "has_employer": facts.has_employer,
        "fixed_asset_tax": facts.fixed_asset_tax,
        "light_vehicle_tax": facts.light_vehicle_tax,
        "welfare": facts.welfare_recipient,
        "notes": facts.notes_count,
        "investigations": facts.investigations,
        "found": facts.investigations_found,
        "past_installment": facts.past_installment,
        "past_seized": facts.past_seized,
    }
    working_age = (facts.age >= 20) & (facts.age < 65)
    no_work = (
        (np.nan_to_num(facts.income_salary) <= 0)
        & (np.nan_to_num(facts.income_business) <= 0)
        & (facts.has_employer <= 0)
    )
    cols["working_age_no_work"] = (working_age & no_work).astype(float)
    for kind in TAX_KINDS:
        cols[f"kind_{kind}"] = np.array([1.0 if k == kind else 0.0 for k in facts.tax_kind])
    for name, words in NOTE_SIGNALS.items():
        cols[f"note_{name}"] = np.array([float(sum(text.count(w) for w in words)) for text in facts.notes_text])
    names = list(cols)
    return np.column_stack([np.asarray(cols[n], dtype=float) for n in names]), names
