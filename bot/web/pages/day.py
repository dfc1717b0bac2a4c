"""The officer's day on the web: the worklist (/worklist) and the 差押禁止額 form (/exempt).
Both call the use cases chat and the CLI call (``tools.usecases.day``: authorisation and audit
included)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from bot.web import access
from bot.web.deps import CurrentStaff, DbSession, get_settings_dep
from bot.web.templating import render
from store.errors import InvalidInput
from store.settings import Settings

router = APIRouter()
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]

EXEMPT_FIELDS = ("pay", "income_tax", "resident_tax", "social_insurance", "dependents", "period_days")


@router.get("/worklist", name="worklist")
def worklist_page(request: Request, me: CurrentStaff, session: DbSession, settings: SettingsDep, staff: str = "") -> Response:
    from tools import queries
    from tools.usecases.day import worklist
    from tools.worklist import reason_text

    found = worklist(actor=access.actor_of(me), session=session, settings=settings, staff=staff.strip() or None)
    person, ranked = found.staff, found.ranked
    rows = [
        {
            "rank": r.rank,
            "case_id": r.item.case_id,
            "amount": r.item.amount_due,
            "date": r.item.prescription.date,
            "group": r.group,
            "reasons": [reason_text(x, "ja") for x in r.reasons],
        }
        for r in ranked
    ]
    people = queries.list_staff(session=session) if me.is_supervisor else []
    context: dict[str, Any] = {
        "active": "worklist",
        "person": person,
        "rows": rows,
        "people": people,
        "alert_days": settings.choshu_prescription_alert_days,
        "soon": len(found.prescribing),
    }
    return render(request, "worklist.html", context)


def _int_field(name: str, raw: str | None) -> int | None:
    import unicodedata

    text = unicodedata.normalize("NFKC", raw or "").replace(",", "").replace("円", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput("exempt.bad_yen", field=name, value=raw)
    return int(text)


@router.get("/exempt", name="exempt")
def exempt_page(request: Request, me: CurrentStaff, settings: SettingsDep, session: DbSession) -> Response:
    """The form, and its answer when it was filled in (GET: nothing is stored)."""
    from investigation.exempt import KINDS
    from tools.exempt import period_text, render_lines
    from tools.usecases.day import exempt_amount

    query = request.query_params
    values = {name: query.get(name, "") for name in EXEMPT_FIELDS}
    kind = query.get("kind", "salary")
    context: dict[str, Any] = {"active": "exempt", "values": values, "kind": kind, "kinds": KINDS, "result": None, "error": None}
    if values["pay"]:
        try:
            numbers = {name: _int_field(name, values[name]) for name in EXEMPT_FIELDS}
            result = exempt_amount(
                actor=access.actor_of(me),
                session=session,
                settings=settings,
                pay=numbers["pay"] or 0,
                income_tax=numbers["income_tax"] or 0,
                resident_tax=numbers["resident_tax"] or 0,
                social_insurance=numbers["social_insurance"] or 0,
                dependents=numbers["dependents"] or 0,
                period_days=numbers["period_days"],
                kind=kind,
                action="web.exempt_amount",
            )
        except InvalidInput as err:
            from tools.messages import error_text

            context["error"] = error_text(err)
        else:
            context["result"] = result
            context["lines"] = render_lines(result, "ja")
            context["period"] = period_text(result, "ja")
    return render(request, "exempt.html", context)
