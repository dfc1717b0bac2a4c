"""One case: its summary, its recommended investigation targets, recording a result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlmodel import Session

from investigation.prescription import Prescription
from investigation.types import CaseRecommendation
from store import crud
from store.errors import InvalidInput, ModelMissing, NotFound, PermissionDenied
from store.ids import parse_case_id
from store.investigation_queries import latest_result
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
    utcnow,
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
    id: int = 0
    state: str = "active"  # or "superseded" (corrected) / "undone" (取り消し)
    can_undo: bool = False  # active, and the actor recorded it or is a supervisor


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


GUIDANCE_NOTES = 20  # the latest notes whose words call for guidance (manual, articles)


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
    # the latest notes, read once: the guidance reads the last GUIDANCE_NOTES, the summary shows
    # the last ``notes`` (the same order, newest first)
    recent = crud.list_notes(session=session, case_id=case.case_id, limit=max(GUIDANCE_NOTES, notes))
    summary = CaseSummary(
        case=case,
        taxpayer=taxpayer,
        holder=holder,
        employer_name=employer_name,
        investigations=[_row(session, i, actor) for i in shown],
        investigation_count=sum(1 for i in rows if i.state == "active"),
        found_count=sum(1 for i in rows if i.result == "found" and i.state == "active"),
        notes=recent[:notes],
        prescription=case_prescription(session=session, case=case),
        guidance=guidance(settings=settings, session=session, texts=[n.text for n in recent[:GUIDANCE_NOTES]]),
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


def may_undo(actor: Actor, row: Investigation) -> bool:
    """The staff member who recorded a result, or a supervisor, may undo it while it counts."""
    mine = actor.staff_id is not None and row.recorded_by == actor.staff_id
    return row.state == "active" and (mine or actor.is_supervisor or actor.administrator)


def _row(session: Session, row: Investigation, actor: Actor) -> InvestigationRow:
    return InvestigationRow(
        date=row.date,
        target_kind=row.target_kind,
        target_id=row.target_id,
        target_name=crud.target_name(session=session, target_kind=row.target_kind, target_id=row.target_id),
        result=row.result,
        amount=row.amount,
        source=row.source,
        id=int(row.id or 0),
        state=row.state,
        can_undo=may_undo(actor, row),
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


# A different result for the same target this recent is a contradiction to ask about; an older
# one is a change of fact (the account was closed since), recorded without asking.
CONTRADICTION_DAYS = 90


@dataclass(frozen=True)
class PastResult:
    """A stored result the new one meets: the duplicate, the contradicted or the corrected one."""

    id: int
    date: dt.date
    result: str
    amount: int | None
    recorded_by: str | None  # staff id (None for an imported row)
    recorder_name: str | None
    recorded_at: dt.datetime | None


@dataclass(frozen=True)
class RecordedResult:
    """What became of a result: "recorded" (or "corrected", replacing ``previous``); or, with
    nothing written, "duplicate" (``previous`` says the same) or "contradiction" (``previous``
    says otherwise: ask, then call again with ``on_conflict`` "correct" or "add")."""

    case_id: str
    target_kind: str
    target_id: str | None  # the employer for a 給与照会 recorded without one
    target_name: str | None
    result: str
    amount: int | None = None
    id: int | None = None  # the row written (None when nothing was)
    state: str = "recorded"
    previous: PastResult | None = None


def record_result(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    case_id: str,
    target_kind: str,
    result: str,
    target_id: str | None = None,
    amount: int | None = None,
    on_conflict: str = "ask",
    replaces: int | None = None,
    action: str = "record_result",
) -> RecordedResult:
    """Record an inquiry's result (あり／なし, with the amount found) on a case the actor may
    see: the look at the case and the write are audited (``action`` and ``action.write``). A
    bank, insurer or broker must be named; a 給与照会 without an employer goes to the taxpayer's
    known employer. The same result for the same target already recorded today is refused
    ("duplicate"); a recent different one is asked about ("contradiction") unless
    ``on_conflict`` is "correct" (``replaces`` that row: kept, marked superseded) or "add"."""
    from investigation.service import record_result as write_result

    if target_kind not in TARGET_KINDS or result not in INVESTIGATION_RESULTS:
        raise InvalidInput(detail=f"{target_kind}/{result}")
    if on_conflict not in ("ask", "correct", "add") or (on_conflict == "correct" and replaces is None):
        raise InvalidInput(detail=f"on_conflict={on_conflict}")
    if amount is not None and not 0 <= amount <= 10**12:
        raise InvalidInput("result.bad_amount", amount=amount)
    if target_kind in INSTITUTION_TARGETS and not target_id:
        raise InvalidInput(detail=t("chat.ask.result", actor.lang))  # which bank / insurer / broker?
    case = open_case(session=session, actor=actor, case_id=case_id, action=action)
    if target_kind == "salary" and not target_id:
        taxpayer = queries.get_taxpayer(session=session, taxpayer_id=case.taxpayer_id)
        target_id = taxpayer.employer_id if taxpayer else None  # 給与照会 goes to the known employer
        if not target_id:
            raise InvalidInput(detail=t("chat.ask.result", actor.lang))  # which employer?
    if target_kind not in INSTITUTION_TARGETS and target_kind != "salary":
        target_id = None
    name = crud.target_name(session=session, target_kind=target_kind, target_id=target_id) if target_id else None
    done = RecordedResult(case.case_id, target_kind, target_id, name, result, amount)
    latest = latest_result(session=session, case_id=case.case_id, target_kind=target_kind, target_id=target_id)
    today = utcnow().date()  # the day a recorded row is dated with
    if latest is not None and on_conflict == "ask":
        same = latest.result == result and (amount is None or latest.amount == amount)
        if same and latest.date == today:
            return replace(done, state="duplicate", previous=_past(session, latest))
        if not same and (today - latest.date).days <= CONTRADICTION_DAYS:
            return replace(done, state="contradiction", previous=_past(session, latest))
    previous = None
    if on_conflict == "correct":
        old = session.get(Investigation, replaces)
        if old is None or (old.case_id, old.target_kind, old.target_id) != (case.case_id, target_kind, target_id):
            raise InvalidInput(detail=f"replaces={replaces}")  # not a result of this target
        if old.state != "active":
            raise InvalidInput("result.stale")
        previous = _past(session, old)
    row_id = write_result(
        session=session,
        case_id=case.case_id,
        target_kind=target_kind,
        target_id=target_id,
        result=result,
        staff_id=actor.staff_id,
        surface=actor.surface,
        amount=amount,
        supersedes=replaces if on_conflict == "correct" else None,
    )
    verb = "correct" if previous else "write"
    audit.write(
        session=session, actor=actor, action=f"{action}.{verb}", case_id=case.case_id, detail=f"{target_kind} #{row_id}"
    )
    return replace(done, id=row_id, state="corrected" if previous else "recorded", previous=previous)


def _past(session: Session, row: Investigation) -> PastResult:
    staff = queries.get_staff(session=session, staff_id=row.recorded_by) if row.recorded_by else None
    return PastResult(
        id=int(row.id or 0),
        date=row.date,
        result=row.result,
        amount=row.amount,
        recorded_by=row.recorded_by,
        recorder_name=staff.name if staff else None,
        recorded_at=row.recorded_at,
    )


@dataclass(frozen=True)
class UndoneResult:
    case_id: str
    target_kind: str
    target_id: str | None
    target_name: str | None
    result: str
    amount: int | None
    restored: int  # how many corrected rows came back with the undo


def undo_result(
    *, actor: Actor, session: Session, settings: Settings, result_id: int, action: str = "undo_result"
) -> UndoneResult:
    """取り消し of a recorded result: only the staff member who recorded it or a supervisor
    (refused and audited otherwise); the row stays, marked undone, and a result it had
    corrected comes back. An undone or corrected result cannot be undone (again)."""
    from investigation.service import undo_result as retire

    row = session.get(Investigation, result_id)
    if row is None:
        raise NotFound(what="investigation", ident=str(result_id))
    case = open_case(session=session, actor=actor, case_id=row.case_id, action=action)
    if row.state == "active" and not may_undo(actor, row):
        audit.write(session=session, actor=actor, action=f"{action}.write", case_id=case.case_id, allowed=False, detail=f"#{result_id}")
        raise PermissionDenied("result.not_recorder")
    restored = retire(session=session, result_id=result_id, staff_id=actor.staff_id)
    audit.write(session=session, actor=actor, action=f"{action}.write", case_id=case.case_id, detail=f"#{result_id}")
    name = crud.target_name(session=session, target_kind=row.target_kind, target_id=row.target_id) if row.target_id else None
    return UndoneResult(case.case_id, row.target_kind, row.target_id, name, row.result, row.amount, len(restored))
