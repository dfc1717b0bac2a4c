"""What every surface hands to the dispatcher: the platform payload, translated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class KnownStaff:
    """The authenticated staff member as the request's own login check has just read them
    (the web), so that the turn need not read them again."""

    name: str
    role: str
    team: str | None


@dataclass
class IncomingMessage:
    """A message or a button press from one surface.

    ``user_ref`` is the platform user id (Slack ``U…``, Teams AAD object id) or, for the web and
    the terminal, the logged-in staff id (``staff_id`` set). ``action`` is a pressed button:
    ``{"action": "run"|"rate"|"cancel", "payload": {...}}``.
    """

    surface: str
    user_ref: str
    text: str = ""
    action: dict[str, Any] | None = None
    event_id: str | None = None  # platform event id, for dropping repeated deliveries
    staff_id: str | None = None  # already authenticated (web login, `choshu chat --as`)
    origin: str | None = None  # client IP (web) or terminal (CLI), for the audit
    os_user: str | None = None  # the OS account behind `choshu chat --as`, for the audit
    known_staff: KnownStaff | None = None  # ``staff_id``'s record, read by this request's login check
    # The conversation within the surface (a Slack thread, a Teams conversation, a terminal
    # session; "" for the web chat): what a follow-up refers to is remembered per thread.
    thread: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # When the server received it (``time.monotonic()``), for a turn that must stay quick on a
    # busy server (the web chat's); None: not measured.
    received: float | None = None
