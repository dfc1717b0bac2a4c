"""Who asks: the staff member behind a chat user or a web login, and where they ask from."""

from __future__ import annotations

from dataclasses import dataclass

from tools.messages import Lang


@dataclass(frozen=True)
class Actor:
    """A staff member (or an unknown platform user when ``staff_id`` is None)."""

    staff_id: str | None
    surface: str
    lang: Lang = "ja"
    name: str | None = None
    role: str | None = None
    team: str | None = None
    # The platform user id (Slack/Teams) or login; kept for the audit of unknown users.
    user_ref: str | None = None
    # Where from (client IP, terminal) and the OS account (CLI), for the audit.
    origin: str | None = None
    os_user: str | None = None
    # The office's administrator at the command line (no staff id; trusted by the OS account):
    # sees every case and may plan, like a supervisor. Never set from a chat or web login.
    administrator: bool = False

    @property
    def known(self) -> bool:
        return self.staff_id is not None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"
