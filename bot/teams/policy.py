"""Who may post to the Teams endpoint, and where replies may go: read by the route
(``bot.teams.routes``) and by the SDK app (``bot.teams.app``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from store.settings import TEAMS_SERVICE_HOSTS, Settings


def unauthenticated_allowed(settings: Settings) -> bool:
    """Unsigned activities: only by the dangerous setting, and never in production."""
    return settings.teams_dangerously_allow_unauthenticated and not settings.is_production


def service_url_allowed(settings: Settings, url: object) -> bool:
    """Replies go only to Microsoft's Teams hosts over HTTPS, or to a listed extra host."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host in settings.teams_allowed_hosts[: len(TEAMS_SERVICE_HOSTS)]:
        return True
    extra = settings.teams_allowed_hosts[len(TEAMS_SERVICE_HOSTS) :]
    return parts.scheme in ("https", "http") and host in extra
