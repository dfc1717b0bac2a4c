"""The case page: taxpayer summary, notes, history, ranked targets with 照会結果 buttons,
the 財産調査履歴, the hardship flag; supervisors reassign from here. Every view and every change
goes through the use cases chat calls (``tools.usecases``), authorised and audited there."""

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
from store import crud
from store.errors import InvalidInput, NotFound
from store.settings import Settings
from tools.messages import t
from tools.results import past_params, result_text, target_text
from tools.usecases import assignment, cases

router = APIRouter()

SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
TOP_TARGETS = 5
MAX_NOTES = 100
MAX_INVESTIGATIONS = 100


def _staff_names(session: Session) -> dict[str, str]:
    return {p.staff_id: p.name for p in crud.list_staff(session=session)}


@router.get("/cases/{case_id}", name="case")
def case_page(
    request: Request, case_id: str, me: CurrentStaff, session: DbSession, settings: SettingsDep
) -> Response:
    summary = cases.case_summary(
        actor=access.actor_of(me),
        session=session,
        settings=settings,
        case_id=case_id,
        action="web.view_case",
        notes=MAX_NOTES,
        investigations_limit=MAX_INVESTIGATIONS,
        recommend_top=TOP_TARGETS,
        with_history=True,
    )
    case = summary.case
    context: dict[str, Any] = {
        "case": case,
        "taxpayer": summary.taxpayer,
        "employer_name": summary.employer_name,
        "holder": summary.holder,
        "names": _staff_names(session),
        "notes": summary.notes,
        "history": summary.history,
        "investigations": summary.investigations,
        "can_reassign": me.is_supervisor and case.status == "open",
        "rec": summary.recommendation,
        "rec_state": "model_missing" if summary.model_missing else "ok",
        # a contradiction asked about by the last あり／なし (shown once, with its three buttons)
        "pending_result": request.session.pop("pending_result", None) if "session" in request.scope else None,
    }
    context.update(_prescription(session, settings, summary))
    return render(request, "case.html", context)


def _prescription(session: Session, settings: Settings, summary: cases.CaseSummary) -> dict[str, Any]:
    """時効 (line and alert), the case's actions and the guidance its notes call for."""
    import datetime as dt

    from store.action_queries import list_actions
    from tools.worklist import is_alert, prescription_line

    p = summary.prescription
    today = dt.date.today()
    days = settings.choshu_prescription_alert_days
    return {
        "prescription_line": prescription_line(p, "ja", today=today, alert_days=days),
        "prescription_alert": is_alert(p, today=today, alert_days=days) or p.extinguished(today),
        "actions": list_actions(session=session, case_id=summary.case.case_id)[:MAX_NOTES],
        "guidance": [t("chat.guidance.line", "ja", signal=g.signal, citation=g.citation) for g in summary.guidance],
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
    amount: Annotated[str, Form()] = "",
    on_conflict: Annotated[str, Form()] = "ask",
    replaces: Annotated[int | None, Form()] = None,
) -> Response:
    """The 照会結果 あり / なし buttons (with the amount found, if typed): record the result,
    then back to the case page. A duplicate is refused; a contradiction of the latest result
    is asked about on the page (訂正する / 別の記録として追加 / やめる)."""
    done = cases.record_result(
        actor=access.actor_of(me),
        session=session,
        settings=settings,
        case_id=case_id,
        target_kind=target_kind,
        target_id=target_id or None,
        result=result,
        amount=_amount(amount),
        on_conflict=on_conflict,
        replaces=replaces,
        action="web.record_result",
    )
    target = target_text(done, "ja")
    if done.state == "duplicate" and done.previous is not None:
        flash(request, "chat.record.duplicate", case_id=done.case_id, target=target, **past_params(done.previous, "ja"))
    elif done.state == "contradiction" and done.previous is not None:
        request.session["pending_result"] = {
            "target_kind": done.target_kind,
            "target_id": done.target_id or "",
            "target_name": target_name[:100],
            "result": done.result,
            "amount": "" if done.amount is None else str(done.amount),
            "replaces": done.previous.id,
            "question": t(
                "chat.record.contradiction",
                "ja",
                case_id=done.case_id,
                target=target,
                new=result_text(done.result, done.amount, "ja"),
                **past_params(done.previous, "ja"),
            ),
        }
    elif done.state == "corrected" and done.previous is not None:
        said = result_text(done.result, done.amount, "ja")
        flash(request, "chat.record.corrected", case_id=done.case_id, target=target, result=said, **past_params(done.previous, "ja"))
    else:
        flash(request, "chat.record.done", case_id=done.case_id, target=target, result=result_text(done.result, done.amount, "ja"))
    return RedirectResponse(f"/cases/{done.case_id}#targets", status_code=303)


def _amount(written: str) -> int | None:
    """The amount typed on the page (「120000」「120,000」「12万」); empty for none."""
    from bot.router.entities import find_money

    text = written.strip().replace("，", ",")
    if not text:
        return None
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    found = find_money(text if text.endswith("円") else text + "円")
    if found is None:
        raise InvalidInput("result.bad_amount", amount=written[:20])
    return found[0]


@router.post("/cases/{case_id}/results/{result_id}/undo", dependencies=[CsrfChecked])
def undo_result(
    request: Request, case_id: str, result_id: int, me: CurrentStaff, session: DbSession, settings: SettingsDep
) -> Response:
    """「取り消す」 of one result in the 財産調査履歴 (the recorder or a supervisor; audited)."""
    done = cases.undo_result(
        actor=access.actor_of(me), session=session, settings=settings, result_id=result_id, action="web.undo_result"
    )
    key = "chat.undo.done_restored" if done.restored else "chat.undo.done"
    flash(request, key, case_id=done.case_id, target=target_text(done, "ja"), result=result_text(done.result, done.amount, "ja"))
    return RedirectResponse(f"/cases/{done.case_id}#investigations", status_code=303)


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
    """担当替え (supervisors only: anyone else is refused, with one audit record of the
    refusal, by the use case chat calls too). A locked case moves only when the supervisor ticks
    「ロックを解除」."""
    outcome = assignment.reassign_case(
        actor=access.actor_of(me),
        session=session,
        settings=settings,
        case_id=case_id,
        to_staff=to_staff_id,
        confirmed=True,  # the form is the confirmation
        unlock=unlock,
        action="web.reassign_case",
    )
    if outcome.state == "same" and outcome.to_staff is not None:
        raise InvalidInput("assign.same_staff", case_id=outcome.case_id, staff_id=outcome.to_staff.staff_id)
    if outcome.result is None:  # an id names one person; several only for a name
        raise NotFound("chat.reassign.staff_not_found", written=to_staff_id)
    result = outcome.result
    case_id = outcome.case_id
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
    return RedirectResponse(f"/cases/{case_id}#history", status_code=303)


def _h(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:,.1f}"
