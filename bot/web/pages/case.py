"""The case page: taxpayer summary, notes, history, ranked targets with 照会結果 buttons,
the 財産調査履歴, the hardship flag; supervisors reassign from here. Every view and every change is audited
(``bot.web.access``, the chat tools' authorisation and audit)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlmodel import Session
from starlette.responses import Response

from bot.web import access
from bot.web.deps import CsrfChecked, CurrentStaff, DbSession, get_settings_dep
from bot.web.flash import flash
from bot.web.templating import render
from investigation import service as investigation
from matching import service as matching
from store import crud
from store.errors import InvalidInput, ModelMissing, PermissionDenied
from store.models import INVESTIGATION_RESULTS, TARGET_KINDS
from store.settings import Settings
from tools import queries

router = APIRouter()

SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
TOP_TARGETS = 5
MAX_NOTES = 100
MAX_INVESTIGATIONS = 100


def _staff_names(session: Session) -> dict[str, str]:
    return {p.staff_id: p.name for p in crud.list_staff(session=session)}


def _investigations(session: Session, case_id: str) -> list[dict[str, Any]]:
    """財産調査履歴 rows for the page: date, target (name and kind), result, amount, source."""
    return [
        {
            "date": i.date,
            "target_kind": i.target_kind,
            "target_name": crud.target_name(session=session, target_kind=i.target_kind, target_id=i.target_id),
            "result": i.result,
            "amount": i.amount,
            "source": i.source,
        }
        for i in crud.list_investigations(session=session, case_id=case_id, limit=MAX_INVESTIGATIONS)
    ]


def _recommendation(session: Session, settings: Settings, case_id: str) -> dict[str, Any]:
    try:
        rec = investigation.recommend_case(
            session=session, case_id=case_id, model_dir=settings.models_dir, top=TOP_TARGETS
        )
    except ModelMissing:
        return {"rec": None, "rec_state": "model_missing"}
    return {"rec": rec, "rec_state": "ok"}


@router.get("/cases/{case_id}", name="case")
def case_page(
    request: Request, case_id: str, me: CurrentStaff, session: DbSession, settings: SettingsDep
) -> Response:
    case = access.open_case(
        session=session, settings=settings, viewer=me, case_id=case_id, action="web.view_case"
    )
    taxpayer = queries.get_taxpayer(session=session, taxpayer_id=case.taxpayer_id)
    employer_name = (
        crud.target_name(session=session, target_kind="salary", target_id=taxpayer.employer_id)
        if taxpayer and taxpayer.employer_id
        else None
    )
    names = _staff_names(session)
    context: dict[str, Any] = {
        "case": case,
        "taxpayer": taxpayer,
        "employer_name": employer_name,
        "holder": queries.get_staff(session=session, staff_id=case.staff_id)
        if case.staff_id
        else None,
        "names": names,
        "notes": crud.list_notes(session=session, case_id=case.case_id, limit=MAX_NOTES),
        "history": crud.case_history(session=session, case_id=case.case_id),
        "investigations": _investigations(session, case.case_id),
        "can_reassign": me.is_supervisor and case.status == "open",
    }
    context.update(_recommendation(session, settings, case.case_id))
    context.update(_prescription(session, settings, me, case))
    return render(request, "case.html", context)


def _prescription(session: Session, settings: Settings, me: Any, case: Any) -> dict[str, Any]:
    """時効 (line and alert), the case's actions and the guidance its notes call for."""
    import datetime as dt

    from investigation.worklist_service import case_prescription
    from store.action_queries import list_actions
    from tools.worklist import guidance_lines, is_alert, prescription_line

    p = case_prescription(session=session, case=case)
    today = dt.date.today()
    days = settings.choshu_prescription_alert_days
    ctx = access.context(session=session, settings=settings, viewer=me)
    return {
        "prescription_line": prescription_line(p, "ja", today=today, alert_days=days),
        "prescription_alert": is_alert(p, today=today, alert_days=days) or p.extinguished(today),
        "actions": list_actions(session=session, case_id=case.case_id)[:MAX_NOTES],
        "guidance": guidance_lines(ctx, case.case_id),
    }


@router.post("/cases/{case_id}/results", dependencies=[CsrfChecked])
def record_result(
    request: Request,
    case_id: str,
    me: CurrentStaff,
    session: DbSession,
    settings: SettingsDep,
    target_kind: Annotated[str, Form()],
    result: Annotated[str, Form()],
    target_id: Annotated[str, Form()] = "",
    target_name: Annotated[str, Form()] = "",
) -> Response:
    """The 照会結果 あり / なし buttons: record the result, then back to the case page."""
    case = access.open_case(
        session=session, settings=settings, viewer=me, case_id=case_id, action="web.record_result"
    )
    if target_kind not in TARGET_KINDS or result not in INVESTIGATION_RESULTS:
        raise InvalidInput(detail=f"{target_kind}/{result}")
    investigation.record_result(
        session=session,
        case_id=case.case_id,
        target_kind=target_kind,
        target_id=target_id or None,
        result=result,
        staff_id=me.staff_id,
        surface=access.SURFACE,
    )
    flash(request, f"web.case.recorded_{result}", target=target_name[:100])
    return RedirectResponse(f"/cases/{case.case_id}#targets", status_code=303)


@router.post("/cases/{case_id}/reassign", dependencies=[CsrfChecked])
def reassign(
    request: Request,
    case_id: str,
    me: CurrentStaff,
    session: DbSession,
    settings: SettingsDep,
    to_staff_id: Annotated[str, Form()],
    unlock: Annotated[bool, Form()] = False,
) -> Response:
    """担当替え (supervisors only; the matching service audits the change). A locked case moves
    only when the supervisor ticks 「ロックを解除」. Anyone else is refused here, with an audit
    record of the refusal (as the chat registry does)."""
    if not me.is_supervisor:
        access.audit(
            session=session, settings=settings, viewer=me, action="web.reassign_case",
            case_id=case_id, allowed=False, detail="not supervisor",
        )
        raise PermissionDenied("assign.not_supervisor", detail="reassign_case")
    case = access.open_case(
        session=session, settings=settings, viewer=me, case_id=case_id, action="web.reassign_case"
    )
    result = matching.reassign_case(
        session=session,
        case_id=case.case_id,
        to_staff_id=to_staff_id,
        actor_staff_id=me.staff_id,
        surface=access.SURFACE,
        unlock=unlock,
    )
    names = _staff_names(session)
    flash(
        request,
        "web.case.reassigned",
        from_name=names.get(result.from_staff_id or "", "—"),
        to_name=names.get(result.to_staff_id, result.to_staff_id),
        from_before=_h(result.from_hours_before),
        from_after=_h(result.from_hours_after),
        to_before=_h(result.to_hours_before),
        to_after=_h(result.to_hours_after),
    )
    return RedirectResponse(f"/cases/{case.case_id}#history", status_code=303)


def _h(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:,.1f}"
