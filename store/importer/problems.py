"""A problem (or warning) found in an import directory, rendered as ``file:line: column: reason``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

NO_COLUMN = "-"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # physical line in the file (header = 1); 0 when the file itself is missing
    column: str
    key: str  # message key in tools.messages
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def render(self, lang: Literal["ja", "en"] = "ja") -> str:
        from tools.messages import t

        reason = t(self.key, lang, **self.params)
        return t(
            "import.problem_line",
            lang,
            file=self.file,
            line=self.line,
            column=self.column,
            reason=reason,
        )

    def __str__(self) -> str:
        return self.render()
