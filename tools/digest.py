"""The weekly digest of one staff member: cases prescribing soon and assets found in the past
week (to act on). Plain text for a DM; sending belongs to ``bot.digest``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from investigation.worklist_service import prescriptions
from store import crud
from store.action_queries import open_cases
from store.digest_queries import found_since
from store.models import Staff
from store.settings import Settings
from tools.format import kind_label
from tools.messages import Lang, t

RESULT_DAYS = 7
MAX_LINES = 15


@dataclass(frozen=True)
class Digest:
    staff_id: str
    week: str
    text: str
    prescribing: int
    found: int


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def build_digest(*, session: Session, settings: Settings, staff: Staff, today: dt.date, lang: Lang = "ja") -> Digest | None:
    """The digest of ``staff`` for the week of ``today``; None when there is nothing to say."""
    cases = open_cases(session=session, staff_id=staff.staff_id)
    days = settings.choshu_prescription_alert_days
    presc = prescriptions(session=session, cases=cases)
    soon = sorted(
        ((p.date, c) for c in cases if (p := presc[c.case_id]).date is not None and 0 <= (p.date - today).days <= days),
        key=lambda pc: (pc[0], pc[1].case_id),
    )
    found = found_since(session=session, case_ids=[c.case_id for c in cases], since=today - dt.timedelta(days=RESULT_DAYS))
    if not soon and not found:
        return None
    lines = [t("digest.header", lang, name=staff.name, week=iso_week(today))]
    if soon:
        lines.append(t("digest.prescribing", lang, count=len(soon), days=days))
        lines += [
            t("digest.prescribing_row", lang, case_id=c.case_id, date=d.isoformat(), left=(d - today).days)
            for d, c in soon[:MAX_LINES]
        ]
    if found:
        lines.append(t("digest.found", lang, count=len(found), days=RESULT_DAYS))
        for row in found[:MAX_LINES]:
            name = crud.target_name(session=session, target_kind=row.target_kind, target_id=row.target_id)
            lines.append(
                t("digest.found_row", lang, case_id=row.case_id, date=row.date.isoformat(), target=name or kind_label(row.target_kind, lang))
            )
    lines.append(t("digest.footer", lang))
    return Digest(staff.staff_id, iso_week(today), "\n".join(lines), len(soon), len(found))
