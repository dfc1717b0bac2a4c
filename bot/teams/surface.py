"""Microsoft Teams as a chat surface: its endpoint, its doctor row and start-up state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.surface import Sender, Surface
from store.checks import Check
from store.settings import Settings

if TYPE_CHECKING:
    from fastapi import APIRouter


def check(settings: Settings) -> Check:
    teams = (settings.teams_app_id, settings.teams_app_password)
    if all(teams):
        hint = None if settings.choshu_public_url else "doctor.next.public_url"  # no links without it
        return Check("doctor.check.teams", "ok", "doctor.teams_ok", {"app_id": settings.teams_app_id}, hint)
    if any(teams) or settings.teams_tenant_id:
        return Check("doctor.check.teams", "error", "doctor.teams_partial", {}, "doctor.next.teams")
    return Check("doctor.check.teams", "info", "doctor.teams_off")


def mode(settings: Settings) -> str:
    if settings.teams_app_id:
        return "on"
    return "emulator" if settings.teams_dangerously_allow_unauthenticated else "off"


def routers(settings: Settings) -> list[APIRouter]:
    from bot.teams.routes import build_router

    return [build_router(settings)]


def sender(settings: Settings) -> Sender | None:
    from bot.teams.digest import sender

    return sender(settings)


SURFACE = Surface(name="teams", label="Teams", check=check, mode=mode, routers=routers, sender=sender)
