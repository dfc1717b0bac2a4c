"""Assignment dashboard: the table (filter by staff and difficulty), the per-staff workload
chart now and after an optimisation run, the development-weight slider, cost and gap.

Supervisors alone run the optimiser and apply its plan. The last plan of each supervisor is
kept in the store until applied, discarded or expired (:mod:`matching.stored`), so any replica
of the web server can show and apply it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from bot.web import access, workload
from bot.web.charts import nice_ceiling, workload_svg
from bot.web.deps import CsrfChecked, CurrentStaff, DbSession, Supervisor, get_settings_dep
from bot.web.flash import flash
from bot.web.templating import render
from matching import service as matching
from matching import stored
from store.settings import Settings
from tools.messages import t

router = APIRouter()

SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PER_PAGE = 50


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@router.get("/dashboard", name="dashboard")
def dashboard(
    request: Request,
    me: CurrentStaff,
    session: DbSession,
    settings: SettingsDep,
    staff: str = "",
    difficulty: str = "",
    page: str = "1",
) -> Response:
    context: dict[str, Any] = {"active": "dashboard"}
    access.audit(session=session, settings=settings, viewer=me, action="web.view_assignment")
    now = workload.current_workload(session=session)
    visible = workload.visible_staff(
        now.people, viewer_id=me.staff_id, team=me.team, supervisor=me.is_supervisor
    )
    entry = stored.pending_plan(session=session, created_by=me.staff_id) if me.is_supervisor else None
    after = workload.plan_workload(entry.plan, now.people) if entry else None

    before_loads = now.loads(visible)
    after_loads = after.loads(visible) if after else None
    peak = max([x.total for x in before_loads + (after_loads or [])], default=0.0)
    scale = nice_ceiling(peak)

    shown = after if after else now
    diff = _int(difficulty)
    table = workload.filter_rows(
        shown.rows,
        visible=visible,
        staff_id=staff or None,
        difficulty=diff if diff in (1, 2, 3) else None,
        page=_int(page) or 1,
        per_page=PER_PAGE,
    )
    names = {p.staff_id: p.name for p in now.people}
    context["prescriptions"] = _prescriptions(session, settings, [r.case_id for r in table.rows])
    context["alerts"] = _alerts(session, settings, list(visible))
    context["alert_days"] = settings.choshu_prescription_alert_days
    context.update(
        people=[p for p in now.people if p.staff_id in set(visible)],
        names=names,
        chart_before=workload_svg(
            before_loads, title=t("web.dash.chart_before"), scale_max=scale, chart_id="chart-before"
        ),
        chart_after=(
            workload_svg(
                after_loads or [],
                title=t("web.dash.chart_after"),
                scale_max=scale,
                reference=entry.plan.lower_bound if entry else None,
                chart_id="chart-after",
            )
            if entry
            else None
        ),
        makespan_before=max((x.total for x in before_loads), default=0.0),
        entry=entry,
        plan=entry.plan if entry else None,
        table=table,
        showing_plan=after is not None,
        filter_staff=staff,
        filter_difficulty=diff or "",
        weight=entry.weight if entry else settings.choshu_default_development_weight,
    )
    return render(request, "dashboard.html", context)


def _prescriptions(session: Any, settings: Settings, case_ids: list[str]) -> dict[str, tuple[str, bool]]:
    """時効 of the table's cases: (date or "—", within the alert window)."""
    import datetime as dt

    from investigation.worklist_service import prescriptions
    from store.action_queries import open_cases

    today = dt.date.today()
    found = prescriptions(session=session, cases=open_cases(session=session, case_ids=case_ids))
    days = settings.choshu_prescription_alert_days
    return {
        cid: (p.date.isoformat() if p.date else "—", p.date is not None and (p.date - today).days <= days)
        for cid, p in found.items()
    }


def _alerts(session: Any, settings: Settings, staff_ids: list[str]) -> list[tuple[str, str, int, str | None]]:
    """(case_id, date, days left, staff_id) of the visible staff's cases prescribing within the
    alert window, soonest first."""
    import datetime as dt

    from investigation.worklist_service import prescriptions
    from store.action_queries import open_cases

    today = dt.date.today()
    days = settings.choshu_prescription_alert_days
    wanted = set(staff_ids)
    cases = [c for c in open_cases(session=session) if c.staff_id in wanted]
    holder = {c.case_id: c.staff_id for c in cases}
    out = [
        (cid, p.date.isoformat(), (p.date - today).days, holder[cid])
        for cid, p in prescriptions(session=session, cases=cases).items()
        if p.date is not None and 0 <= (p.date - today).days <= days
    ]
    return sorted(out, key=lambda a: (a[2], a[0]))


@router.post("/dashboard/run", dependencies=[CsrfChecked])
def run_assignment(
    request: Request,
    me: Supervisor,
    session: DbSession,
    settings: SettingsDep,
    development_weight: Annotated[float, Form()] = 0.0,
) -> Response:
    """Run the optimiser (supervisors only) and keep the plan to show beside the current one."""
    access.audit(
        session=session,
        settings=settings,
        viewer=me,
        action="web.assign_cases",
        detail=f"weight={development_weight}",
    )
    plan = matching.build_assignment(
        session=session,
        development_weight=development_weight,
        continuity_hours=settings.choshu_continuity_hours,
    )
    stored.save_plan(session=session, plan=plan, created_by=me.staff_id)
    flash(request, "web.dash.ran", moves=plan.moves)
    return RedirectResponse("/dashboard#result", status_code=303)


@router.post("/dashboard/apply", dependencies=[CsrfChecked])
def apply_plan(
    request: Request, me: Supervisor, session: DbSession, settings: SettingsDep
) -> Response:
    """Write the shown plan to the store: new assignees and their history rows."""
    entry = stored.claim_plan(session=session, created_by=me.staff_id)
    if entry is None:
        flash(request, "web.dash.no_plan")
        return RedirectResponse("/dashboard", status_code=303)
    moved = matching.apply_assignment(
        session=session, plan=entry.plan, actor_staff_id=me.staff_id, surface="web"
    )
    flash(request, "web.dash.applied", moved=moved)
    return RedirectResponse("/dashboard", status_code=303)


@router.post("/dashboard/discard", dependencies=[CsrfChecked])
def discard_plan(request: Request, me: Supervisor, session: DbSession) -> Response:
    stored.discard_plan(session=session, created_by=me.staff_id)
    return RedirectResponse("/dashboard", status_code=303)
