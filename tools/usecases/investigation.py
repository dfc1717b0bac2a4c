"""Investigation across many cases: the batch of recommendations, the 電子照会 inquiry batch.
Both read every open case, so only supervisors and the administrator at the command line ask."""

from __future__ import annotations

from sqlmodel import Session

from investigation.types import CaseRecommendation, InquiryRow
from store.errors import InvalidInput, NotFound
from store.ids import parse_case_id
from store.settings import Settings
from tools import audit
from tools.actor import Actor
from tools.authz import require_supervisor


def recommend_batch(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_ids: list[str],
    top: int = 5,
    note: str = "",
) -> list[CaseRecommendation]:
    """Ranked targets for each case (ids as written; unknown ones are refused all together
    before anything is ranked), audited once as ``export.recommend`` with the count."""
    from investigation import model
    from investigation.service import recommend_cases, unknown_case_ids

    require_supervisor(session=session, actor=actor, action="export.recommend")
    if top < 1:
        raise InvalidInput("recommend.bad_top", top=top)
    ids = list(dict.fromkeys(parse_case_id(c) for c in case_ids))
    model.load(settings.models_dir)  # no model, or an outdated one: say so before anything else
    unknown = unknown_case_ids(session=session, case_ids=ids)
    if unknown:
        raise NotFound("recommend.ids_file_unknown", count=len(unknown), examples="、".join(unknown[:5]))
    recs = recommend_cases(session=session, case_ids=ids, model_dir=settings.models_dir, top=top)
    detail = f"cases={len(recs)} purpose=investigation targets" + (f" {note}" if note else "")
    audit.write(session=session, actor=actor, action="export.recommend", detail=detail)
    return recs


def list_inquiries(
    *, actor: Actor, session: Session, settings: Settings, budget_yen: int, note: str = ""
) -> list[InquiryRow]:
    """The 電子照会 batch: deposit inquiries over all open cases with the most expected
    accounts found per yen, within the budget; audited once as ``export.inquiries`` with the
    count and the purpose (the personal data it holds)."""
    from investigation.service import inquiries

    require_supervisor(session=session, actor=actor, action="export.inquiries")
    rows = inquiries(session=session, model_dir=settings.models_dir, budget_yen=budget_yen)
    detail = (
        f"rows={len(rows)} cases={len({r.case_id for r in rows})} "
        f"purpose=電子照会 (name_kana, birth_date, address) budget_yen={budget_yen}"
    ) + (f" {note}" if note else "")
    audit.write(session=session, actor=actor, action="export.inquiries", detail=detail)
    return rows
