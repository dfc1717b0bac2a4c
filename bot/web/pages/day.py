"""The officer's day on the web: the worklist (/worklist) and the 差押禁止額 form (/exempt).
Both go through the chat tools' code (authorisation and audit included)."""

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
    from tools.worklist import reason_text, worklist_for

    ctx = access.context(session=session, settings=settings, viewer=me)
    person, ranked = worklist_for(ctx, staff.strip() or None)
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
        "soon": sum(1 for r in ranked if r.group == "prescribing"),
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
    from tools.exempt import ExemptArgs, calculate, period_text, render_lines

    query = request.query_params
    values = {name: query.get(name, "") for name in EXEMPT_FIELDS}
    kind = query.get("kind", "salary")
    context: dict[str, Any] = {"active": "exempt", "values": values, "kind": kind, "kinds": KINDS, "result": None, "error": None}
    if values["pay"]:
        try:
            numbers = {name: _int_field(name, values[name]) for name in EXEMPT_FIELDS}
            if kind not in KINDS:
                raise InvalidInput("exempt.bad_kind", value=kind)
            result = calculate(ExemptArgs(**numbers, kind=kind))
        except InvalidInput as err:
            from tools.messages import error_text

            context["error"] = error_text(err)
        except ValueError:
            context["error"] = "入力が正しくありません"
        else:
            context["result"] = result
            context["lines"] = render_lines(result, "ja")
            context["period"] = period_text(result, "ja")
            access.audit(session=session, settings=settings, viewer=me, action="web.exempt_amount")
    return render(request, "exempt.html", context)
