"""The weekly digest as a Teams 1:1 message through the Bot Connector (``bot.digest`` runs it)."""

from __future__ import annotations

from urllib.parse import quote, urlparse

import httpx

from store.settings import Settings


class TeamsSender:
    """A proactive 1:1 message through the Bot Connector: create the conversation, post to it."""

    surface = "teams"

    def __init__(self, settings: Settings, http: httpx.Client | None = None) -> None:
        self.settings = settings
        self.base = settings.teams_service_url.rstrip("/") + "/"
        self.http = http or httpx.Client(timeout=15.0)
        self._token: str | None = None

    def _headers(self) -> dict[str, str]:
        s = self.settings
        if not s.teams_app_id:
            return {}  # development against a local connector only (see teams_enabled)
        if self._token is None:
            tenant = s.teams_tenant_id or "botframework.com"
            r = self.http.post(
                f"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": s.teams_app_id,
                    "client_secret": s.teams_app_password or "",
                    "scope": "https://api.botframework.com/.default",
                },
            )
            r.raise_for_status()
            self._token = str(r.json()["access_token"])
        return {"Authorization": f"Bearer {self._token}"}

    def send(self, user_id: str, text: str) -> None:
        s = self.settings
        body = {
            "bot": {"id": f"28:{s.teams_app_id or 'choshu'}"},
            "members": [{"id": user_id}],
            "isGroup": False,
            "tenantId": s.teams_tenant_id,
            "channelData": {"tenant": {"id": s.teams_tenant_id}},
        }
        r = self.http.post(self.base + "v3/conversations", json=body, headers=self._headers())
        r.raise_for_status()
        conversation = str(r.json()["id"])
        r = self.http.post(
            self.base + f"v3/conversations/{quote(conversation, safe='')}/activities",
            json={"type": "message", "text": text},
            headers=self._headers(),
        )
        r.raise_for_status()


def teams_enabled(settings: Settings) -> bool:
    """With an app id; or, in development only, unsigned against a connector on loopback."""
    if settings.teams_app_id:
        return True
    host = urlparse(settings.teams_service_url).hostname or ""
    return settings.choshu_env == "development" and host in ("127.0.0.1", "localhost", "::1")


def sender(settings: Settings) -> TeamsSender | None:
    return TeamsSender(settings) if teams_enabled(settings) else None
