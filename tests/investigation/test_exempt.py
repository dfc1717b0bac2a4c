"""差押禁止額 (国税徴収法76条・77条, 施行令34条): the worked example, a pension, a weekly wage."""

from __future__ import annotations

import pytest

from investigation.exempt import exempt_amount, split_period
from store.errors import InvalidInput
from tools.exempt import as_json, parse_amounts


def test_worked_example_salary_with_two_dependants() -> None:
    r = exempt_amount(pay=300_000, income_tax=6_000, resident_tax=12_000, social_insurance=42_000, dependents=2)
    # 60,000 withheld + 190,000 living + 20 % of 50,000
    assert (r.exempt, r.seizable) == (260_000, 40_000)
    assert [line.yen for line in r.lines] == [6_000, 12_000, 42_000, 190_000, 10_000]
    assert [line.citation for line in r.lines][3] == "国税徴収法76条1項4号・同法施行令34条"


def test_json_breakdown_cites_every_item() -> None:
    data = as_json(exempt_amount(pay=300_000, income_tax=6_000, resident_tax=12_000, social_insurance=42_000, dependents=2))
    assert data["exempt"] == 260_000 and data["seizable"] == 40_000
    assert sum(item["yen"] for item in data["breakdown"]) == 260_000
    assert all(item["citation"].startswith("国税徴収法76条1項") for item in data["breakdown"])


def test_pension_for_two_months_is_treated_as_salary_under_article_77() -> None:
    # 公的年金 paid every two months: 280,000 for 2 months, 所得税 4,000, 社保 (介護) 12,000, no dependants.
    # living 200,000; rest 280,000 - 16,000 - 200,000 = 64,000 → 12,800; exempt 228,800.
    r = exempt_amount(pay=280_000, income_tax=4_000, social_insurance=12_000, period_days=61, kind="pension")
    assert (r.exempt, r.seizable) == (228_800, 51_200)
    assert all(line.citation.startswith("国税徴収法77条1項") for line in r.lines)


def test_weekly_wage_counts_living_costs_by_the_day() -> None:
    # 7 days × (3,300 + 1,500) = 33,600; rest 70,000 - 1,500 - 33,600 = 34,900 → 6,980.
    r = exempt_amount(pay=70_000, income_tax=1_500, dependents=1, period_days=7)
    assert (r.exempt, r.seizable) == (42_080, 27_920)


def test_the_twenty_percent_is_capped_at_twice_the_living_costs() -> None:
    r = exempt_amount(pay=2_000_000)
    assert r.lines[4].yen == 200_000 and r.exempt == 300_000 and r.seizable == 1_700_000


def test_bonus_is_one_month_and_never_below_zero() -> None:
    bonus = exempt_amount(pay=500_000, income_tax=20_000, social_insurance=70_000, dependents=2, period_days=180, kind="bonus")
    assert (bonus.months, bonus.days) == (1, 0) and bonus.lines[3].yen == 190_000
    assert exempt_amount(pay=90_000).seizable == 0


def test_periods_in_days() -> None:
    assert split_period(None) == (1, 0)
    assert split_period(31) == (1, 0)
    assert split_period(61) == (2, 0)
    assert split_period(45) == (1, 15)
    assert split_period(14) == (0, 14)


@pytest.mark.parametrize("kwargs", [{"pay": -1}, {"pay": 1, "dependents": -1}, {"pay": 1, "period_days": 0}, {"pay": 1, "kind": "gift"}])
def test_bad_input_is_refused(kwargs: dict) -> None:
    with pytest.raises(InvalidInput):
        exempt_amount(**kwargs)


def test_chat_amounts_in_any_order_with_man_sen_and_full_width_digits() -> None:
    expected = {"pay": 300_000, "income_tax": 6_000, "resident_tax": 12_000, "social_insurance": 42_000, "dependents": 2}
    assert parse_amounts("給料30万、所得税6千、住民税1万2千、社保4万2千、扶養2人だと差押えできるのはいくら？") == expected
    assert parse_amounts("扶養２人、社会保険料４２，０００円、給与３０００００円、住民税は1万2000、所得税６千") == expected
    pension = parse_amounts("年金28万、所得税4千、扶養なし")
    assert pension["kind"] == "pension" and pension["period_days"] == 61 and pension["dependents"] == 0
    assert parse_amounts("週給7万、所得税1500 扶養1人")["period_days"] == 7
