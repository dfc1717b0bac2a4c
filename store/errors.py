"""The project's exception hierarchy.

Errors carry a message key and parameters, never user text: ``tools.messages`` renders them in
the user's language at the edge (CLI exit code, HTTP status, chat reply).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.importer.problems import Problem


class ChoshuError(Exception):
    """Base of every domain error. ``key`` names an entry in ``tools.messages``."""

    key: str = "error.generic"
    exit_code: int = 1

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)


class InvalidInput(ChoshuError):
    key = "error.invalid_input"
    exit_code = 2


class NotFound(ChoshuError):
    """``NotFound(what="case", ident=case_id)``: ``what`` names a ``what.*`` message key, so the
    noun is rendered in the reader's language; or a key of its own when the text says more
    (``NotFound("store.case_not_found", case_id=…)``)."""

    key = "error.not_found"
    exit_code = 3


class CaseNotFound(NotFound):
    """No such case, but cases the user may see are one slip away (「もしかして 010014」):
    ``suggestions`` are their numbers, best first; the chat offers each as a button."""

    key = "store.case_did_you_mean"

    def __init__(self, *, case_id: str, suggestions: Sequence[str]) -> None:
        self.suggestions = list(suggestions)
        super().__init__(case_id=case_id, suggestions="、".join(self.suggestions))


class PermissionDenied(ChoshuError):
    key = "error.permission_denied"
    exit_code = 4


class Conflict(ChoshuError):
    key = "error.conflict"
    exit_code = 5


class ModelMissing(ChoshuError):
    key = "error.model_missing"
    exit_code = 6


class Infeasible(ChoshuError):
    key = "error.infeasible"
    exit_code = 7


class Unavailable(ChoshuError):
    """A part the request needs cannot be used now (the search index broken or being built by
    another process); the key says what, and what to do."""

    key = "error.unavailable"
    exit_code = 8


class ImportRefused(ChoshuError):
    """The whole import was refused; ``problems`` are where and why (keys, rendered at the edge)."""

    key = "import.refused"
    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(count=len(problems))


class ConfigurationError(ChoshuError):
    """The settings are unsafe or incomplete for what was asked (e.g. production start-up)."""

    key = "security.config"
    exit_code = 2
