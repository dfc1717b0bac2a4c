"""The officer's day: the worklist (「今日はどの案件から？」) and the 差押禁止額 of one payment."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlmodel import Session

from investigation.exempt import ExemptAmount
from investigation.worklist import Ranked
from store.errors import NotFound, PermissionDenied
from store.models import Staff
from store.settings import Settings
from tools import audit, queries
from tools.actor import Actor
from tools.messages import t

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worklist:
    staff: Staff
    ranked: list[Ranked]  # in the order to work them

    @property
    def prescribing(self) -> list[Ranked]:
        """The cases whose 時効 is near (they come first)."""
        return [r for r in self.ranked if r.group == "prescribing"]


def _whose(session: Session, actor: Actor, written: str | None) -> Staff:
    """The staff member whose worklist is asked for: oneself, or anyone for a supervisor."""
    lang = actor.lang
    if not written:
        me = queries.get_staff(session=session, staff_id=actor.staff_id or "")
        if me is None:
            raise NotFound(what="staff", ident=actor.staff_id or "-")
        return me
    matches = queries.find_staff(session=session, written=written)
    if len(matches) != 1:
        raise NotFound(what="staff", ident=written)
    target = matches[0]
    if target.staff_id != actor.staff_id and not actor.is_supervisor:
        audit.write(session=session, actor=actor, action="worklist", allowed=False, detail=f"staff={target.staff_id}")
        raise PermissionDenied(detail=t("chat.worklist.others", lang))
    return target


def worklist(*, actor: Actor, session: Session, settings: Settings, staff: str | None = None) -> Worklist:
    """The open cases of oneself (or, for a supervisor, of ``staff`` as written) in the order
    to work them: 時効 first, then the expected yield per hour. Audited once."""
    from investigation.worklist_service import worklist as ranked_cases

    person = _whose(session, actor, staff)
    ranked = ranked_cases(
        session=session,
        staff_id=person.staff_id,
        model_dir=settings.models_dir,
        alert_days=settings.choshu_prescription_alert_days,
        hours_of=lambda staff_id, case_ids: _expected_hours(session, staff_id, case_ids),
    )
    audit.write(session=session, actor=actor, action="worklist", detail=f"staff={person.staff_id} cases={len(ranked)}")
    return Worklist(person, ranked)


def _expected_hours(session: Session, staff_id: str, case_ids: list[str]) -> dict[str, float]:
    """matching's hours model for the worklist's yield per hour ({} while it cannot be fitted)."""
    from matching.fitted import expected_hours_for  # lazy: the hours model, for the worklist only

    try:
        return expected_hours_for(session=session, staff_id=staff_id, case_ids=case_ids)
    except (ValueError, IndexError) as err:  # too little work log to fit the model
        log.warning("worklist: no hours model (%s)", type(err).__name__)
        return {}


def exempt_amount(
    *,
    actor: Actor,
    session: Session | None,
    settings: Settings,
    pay: int,
    income_tax: int = 0,
    resident_tax: int = 0,
    social_insurance: int = 0,
    dependents: int = 0,
    period_days: int | None = None,
    kind: str = "salary",
    action: str = "exempt_amount",
) -> ExemptAmount:
    """差押禁止額 and 差押可能額 of one payment (国税徴収法76条・77条, 施行令34条), audited as
    ``action`` when there is a store (the command line computes without one: nothing about a
    taxpayer is read or kept)."""
    from investigation.exempt import exempt_amount as compute

    result = compute(
        pay=pay,
        income_tax=income_tax,
        resident_tax=resident_tax,
        social_insurance=social_insurance,
        dependents=dependents,
        period_days=period_days,
        kind=kind,
    )
    if session is not None:
        audit.write(session=session, actor=actor, action=action)
    return result


@dataclass(frozen=True)
class CaseDeadline:
    """When a case's 時効 completes (None: not computable) and whether it is due within the
    alert window (or already passed)."""

    date: dt.date | None
    alert: bool


def prescription_dates(
    *, actor: Actor, session: Session, settings: Settings, case_ids: list[str], today: dt.date | None = None
) -> dict[str, CaseDeadline]:
    """時効 of the open cases among ``case_ids`` (the rows of a table the actor was shown)."""
    from investigation.worklist_service import prescriptions
    from store.action_queries import open_cases

    day = today or dt.date.today()
    days = settings.choshu_prescription_alert_days
    found = prescriptions(session=session, cases=open_cases(session=session, case_ids=case_ids))
    return {
        cid: CaseDeadline(p.date, p.date is not None and (p.date - day).days <= days) for cid, p in found.items()
    }


@dataclass(frozen=True)
class PrescriptionAlert:
    case_id: str
    date: dt.date
    days_left: int
    staff_id: str | None


def prescription_alerts(
    *, actor: Actor, session: Session, settings: Settings, staff_ids: list[str], today: dt.date | None = None
) -> list[PrescriptionAlert]:
    """The open cases of ``staff_ids`` (those the actor may see) whose 時効 completes within the
    alert window, soonest first."""
    from investigation.worklist_service import prescriptions
    from store.action_queries import open_cases

    day = today or dt.date.today()
    days = settings.choshu_prescription_alert_days
    wanted = set(staff_ids)
    cases = [c for c in open_cases(session=session) if c.staff_id in wanted]
    holder = {c.case_id: c.staff_id for c in cases}
    out = [
        PrescriptionAlert(cid, p.date, (p.date - day).days, holder[cid])
        for cid, p in prescriptions(session=session, cases=cases).items()
        if p.date is not None and 0 <= (p.date - day).days <= days
    ]
    return sorted(out, key=lambda a: (a.days_left, a.case_id))
