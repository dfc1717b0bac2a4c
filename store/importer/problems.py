"""A problem (or warning) found in an import directory: where it is, a message key and its
parameters. The store renders no text: the edge shows it as ``file:line: column: reason``
(``tools.messages.problem_text``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NO_COLUMN = "-"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # physical line in the file (header = 1); 0 when the file itself is missing
    column: str
    key: str  # a message key, rendered at the edge
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
