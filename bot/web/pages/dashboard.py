"""Assignment dashboard: the table (filter by staff and difficulty), the per-staff workload
chart now and after an optimisation run, the development-weight slider, cost and gap.

Supervisors alone run the optimiser and apply its plan, through the same use cases as chat and
the CLI (``tools.usecases.assignment``). The last plan of each supervisor is kept in the store
until applied, discarded or expired (:mod:`matching.stored`), so any replica of the web server
can show and apply it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from bot.web import access, workload
from bot.web.charts import nice_ceiling, workload_svg
from bot.web.deps import CsrfChecked, CurrentStaff, DbSession, Supervisor, get_settings_dep
from bot.web.flash import flash
from bot.web.templating import render
from store import web_sessions
from store.settings import Settings
from tools.messages import t
from tools.usecases import assignment, day

router = APIRouter()


def _idle(settings: Settings) -> dt.timedelta:
    return dt.timedelta(minutes=settings.choshu_session_idle_minutes)


def _lifetime(settings: Settings) -> dt.timedelta:
    return dt.timedelta(hours=settings.choshu_session_max_hours)

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
    team: str = "",
) -> Response:
    context: dict[str, Any] = {"active": "dashboard"}
    access.audit(session=session, settings=settings, viewer=me, action="web.view_assignment")
    now = workload.current_workload(session=session)
    visible = workload.visible_staff(
        now.people, viewer_id=me.staff_id, team=me.team, supervisor=me.is_supervisor
    )
    teams = workload.teams_of(now.people)
    chosen_team = team if team in teams else ""
    if chosen_team:  # the team filter: that team's members (within what the viewer may see)
        members = {p.staff_id for p in now.people if p.team == chosen_team}
        visible = [sid for sid in visible if sid in members]
    entry = assignment.pending_plan(actor=access.actor_of(me), session=session, settings=settings)
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
    actor = access.actor_of(me)
    context["prescriptions"] = day.prescription_dates(
        actor=actor, session=session, settings=settings, case_ids=[r.case_id for r in table.rows]
    )
    context["alerts"] = day.prescription_alerts(actor=actor, session=session, settings=settings, staff_ids=list(visible))
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
        sessions=(
            web_sessions.active(session=session, idle=_idle(settings), lifetime=_lifetime(settings))
            if me.is_supervisor
            else []
        ),
        teams=teams,
        filter_team=chosen_team,
        by_difficulty=[
            h for h in workload.hours_by_difficulty(session=session) if h.staff_id in set(visible)
        ],
    )
    return render(request, "dashboard.html", context)


@router.post("/dashboard/run", dependencies=[CsrfChecked])
def run_assignment(
    request: Request,
    me: CurrentStaff,
    session: DbSession,
    settings: SettingsDep,
    development_weight: Annotated[float, Form()] = 0.0,
    team: Annotated[str, Form()] = "",
) -> Response:
    """Run the optimiser (supervisors only) for the whole office or one team, and keep the plan
    to show beside the current one (the same use case as chat and ``choshu assign``)."""
    plan = assignment.make_plan(
        actor=access.actor_of(me),
        session=session,
        settings=settings,
        development_weight=development_weight,
        team=team or None,
        action="web.assign_cases",
    )
    flash(request, "web.dash.ran", moves=plan.moves)
    return RedirectResponse("/dashboard#result", status_code=303)


@router.post("/dashboard/apply", dependencies=[CsrfChecked])
def apply_plan(
    request: Request, me: CurrentStaff, session: DbSession, settings: SettingsDep
) -> Response:
    """Write the shown plan to the store: new assignees and their history rows."""
    moved = assignment.apply_plan(actor=access.actor_of(me), session=session, settings=settings, action="web.apply_plan")
    if moved is None:
        flash(request, "web.dash.no_plan")
        return RedirectResponse("/dashboard", status_code=303)
    flash(request, "web.dash.applied", moved=moved)
    return RedirectResponse("/dashboard", status_code=303)


@router.post("/dashboard/discard", dependencies=[CsrfChecked])
def discard_plan(request: Request, me: CurrentStaff, session: DbSession, settings: SettingsDep) -> Response:
    assignment.discard_plan(actor=access.actor_of(me), session=session, settings=settings)
    return RedirectResponse("/dashboard", status_code=303)


@router.post("/dashboard/sessions/end", dependencies=[CsrfChecked])
def end_sessions(
    request: Request,
    me: Supervisor,
    session: DbSession,
    settings: SettingsDep,
    staff_id: Annotated[str, Form()] = "",
) -> Response:
    """End every web session of a staff member (supervisors only): a lost laptop, a leaver."""
    ended = web_sessions.end_all_of(session=session, staff_id=staff_id)
    access.audit(
        session=session,
        settings=settings,
        viewer=me,
        action="web.end_sessions",
        detail=f"staff={staff_id[:40]} sessions={ended}",
    )
    session.commit()
    flash(request, "web.sessions.ended", staff_id=staff_id, count=ended)
    return RedirectResponse("/dashboard#sessions", status_code=303)
