"""The weekly digest as a Slack DM (``bot.digest`` runs it)."""

from __future__ import annotations

from store.settings import Settings


class SlackSender:
    """chat.postMessage to the user's ID: Slack delivers it in the DM with the app."""

    surface = "slack"

    def __init__(self, settings: Settings) -> None:
        from slack_sdk import WebClient

        self.client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)

    def send(self, user_id: str, text: str) -> None:
        self.client.chat_postMessage(channel=user_id, text=text[:3000])


def slack_enabled(settings: Settings) -> bool:
    return bool(settings.slack_bot_token)


def sender(settings: Settings) -> SlackSender | None:
    return SlackSender(settings) if slack_enabled(settings) else None
