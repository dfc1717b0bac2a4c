"""`choshu digest --send`: the weekly digest as a Slack DM or a Teams 1:1 message, once per staff
member and ISO week (a scheduler may run it again: what was sent is not sent twice)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote, urlparse

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store import crud
from store.digest_queries import already_sent, record_sent
from store.errors import InvalidInput
from store.settings import Settings
from tools.digest import Digest, build_digest, iso_week

log = logging.getLogger(__name__)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class Sender(Protocol):
    """Delivers to one chat surface; reaches the staff members with a user id there."""

    surface: str

    def send(self, user_id: str, text: str) -> None: ...


class SlackSender:
    """chat.postMessage to the user's ID: Slack delivers it in the DM with the app."""

    surface = "slack"

    def __init__(self, settings: Settings) -> None:
        from slack_sdk import WebClient

        self.client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)

    def send(self, user_id: str, text: str) -> None:
        self.client.chat_postMessage(channel=user_id, text=text[:3000])


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


def slack_enabled(settings: Settings) -> bool:
    return bool(settings.slack_bot_token)


def teams_enabled(settings: Settings) -> bool:
    """With an app id; or, in development only, unsigned against a connector on loopback."""
    if settings.teams_app_id:
        return True
    host = urlparse(settings.teams_service_url).hostname or ""
    return settings.choshu_env == "development" and host in ("127.0.0.1", "localhost", "::1")


def default_senders(settings: Settings) -> list[Sender]:
    senders: list[Sender] = []
    if slack_enabled(settings):
        senders.append(SlackSender(settings))
    if teams_enabled(settings):
        senders.append(TeamsSender(settings))
    return senders


def week_start(week: str | None, today: dt.date | None = None) -> dt.date:
    """The day the digest is written as of: today, or the Monday of ``week`` (2026-W49)."""
    if not week:
        return today or dt.date.today()
    m = _WEEK.match(week.strip())
    if not m:
        raise InvalidInput("digest.bad_week", value=week)
    try:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise InvalidInput("digest.bad_week", value=week) from None


@dataclass
class DigestRun:
    week: str
    digests: list[Digest] = field(default_factory=list)
    sent: list[tuple[str, str]] = field(default_factory=list)  # (staff_id, surface)
    skipped: list[str] = field(default_factory=list)  # already sent this week
    unreachable: list[str] = field(default_factory=list)  # no channel for them
    failed: list[str] = field(default_factory=list)
    empty: int = 0


def run_digest(
    *, engine: Engine, settings: Settings, day: dt.date, send: bool, senders: list[Sender] | None = None
) -> DigestRun:
    """Build every staff member's digest as of ``day``; with ``send`` deliver each one not yet
    delivered this ISO week (recorded and audited one by one, so a failure keeps what went out)."""
    week = iso_week(day)
    run = DigestRun(week=week)
    channels = default_senders(settings) if senders is None else senders
    with Session(engine) as session:
        for staff in crud.list_staff(session=session):
            digest = build_digest(session=session, settings=settings, staff=staff, today=day)
            if digest is None:
                run.empty += 1
                continue
            run.digests.append(digest)
            if not send:
                continue
            if already_sent(session=session, staff_id=staff.staff_id, week=week):
                run.skipped.append(staff.staff_id)
                continue
            user_ids = crud.identities_of(session=session, staff_id=staff.staff_id)
            sender = next((s for s in channels if user_ids.get(s.surface)), None)
            if sender is None:
                run.unreachable.append(staff.staff_id)
                continue
            try:
                sender.send(user_ids[sender.surface], digest.text)
            except Exception as err:  # one person's failure must not stop the others' digests
                log.error("digest to %s via %s failed: %s", staff.staff_id, sender.surface, type(err).__name__)
                run.failed.append(staff.staff_id)
                continue
            record_sent(session=session, staff_id=staff.staff_id, week=week, surface=sender.surface)
            crud.write_audit(
                session=session, staff_id=None, user_ref="digest", surface="system", action="digest.sent",
                detail=f"to={staff.staff_id} week={week} via={sender.surface} cases={digest.prescribing + digest.found}",
            )
            session.commit()
            run.sent.append((staff.staff_id, sender.surface))
    return run
