"""消滅時効: one test per rule, dates computed by hand (see docs/prescription.md)."""

from __future__ import annotations

import datetime as dt

from investigation.prescription import Event, period_end, prescription

D = dt.date


def presc(kind: str, due: dt.date, *events: tuple[dt.date, str]):
    return prescription(tax_kind=kind, oldest_due=due, actions=[Event(d, a) for d, a in events])


def test_local_tax_prescribes_five_years_from_the_day_after_the_due_date() -> None:
    p = presc("住民税", D(2022, 5, 31))
    # 起算日 2022-06-01, five years end on 2027-05-31 (民法143条2項)
    assert p.date == D(2027, 5, 31)
    assert p.by == "prescription" and p.limitation.law == "地方税法18条1項"
    assert p.basis.key == "prescription.basis.due"


def test_without_actions_it_counts_from_oldest_due_and_says_so() -> None:
    p = prescription(tax_kind="住民税", oldest_due=D(2022, 5, 31), actions=None)
    assert p.date == D(2027, 5, 31)
    assert p.assumed and p.basis.key == "prescription.basis.assumed"


def test_premiums_prescribe_in_two_years_but_kokuho_tax_in_five() -> None:
    assert presc("国民健康保険料", D(2024, 7, 31)).date == D(2026, 7, 31)
    assert presc("介護保険料", D(2024, 7, 31)).limitation.law == "介護保険法200条1項"
    assert presc("介護保険料", D(2024, 7, 31)).date == D(2026, 7, 31)
    assert presc("国民健康保険税", D(2024, 7, 31)).date == D(2029, 7, 31)


def test_demand_renews_once_ten_days_have_passed_from_sending() -> None:
    # 督促 sent 2022-06-20: 10 days have passed on 2022-06-30; new period from 2022-07-01.
    p = presc("住民税", D(2022, 5, 31), (D(2022, 6, 20), "demand"), (D(2022, 7, 20), "demand"))
    assert p.date == D(2027, 6, 30)
    assert p.basis.key == "prescription.basis.demand" and p.basis.params["date"] == "2022-06-20"


def test_a_demand_before_the_due_date_is_another_periods() -> None:
    assert presc("住民税", D(2022, 5, 31), (D(2022, 5, 20), "demand")).date == D(2027, 5, 31)


def test_payment_and_pledge_are_acknowledgements_that_renew_from_the_next_day() -> None:
    assert presc("住民税", D(2022, 5, 31), (D(2023, 3, 10), "payment")).date == D(2028, 3, 10)
    p = presc("国民健康保険料", D(2022, 5, 31), (D(2023, 3, 10), "pledge"))
    assert p.date == D(2025, 3, 10) and p.basis.key == "prescription.basis.pledge"


def test_no_completion_while_seized_and_a_new_period_from_the_release() -> None:
    seized = presc("国民健康保険料", D(2022, 5, 31), (D(2023, 1, 10), "seizure"))
    assert seized.date is None and seized.by == "none"
    assert seized.basis.key == "prescription.basis.seized"
    # seized long past the old completion (2024-05-31), released 2025-02-15: new period 2025-02-16.
    released = presc("国民健康保険料", D(2022, 5, 31), (D(2023, 1, 10), "seizure"), (D(2025, 2, 15), "seizure_released"))
    assert released.date == D(2027, 2, 15)
    assert released.basis.key == "prescription.basis.seizure_released"


def test_deferral_days_are_not_counted() -> None:
    # 2023-01-01 … 2023-06-30 is 181 days: 2027-05-31 + 181 days = 2027-11-28.
    p = presc("住民税", D(2022, 5, 31), (D(2023, 1, 1), "deferral"), (D(2023, 6, 30), "deferral_end"))
    assert p.date == D(2027, 11, 28)
    open_deferral = presc("住民税", D(2022, 5, 31), (D(2023, 1, 1), "deferral"))
    assert open_deferral.date is None and open_deferral.basis.key == "prescription.basis.deferred"


def test_suspension_extinguishes_after_three_years_unless_revoked() -> None:
    # 執行停止 2024-04-15: three years end 2027-04-15, before the 時効 of 2027-05-31.
    p = presc("住民税", D(2022, 5, 31), (D(2024, 4, 15), "suspension"))
    assert p.date == D(2027, 4, 15) and p.by == "suspension"
    revoked = presc("住民税", D(2022, 5, 31), (D(2024, 4, 15), "suspension"), (D(2025, 1, 6), "suspension_revoked"))
    assert revoked.date == D(2027, 5, 31) and revoked.by == "prescription"
    # 時効 first: a premium due 2024-07-31 prescribes 2026-07-31, before 2027-04-15.
    assert presc("国民健康保険料", D(2024, 7, 31), (D(2024, 4, 15), "suspension")).date == D(2026, 7, 31)


def test_reminder_postpones_completion_six_months_once() -> None:
    # 時効 2026-07-31; 催告 2026-05-10 → no completion before 2026-11-10.
    p = presc("国民健康保険料", D(2024, 7, 31), (D(2026, 5, 10), "reminder"))
    assert p.date == D(2026, 11, 10)
    # A second 催告 during the postponement (after 2026-07-31) has no effect (民法150条2項).
    again = presc("国民健康保険料", D(2024, 7, 31), (D(2026, 5, 10), "reminder"), (D(2026, 9, 1), "reminder"))
    assert again.date == D(2026, 11, 10)


def test_an_extinguished_claim_is_not_revived_by_a_later_payment() -> None:
    p = presc("国民健康保険料", D(2022, 7, 31), (D(2025, 1, 10), "payment"))
    assert p.date == D(2024, 7, 31)
    assert p.extinguished(D(2025, 1, 11))


def test_periods_without_a_corresponding_day_end_on_the_month_end() -> None:
    assert period_end(D(2024, 2, 29), years=5) == D(2029, 2, 28)
    assert presc("国民健康保険料", D(2024, 2, 28)).date == D(2026, 2, 28)
    assert period_end(D(2024, 8, 31), months=6) == D(2025, 2, 28)


def test_basis_names_only_the_adjustments_that_move_the_date() -> None:
    # 催告 2023-01-10 (postpones to 2023-07-10) is long before the renewed completion: not shown.
    p = presc("住民税", D(2022, 5, 31), (D(2023, 1, 10), "reminder"), (D(2023, 3, 10), "payment"))
    assert p.date == D(2028, 3, 10) and p.notes == []
    shown = presc("国民健康保険料", D(2024, 7, 31), (D(2026, 5, 10), "reminder"))
    assert [n.key for n in shown.notes] == ["prescription.note.reminder"]
