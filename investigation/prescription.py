"""消滅時効 of a case's oldest unpaid period: the day the claim is extinguished and on what basis.

Pure: a tax kind, the oldest 法定納期限 / 納期限 and the case's actions (actions.csv) in, a
:class:`Prescription` out. The rules (README「時効」, docs/prescription.md):

- 地方税: 5 years from the day after the 法定納期限 (地方税法18条1項); 国民健康保険料, 介護保険料
  and 後期高齢者医療保険料: 2 years from the day after the 納期限 (国民健康保険法110条1項,
  介護保険法200条1項, 高齢者の医療の確保に関する法律160条1項). 国民健康保険**税** is a tax.
- 督促 (the first one after the 納期限: the oldest period's): the period cannot complete until
  10 days have passed from the day the 督促状 was sent and begins anew the day after
  (地方税法18条の2第1項2号; for premiums 国民健康保険法110条2項 / 介護保険法200条2項, with the
  same 指定期限 of 10 days, 地方自治法231条の3・同法施行令171条).
- 承認 (一部納付, 分納誓約): a new period from the next day (民法152条1項, 140条; 地方税法18条3項).
- 催告: no completion until 6 months after it; a 催告 made after the period would have ended
  (while already postponed) has no effect (民法150条).
- 差押: no completion while it lasts; a new period from the day after its release (民法148条).
- 徴収猶予・換価の猶予: the days of the 猶予 are not counted (地方税法18条の2第4項).
- 執行停止: the duty to pay is extinguished once the suspension has lasted 3 years
  (地方税法15条の7第4項), unless revoked (取消) first; whichever of that and 時効 comes first.
- Nothing revives an extinguished claim (地方税法18条2項: no 援用 needed, no waiver).

Periods end on the day before the corresponding day (民法143条2項), or on the last day of the
month when there is none. Dates are the last day of the period: the claim is gone at its end.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from investigation.types import Reason

# Events that renew the period (承認) and the first 督促: dated on or before the 納期限 they cannot
# concern the oldest unpaid period and are ignored.
_RENEWING = ("demand", "payment", "pledge", "reminder")
# Same-day order: a release ends the seizure before anything else of the day is read.
_ORDER = {
    "seizure_released": 0,
    "deferral_end": 1,
    "suspension_revoked": 2,
    "demand": 3,
    "reminder": 4,
    "payment": 5,
    "pledge": 6,
    "seizure": 7,
    "deferral": 8,
    "suspension": 9,
}
DEMAND_DAYS = 10  # 督促状を発した日から起算して十日を経過した日
REMINDER_MONTHS = 6  # 民法150条
SUSPENSION_YEARS = 3  # 地方税法15条の7第4項


@dataclass(frozen=True)
class Event:
    """One row of actions.csv for the case."""

    date: dt.date
    action: str
    amount: int | None = None


@dataclass(frozen=True)
class Limitation:
    years: int
    law: str  # e.g. 「地方税法18条1項」
    premium: bool  # 保険料 (納期限) rather than a tax (法定納期限)


@dataclass(frozen=True)
class Prescription:
    """When the oldest unpaid period's claim is extinguished. ``date`` is None while a seizure or
    a 猶予 keeps it from completing (and no 執行停止 ends it first)."""

    date: dt.date | None
    basis: Reason  # why this date (the latest event that set it), a message key
    limitation: Limitation
    by: str  # "prescription" (消滅時効) | "suspension" (執行停止3年) | "none" (cannot complete now)
    assumed: bool = False  # no actions in the store: counted from oldest_due only
    notes: list[Reason] = field(default_factory=list)  # 催告 and 猶予 adjustments

    def days_left(self, today: dt.date) -> int | None:
        return None if self.date is None else (self.date - today).days

    def extinguished(self, today: dt.date) -> bool:
        return self.date is not None and self.date < today


def limitation(tax_kind: str) -> Limitation:
    """The period and its article for a tax kind as the core system writes it."""
    kind = tax_kind.strip()
    if "保険料" in kind:
        if "介護" in kind:
            return Limitation(2, "介護保険法200条1項", True)
        if "後期高齢" in kind:
            return Limitation(2, "高齢者の医療の確保に関する法律160条1項", True)
        return Limitation(2, "国民健康保険法110条1項", True)
    return Limitation(5, "地方税法18条1項", False)


@lru_cache(maxsize=65536)
def period_end(start: dt.date, *, years: int = 0, months: int = 0) -> dt.date:
    """Last day of a period counted from ``start`` (its first day), 民法143条2項."""
    index = start.month - 1 + months
    year, month = start.year + years + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def prescription(*, tax_kind: str, oldest_due: dt.date, actions: Sequence[Event] | None) -> Prescription:
    """The day the claim of the oldest unpaid period (due ``oldest_due``) is extinguished.

    ``actions`` None means the store holds no actions.csv: the date is counted from
    ``oldest_due`` alone and marked ``assumed``."""
    lim = limitation(tax_kind)
    due_key = "prescription.basis.due_premium" if lim.premium else "prescription.basis.due"
    state = _State(start=oldest_due + dt.timedelta(days=1), years=lim.years)
    basis = Reason(due_key, {"date": oldest_due.isoformat()})
    if actions is None:
        end = state.completion()
        return Prescription(end, Reason("prescription.basis.assumed", {"date": oldest_due.isoformat()}), lim, "prescription", assumed=True)
    notes: list[Reason] = []
    demanded = False
    for ev in sorted(actions, key=lambda e: (e.date, _ORDER.get(e.action, 99))):
        if ev.action in _RENEWING and ev.date <= oldest_due:
            continue
        if ev.action == "demand" and demanded:
            continue  # a later 督促 is another period's
        gone = state.gone_before(ev.date)
        if gone is not None:
            return _done(gone, state, basis, lim, notes)
        iso = ev.date.isoformat()
        if ev.action == "demand":
            demanded = True
            state.renew(ev.date + dt.timedelta(days=DEMAND_DAYS + 1))
            basis = Reason("prescription.basis.demand", {"date": iso})
        elif ev.action in ("payment", "pledge"):
            state.renew(ev.date + dt.timedelta(days=1))
            basis = Reason(f"prescription.basis.{ev.action}", {"date": iso})
        elif ev.action == "reminder":
            if ev.date <= state.base_completion():
                until = period_end(ev.date + dt.timedelta(days=1), months=REMINDER_MONTHS)
                if state.reminder_until is None or until > state.reminder_until:
                    state.reminder_until = until
                    state.reminder_on = ev.date
        elif ev.action == "seizure":
            if state.seized == 0:
                state.seized_since = ev.date
            state.seized += 1
        elif ev.action == "seizure_released":
            if state.seized > 0:
                state.seized -= 1
                if state.seized == 0:
                    state.seized_since = None
                    state.renew(ev.date + dt.timedelta(days=1))
                    basis = Reason("prescription.basis.seizure_released", {"date": iso})
        elif ev.action == "deferral":
            if state.deferred_since is None:
                state.deferred_since = ev.date
        elif ev.action == "deferral_end":
            if state.deferred_since is not None:
                first = max(state.deferred_since, state.start)
                days = (ev.date - first).days + 1
                if days > 0:
                    state.deferred_days += days
                    state.deferrals.append(Reason("prescription.note.deferral", {"since": state.deferred_since.isoformat(), "until": iso, "days": days}))
                state.deferred_since = None
        elif ev.action == "suspension":
            if state.suspended_since is None:
                state.suspended_since = ev.date
        elif ev.action == "suspension_revoked":
            state.suspended_since = None
    return _done(None, state, basis, lim, notes)


@dataclass
class _State:
    start: dt.date  # first day of the running period
    years: int
    deferred_days: int = 0  # days of 猶予 within the running period (not counted)
    reminder_until: dt.date | None = None  # 催告: no completion before the end of this day
    reminder_on: dt.date | None = None
    deferrals: list[Reason] = field(default_factory=list)  # 猶予 not counted in the running period
    seized: int = 0
    seized_since: dt.date | None = None
    deferred_since: dt.date | None = None
    suspended_since: dt.date | None = None

    def renew(self, start: dt.date) -> None:
        if start > self.start:
            self.start = start
        self.deferred_days = 0
        self.reminder_until = None
        self.reminder_on = None
        self.deferrals = []

    def base_completion(self) -> dt.date:
        return period_end(self.start, years=self.years) + dt.timedelta(days=self.deferred_days)

    def completion(self) -> dt.date:
        end = self.base_completion()
        return max(end, self.reminder_until) if self.reminder_until else end

    def suspension_end(self) -> dt.date | None:
        if self.suspended_since is None:
            return None
        return period_end(self.suspended_since + dt.timedelta(days=1), years=SUSPENSION_YEARS)

    def blocked(self) -> bool:
        return self.seized > 0 or self.deferred_since is not None

    def gone_before(self, day: dt.date) -> tuple[dt.date, str] | None:
        """(date, "prescription" | "suspension") when the claim was extinguished before ``day``."""
        ends: list[tuple[dt.date, str]] = []
        if not self.blocked():
            ends.append((self.completion(), "prescription"))
        stop = self.suspension_end()
        if stop is not None:
            ends.append((stop, "suspension"))
        ends = [e for e in ends if e[0] < day]
        return min(ends) if ends else None


def _done(
    gone: tuple[dt.date, str] | None, state: _State, basis: Reason, lim: Limitation, notes: list[Reason]
) -> Prescription:
    notes = [*notes, *state.deferrals]
    if state.reminder_until is not None and state.reminder_on is not None and state.reminder_until > state.base_completion():
        notes.append(
            Reason("prescription.note.reminder", {"date": state.reminder_on.isoformat(), "until": state.reminder_until.isoformat()})
        )
    if gone is None:
        candidates: list[tuple[dt.date, str]] = []
        if not state.blocked():
            candidates.append((state.completion(), "prescription"))
        stop = state.suspension_end()
        if stop is not None:
            candidates.append((stop, "suspension"))
        gone = min(candidates) if candidates else None
    if gone is None:
        if state.seized_since is not None:
            basis = Reason("prescription.basis.seized", {"date": state.seized_since.isoformat()})
        else:
            basis = Reason("prescription.basis.deferred", {"date": (state.deferred_since or state.start).isoformat()})
        return Prescription(None, basis, lim, "none", notes=notes)
    date, by = gone
    if by == "suspension":
        assert state.suspended_since is not None
        basis = Reason("prescription.basis.suspension", {"date": state.suspended_since.isoformat()})
    return Prescription(date, basis, lim, by, notes=notes)
