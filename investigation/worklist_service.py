"""What tools/, the web pages and the CLI call for 時効 and the worklist: read the store, run the
pure engines (``prescription``, ``worklist``), return plain dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from investigation.prescription import Event, Prescription, prescription
from investigation.worklist import Ranked, WorkItem, rank
from store import action_queries as q
from store.errors import ModelMissing
from store.models import Case

# (staff_id, case_ids) -> expected hours per case
HoursOf = Callable[[str, list[str]], dict[str, float]]

TOP_INQUIRIES = 3  # "the top inquiries" whose chance of finding something the worklist uses


def prescriptions(*, session: Session, cases: list[Case]) -> dict[str, Prescription]:
    """時効 of each case's oldest unpaid period (counted from oldest_due when the store holds no
    actions.csv at all)."""
    if not cases:
        return {}
    if not q.has_actions(session=session):
        return {c.case_id: prescription(tax_kind=c.tax_kind, oldest_due=c.oldest_due, actions=None) for c in cases}
    rows = q.actions_of(session=session, case_ids=[c.case_id for c in cases])
    return {
        c.case_id: prescription(
            tax_kind=c.tax_kind,
            oldest_due=c.oldest_due,
            actions=[Event(d, a, amt) for d, a, amt in rows.get(c.case_id, [])],
        )
        for c in cases
    }


def case_prescription(*, session: Session, case: Case) -> Prescription:
    return prescriptions(session=session, cases=[case])[case.case_id]


def worklist(
    *,
    session: Session,
    staff_id: str,
    model_dir: Path,
    alert_days: int,
    today: dt.date | None = None,
    hours_of: HoursOf | None = None,
) -> list[Ranked]:
    """The staff member's open cases in the order to work them. ``hours_of(staff_id, case_ids)``
    gives the expected hours per case (another engine's model, composed by the use case); without
    it, or for a case it does not know, the yield per hour is left out."""
    today = today or dt.date.today()
    cases = q.open_cases(session=session, staff_id=staff_id)
    if not cases:
        return []
    ids = [c.case_id for c in cases]
    presc = prescriptions(session=session, cases=cases)
    chances, hardship = _chances(session=session, case_ids=ids, model_dir=model_dir, today=today)
    hours = hours_of(staff_id, ids) if hours_of is not None else {}
    items = [
        WorkItem(
            case_id=c.case_id,
            amount_due=c.amount_due,
            prescription=presc[c.case_id],
            chance=chances.get(c.case_id, (None, None))[0],
            top_target=chances.get(c.case_id, (None, None))[1],
            hardship=hardship.get(c.case_id, False),
            hours=hours.get(c.case_id),
        )
        for c in cases
    ]
    return rank(items, today=today, alert_days=alert_days)


def _chances(
    *, session: Session, case_ids: list[str], model_dir: Path, today: dt.date
) -> tuple[dict[str, tuple[float, str | None]], dict[str, bool]]:
    """P(at least one of the top inquiries finds an asset) and the hardship flag, per case."""
    from investigation import service  # lazy: scikit-learn, for the worklist only

    try:
        found = service.chances(session=session, case_ids=case_ids, model_dir=model_dir, top=TOP_INQUIRIES, today=today)
    except ModelMissing:
        return {}, {}
    return (
        {cid: (c.found, c.top_kind) for cid, c in found.items()},
        {cid: c.hardship for cid, c in found.items()},
    )
