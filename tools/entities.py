"""What the offline router found in a message, as plain data: the input of each tool's argument
extraction and score adjustment (``tools.registry.Routing``). The extraction itself lives in
``bot.router``; tools read these types without importing ``bot``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StaffMention:
    written: str  # as the user wrote it (the contract's ``to_staff``)
    staff_ids: tuple[str, ...]  # matching staff members (0, 1 or more), by ``store.staff_names``


@dataclass(frozen=True)
class Entities:
    text: str  # normalised
    raw: str  # as written (trimmed): the query of the search tools
    case_ids: list[str]
    staff: StaffMention | None  # the staff member named anywhere in the message
    target_kind: str | None
    target_id: str | None
    result: str | None
    weight: float | None
    team: str | None = None
    amounts: dict[str, Any] = field(default_factory=dict)  # exempt_amount's arguments found
    money: int | None = None  # an amount of money (yen) written, such as an inquiry's balance
