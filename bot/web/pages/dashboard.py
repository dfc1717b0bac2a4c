"""Assignment dashboard: the table, the per-staff workload chart, the optimisation run."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from bot.web.deps import CurrentStaff
from bot.web.templating import render

router = APIRouter()


@router.get("/dashboard", name="dashboard")
def dashboard(request: Request, me: CurrentStaff) -> Response:
    return render(request, "dashboard.html", {"ready": False})
