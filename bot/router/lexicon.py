"""The router's lexicon (staff, institutions, employers) loaded from the store."""

from __future__ import annotations

from sqlmodel import Session

from bot.router.entities import Lexicon, StaffName, TargetName
from store import crud
from store.models import TARGET_OF_INSTITUTION_KIND
from tools import queries


def load_lexicon(*, session: Session) -> Lexicon:
    institutions = crud.list_institutions(session=session)
    employers = crud.list_employers(session=session)
    targets = [
        TargetName(TARGET_OF_INSTITUTION_KIND.get(i.kind, "deposit"), i.institution_id, i.name, i.kind)
        for i in institutions
    ]
    targets += [TargetName("salary", e.employer_id, e.name) for e in employers]
    staff = [StaffName(p.staff_id, p.name) for p in queries.list_staff(session=session)]
    return Lexicon(staff=staff, targets=targets)
