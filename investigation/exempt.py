"""差押禁止額 of one payment of salary, a bonus or a pension (国税徴収法76条・77条, 同法施行令34条).

Pure integer arithmetic in yen. For one payment:

- items 1-3: the 所得税, 住民税 (特別徴収) and 社会保険料 withheld from it (76条1項1-3号);
- item 4: 100,000 yen per month of the period the payment is for, plus 45,000 yen per relative
  living on the same income (生計を一にする親族); for days beyond whole months 3,300 yen a day plus
  1,500 yen per relative (76条1項4号, 施行令34条);
- item 5: 20 % of what is left after items 1-4, at most twice item 4 (76条1項5号).

禁止額 = items 1-5; 差押可能額 = pay − 禁止額, never below 0. A bonus counts as the salary of one
month (76条3項 / 基本通達76条関係); a pension is treated as salary for the period it is paid for
(77条1項; 公的年金 are paid every two months). Each line of the breakdown cites its item.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.errors import InvalidInput

MONTHLY_BASE = 100_000
MONTHLY_PER_DEPENDENT = 45_000
DAILY_BASE = 3_300
DAILY_PER_DEPENDENT = 1_500
EXTRA_RATE_PERCENT = 20
EXTRA_CAP_MULTIPLE = 2
KINDS = ("salary", "bonus", "pension")
MAX_YEN = 10**11
MAX_DEPENDENTS = 30


@dataclass(frozen=True)
class Line:
    item: str  # a message key of tools.messages (rendered at the edge)
    yen: int
    citation: str
    params: dict[str, int]


@dataclass(frozen=True)
class ExemptAmount:
    pay: int
    exempt: int
    seizable: int
    lines: list[Line]
    months: int
    days: int
    kind: str


def split_period(period_days: int | None) -> tuple[int, int]:
    """(whole months, extra days) of a payment period given in days; None = one month.

    A month is 30 days; the day a 31-day month adds is absorbed (31 → 1 month, 61 → 2 months),
    and 28-29 days (February) are a month."""
    if period_days is None:
        return 1, 0
    if 28 <= period_days < 30:
        return 1, 0
    months, days = divmod(period_days, 30)
    if months and days <= months:
        days = 0
    return months, days


def exempt_amount(
    *,
    pay: int,
    income_tax: int = 0,
    resident_tax: int = 0,
    social_insurance: int = 0,
    dependents: int = 0,
    period_days: int | None = None,
    kind: str = "salary",
) -> ExemptAmount:
    """The breakdown of 差押禁止額 for one payment (amounts in whole yen)."""
    for name, value in (
        ("pay", pay),
        ("income_tax", income_tax),
        ("resident_tax", resident_tax),
        ("social_insurance", social_insurance),
    ):
        if not 0 <= value <= MAX_YEN:
            raise InvalidInput("exempt.bad_yen", field=name, value=value)
    if not 0 <= dependents <= MAX_DEPENDENTS:
        raise InvalidInput("exempt.bad_dependents", value=dependents)
    if period_days is not None and not 1 <= period_days <= 366:
        raise InvalidInput("exempt.bad_period", value=period_days)
    if kind not in KINDS:
        raise InvalidInput("exempt.bad_kind", value=kind)
    if kind == "bonus":
        period_days = None  # a bonus is the salary of one month (76条3項)
    months, days = split_period(period_days)
    base = months * (MONTHLY_BASE + MONTHLY_PER_DEPENDENT * dependents) + days * (
        DAILY_BASE + DAILY_PER_DEPENDENT * dependents
    )
    withheld = income_tax + resident_tax + social_insurance
    rest = max(0, pay - withheld - base)
    extra = min(rest * EXTRA_RATE_PERCENT // 100, EXTRA_CAP_MULTIPLE * base)
    law = "国税徴収法77条1項・76条1項" if kind == "pension" else "国税徴収法76条1項"
    if kind == "bonus":
        law = "国税徴収法76条3項・1項"
    lines = [
        Line("exempt.item.income_tax", income_tax, f"{law}1号", {}),
        Line("exempt.item.resident_tax", resident_tax, f"{law}2号", {}),
        Line("exempt.item.social_insurance", social_insurance, f"{law}3号", {}),
        Line(
            "exempt.item.living",
            base,
            f"{law}4号・同法施行令34条",
            {"months": months, "days": days, "dependents": dependents},
        ),
        Line("exempt.item.extra", extra, f"{law}5号", {"rest": rest}),
    ]
    exempt = withheld + base + extra
    return ExemptAmount(
        pay=pay,
        exempt=exempt,
        seizable=max(0, pay - exempt),
        lines=lines,
        months=months,
        days=days,
        kind=kind,
    )
