"""The case page: taxpayer summary, notes, history, ranked targets with 照会結果 buttons,
the hardship flag. Every view and every recorded result is audited (``bot.web.access``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlmodel import Session
from starlette.responses import Response

from bot.web import access
from bot.web.deps import CsrfChecked, CurrentStaff, DbSession, get_settings_dep
from bot.web.engines import service
from bot.web.flash import flash
from bot.web.templating import render
from store.errors import InvalidInput, ModelMissing
from store.models import INVESTIGATION_RESULTS, TARGET_KINDS, Employer, Staff, Taxpayer
from store.settings import Settings

router = APIRouter()

SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def _related(session: Session, case_id: str) -> dict[str, Any]:
    """Notes and assignment history from the store (「準備中」 until ``store.crud`` has them)."""
    out: dict[str, Any] = {}
    list_notes = service("store.crud", "list_notes")
    case_history = service("store.crud", "case_history")
    list_staff = service("store.crud", "list_staff")
    out["notes"] = list_notes(session=session, case_id=case_id, limit=100) if list_notes else None
    out["history"] = case_history(session=session, case_id=case_id) if case_history else None
    out["names"] = {p.staff_id: p.name for p in list_staff(session=session)} if list_staff else {}
    return out


def _recommendation(session: Session, settings: Settings, case_id: str) -> dict[str, Any]:
    recommend = service("investigation.service", "recommend_case")
    if recommend is None:
        return {"rec": None, "rec_state": "preparing"}
    try:
        rec = recommend(session=session, case_id=case_id, model_dir=settings.models_dir, top=5)
    except ModelMissing as err:
        return {"rec": None, "rec_state": "model_missing", "rec_error": err}
    return {"rec": rec, "rec_state": "ok"}


@router.get("/cases/{case_id}", name="case")
def case_page(
    request: Request, case_id: str, me: CurrentStaff, session: DbSession, settings: SettingsDep
) -> Response:
    case = access.open_case(
        session=session, settings=settings, viewer=me, case_id=case_id, action="web.view_case"
    )
    taxpayer = session.get(Taxpayer, case.taxpayer_id)
    employer = (
        session.get(Employer, taxpayer.employer_id) if taxpayer and taxpayer.employer_id else None
    )
    holder = session.get(Staff, case.staff_id) if case.staff_id else None
    context: dict[str, Any] = {
        "case": case,
        "taxpayer": taxpayer,
        "employer": employer,
        "holder": holder,
        "record_ready": service("investigation.service", "record_result") is not None,
    }
    context["can_reassign"] = (
        me.is_supervisor
        and case.status == "open"
        and service("matching.service", "reassign_case") is not None
    )
    context.update(_related(session, case.case_id))
    context.update(_recommendation(session, settings, case.case_id))
    return render(request, "case.html", context)


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
    record = service("investigation.service", "record_result")
    if record is None:
        flash(request, "web.preparing", what="照会結果の記録")
        return RedirectResponse(f"/cases/{case.case_id}", status_code=303)
    if target_kind not in TARGET_KINDS or result not in INVESTIGATION_RESULTS:
        raise InvalidInput(detail=f"{target_kind}/{result}")
    record(
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
) -> Response:
    """担当替え (supervisors only; the matching service refuses anyone else and audits)."""
    case = access.open_case(
        session=session, settings=settings, viewer=me, case_id=case_id, action="web.reassign_case"
    )
    move = service("matching.service", "reassign_case")
    if move is None:
        flash(request, "web.preparing", what="担当替え")
        return RedirectResponse(f"/cases/{case.case_id}", status_code=303)
    result = move(
        session=session,
        case_id=case.case_id,
        to_staff_id=to_staff_id,
        actor_staff_id=me.staff_id,
        surface=access.SURFACE,
    )
    names = _related(session, case.case_id)["names"]
    flash(
        request,
        "web.case.reassigned",
        from_name=names.get(result.from_staff_id, "—") if result.from_staff_id else "—",
        to_name=names.get(result.to_staff_id, result.to_staff_id),
        from_before=_h(result.from_hours_before),
        from_after=_h(result.from_hours_after),
        to_before=_h(result.to_hours_before),
        to_after=_h(result.to_hours_after),
    )
    return RedirectResponse(f"/cases/{case.case_id}#history", status_code=303)


def _h(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:,.1f}"
