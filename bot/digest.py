"""`choshu digest --send`: the weekly digest as a Slack DM or a Teams 1:1 message (each chat
surface's ``sender``: ``bot/slack/digest.py``, ``bot/teams/digest.py``), once per staff member and
ISO week (a scheduler may run it again: what was sent is not sent twice)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.surface import Sender
from bot.surfaces import SURFACES
from store import crud
from store.digest_queries import already_sent, record_sent
from store.errors import InvalidInput
from store.settings import Settings
from tools.digest import Digest, build_digest, iso_week

log = logging.getLogger(__name__)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def default_senders(settings: Settings) -> list[Sender]:
    """A sender per chat surface that can send direct messages, in the order of ``bot.surfaces``:
    each staff member gets the digest on the first that reaches them."""
    senders = (surface.sender(settings) for surface in SURFACES if surface.sender is not None)
    return [sender for sender in senders if sender is not None]


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
