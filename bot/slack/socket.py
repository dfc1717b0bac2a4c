"""Socket Mode (when SLACK_APP_TOKEN is set): the same Slack app over a websocket, no public URL."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from store.settings import Settings

log = logging.getLogger(__name__)


def start_socket_mode(web_app: FastAPI, settings: Settings) -> bool:
    """Connect in background threads; True when Socket Mode is on."""
    if not (settings.slack_app_token and settings.slack_bot_token):
        return False
    # lazy: slack_bolt and the chat engines load only when Socket Mode is on
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack.routes import slack_app_for

    handler = SocketModeHandler(slack_app_for(web_app, settings), settings.slack_app_token)
    handler.connect()
    web_app.state.slack_socket = handler
    log.info("Slack Socket Mode connected")
    return True
