"""Slack as a chat surface: its endpoint, Socket Mode, its doctor row and start-up state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.surface import Sender, Surface
from store.checks import Check
from store.settings import Settings

if TYPE_CHECKING:
    from fastapi import APIRouter


def check(settings: Settings) -> Check:
    if settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token):
        mode = "Socket Mode" if settings.slack_app_token else "HTTP (/slack/events)"
        # without a public address the answers carry no links (to the case page, the article…)
        hint = None if settings.choshu_public_url else "doctor.next.public_url"
        return Check("doctor.check.slack", "ok", "doctor.slack_ok", {"mode": mode}, hint)
    if settings.slack_bot_token or settings.slack_signing_secret or settings.slack_app_token:
        return Check("doctor.check.slack", "error", "doctor.slack_partial", {}, "doctor.next.slack")
    return Check("doctor.check.slack", "info", "doctor.slack_off")


def mode(settings: Settings) -> str:
    if not settings.slack_bot_token:
        return "off"
    return "socket" if settings.slack_app_token else "http"


def routers(settings: Settings) -> list[APIRouter]:
    from bot.slack.routes import build_router

    return [build_router(settings)]


def start(web_app: Any, settings: Settings) -> bool:
    from bot.slack.socket import start_socket_mode

    return start_socket_mode(web_app, settings)


def warm(web_app: Any, settings: Settings) -> None:
    """Build the Bolt app (its token check) before the first event, when HTTP mode is set up."""
    if settings.slack_bot_token and settings.slack_signing_secret:
        from bot.slack.routes import slack_app_for

        slack_app_for(web_app, settings)


def sender(settings: Settings) -> Sender | None:
    from bot.slack.digest import sender

    return sender(settings)


SURFACE = Surface(
    name="slack", label="Slack", check=check, mode=mode, routers=routers, start=start, warm=warm, sender=sender
)
