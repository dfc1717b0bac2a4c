"""One case: its summary, its recommended investigation targets, recording a result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from investigation.prescription import Prescription
from investigation.types import CaseRecommendation
from store import crud
from store.errors import InvalidInput, ModelMissing
from store.ids import parse_case_id
from store.models import (
    INSTITUTION_TARGETS,
    INVESTIGATION_RESULTS,
    TARGET_KINDS,
    Case,
    CaseAssignment,
    Investigation,
    Note,
    Staff,
    Taxpayer,
)
from store.settings import Settings
from tools import audit, queries
from tools.actor import Actor
from tools.authz import open_case
from tools.guidance import Guidance
from tools.messages import t

TOP_TARGETS = 5


@dataclass(frozen=True)
class InvestigationRow:
    """One 財産調査 of the case, with the target's name."""

    date: dt.date
    target_kind: str
    target_id: str | None
    target_name: str | None
    result: str
    amount: int | None
    source: str | None


@dataclass
class CaseSummary:
    case: Case
    taxpayer: Taxpayer | None
    holder: Staff | None
    employer_name: str | None
    investigations: list[InvestigationRow]  # newest first (at most ``investigations_limit``)
    investigation_count: int
    found_count: int
    notes: list[Note]  # newest first
    prescription: Prescription
    guidance: list[Guidance]
    recommendation: CaseRecommendation | None = None  # asked for with ``recommend_top``
    model_missing: bool = False  # asked for, but no trained model yet
    history: list[CaseAssignment] = field(default_factory=list)  # who held it when, asked for


def case_summary(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_id: str,
    action: str = "case_summary",
    notes: int = 3,
    investigations_limit: int | None = None,
    recommend_top: int = 0,
    with_history: bool = False,
) -> CaseSummary:
    """The case as the actor may see it (audited once as ``action``): taxpayer, holder, 時効,
    investigations, the latest notes, the guidance the notes call for and, when
    ``recommend_top`` > 0, the ranked targets (None with ``model_missing`` before training)."""
    from investigation.worklist_service import case_prescription
    from tools.guidance import guidance

    case = open_case(session=session, actor=actor, case_id=case_id, action=action)
    taxpayer = queries.get_taxpayer(session=session, taxpayer_id=case.taxpayer_id)
    holder = queries.get_staff(session=session, staff_id=case.staff_id) if case.staff_id else None
    employer_name = (
        crud.target_name(session=session, target_kind="salary", target_id=taxpayer.employer_id)
        if taxpayer and taxpayer.employer_id
        else None
    )
    rows = crud.list_investigations(session=session, case_id=case.case_id)
    shown = rows if investigations_limit is None else rows[:investigations_limit]
    guidance_notes = crud.list_notes(session=session, case_id=case.case_id, limit=20)
    summary = CaseSummary(
        case=case,
        taxpayer=taxpayer,
        holder=holder,
        employer_name=employer_name,
        investigations=[_row(session, i) for i in shown],
        investigation_count=len(rows),
        found_count=sum(1 for i in rows if i.result == "found"),
        notes=crud.list_notes(session=session, case_id=case.case_id, limit=notes),
        prescription=case_prescription(session=session, case=case),
        guidance=guidance(settings=settings, session=session, texts=[n.text for n in guidance_notes]),
    )
    if recommend_top > 0:
        from investigation.service import recommend_case

        try:
            summary.recommendation = recommend_case(
                session=session, case_id=case.case_id, model_dir=settings.models_dir, top=recommend_top
            )
        except ModelMissing:
            summary.model_missing = True
    if with_history:
        summary.history = crud.case_history(session=session, case_id=case.case_id)
    return summary


def _row(session: Session, row: Investigation) -> InvestigationRow:
    return InvestigationRow(
        date=row.date,
        target_kind=row.target_kind,
        target_id=row.target_id,
        target_name=crud.target_name(session=session, target_kind=row.target_kind, target_id=row.target_id),
        result=row.result,
        amount=row.amount,
        source=row.source,
    )


def recommend_targets(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_id: str,
    top: int = TOP_TARGETS,
    action: str = "recommend_targets",
) -> CaseRecommendation:
    """The ranked investigation targets of one case, with reasons, assets already held and the
    hardship triage (audited once as ``action``). The chat tool and ``choshu recommend``."""
    from investigation.service import recommend_case

    if top < 1:
        raise InvalidInput("recommend.bad_top", top=top)
    cid = parse_case_id(case_id)
    open_case(session=session, actor=actor, case_id=cid, action=action)
    return recommend_case(session=session, case_id=cid, model_dir=settings.models_dir, top=top)


@dataclass(frozen=True)
class RecordedResult:
    case_id: str
    target_kind: str
    target_id: str | None  # the employer for a 給与照会 recorded without one
    target_name: str | None
    result: str


def record_result(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_id: str,
    target_kind: str,
    result: str,
    target_id: str | None = None,
    action: str = "record_result",
) -> RecordedResult:
    """Record an inquiry's result (あり／なし) on a case the actor may see: the look at the case
    and the write are audited (``action`` and ``action.write``). A bank, insurer or broker must
    be named; a 給与照会 without an employer goes to the taxpayer's known employer."""
    from investigation.service import record_result as write_result

    if target_kind not in TARGET_KINDS or result not in INVESTIGATION_RESULTS:
        raise InvalidInput(detail=f"{target_kind}/{result}")
    if target_kind in INSTITUTION_TARGETS and not target_id:
        raise InvalidInput(detail=t("chat.ask.result", actor.lang))  # which bank / insurer / broker?
    case = open_case(session=session, actor=actor, case_id=case_id, action=action)
    if target_kind == "salary" and not target_id:
        taxpayer = queries.get_taxpayer(session=session, taxpayer_id=case.taxpayer_id)
        target_id = taxpayer.employer_id if taxpayer else None  # 給与照会 goes to the known employer
        if not target_id:
            raise InvalidInput(detail=t("chat.ask.result", actor.lang))  # which employer?
    write_result(
        session=session,
        case_id=case.case_id,
        target_kind=target_kind,
        target_id=target_id,
        result=result,
        staff_id=actor.staff_id,
        surface=actor.surface,
    )
    audit.write(session=session, actor=actor, action=f"{action}.write", case_id=case.case_id, detail=target_kind)
    name = crud.target_name(session=session, target_kind=target_kind, target_id=target_id) if target_id else None
    return RecordedResult(case.case_id, target_kind, target_id, name, result)
