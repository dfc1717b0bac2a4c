"""Every user-facing string of the assistant, Japanese first, English where the user wrote English.

Look up with :func:`t`; render a domain error with :func:`error_text`, an import's problem with
:func:`problem_text`. The catalogue is split by
concept, one module each, every module a ``MESSAGES`` dict merged here:

- ``errors``: the domain errors' texts (``error.*``)
- ``chat``: the chat surfaces' frame: refusals, asking back, buttons, help, the LLM agent
- ``cases``: the case summary, the case page, recording a result, a case or staff not found
- ``recommend``: the recommender, its reasons and evaluation, 生活再建 (``hardship.*``)
- ``assignment``: planning, applying, reassigning, the dashboard
- ``search``: statutes, notices, the manual, the FAQ
- ``day``: 時効, the worklist, 差押禁止額, the weekly digest, guidance
- ``web``: the web interface's frame: navigation, login, errors
- ``data``: import, database upgrade, bootstrap, demo data, benchmarks
- ``doctor``: ``choshu doctor``
- ``security``: unsafe settings, the audit chain and its page, login sessions

Add new text to the module of its concept, never inline in code. A key defined in two modules
fails at import. This package imports nothing else of the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any, Literal, Protocol

from tools.messages import (
    assignment,
    cases,
    chat,
    data,
    day,
    doctor,
    errors,
    recommend,
    search,
    security,
    web,
)

Lang = Literal["ja", "en"]

_MODULES = (errors, chat, cases, recommend, assignment, search, day, web, data, doctor, security)


def merge(modules: tuple[ModuleType, ...]) -> dict[str, dict[str, str]]:
    """The modules' ``MESSAGES`` in one dict; a key defined twice raises."""
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, entry in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice (again in {module.__name__})")
            merged[key] = entry
    return merged


MESSAGES: dict[str, dict[str, str]] = merge(_MODULES)


class Keyed(Protocol):
    """What :func:`error_text` renders: a message key and its parameters (e.g. a ``ChoshuError``)."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


def detect_lang(text: str) -> Lang:
    """English when the user wrote no Japanese characters and some Latin letters."""
    has_ja = any(
        "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f"
        for ch in text
    )
    has_latin = any("a" <= ch.lower() <= "z" for ch in text)
    return "en" if (has_latin and not has_ja) else "ja"


def t(key: str, lang: Lang = "ja", /, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Japanese when no English text exists)."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["ja"]
    return template.format(**params)


class Located(Keyed, Protocol):
    """What :func:`problem_text` renders: a key and parameters found at a file's line and column
    (e.g. an import ``Problem``)."""

    @property
    def file(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> str: ...


# Errors whose text tells the administrator which command to run (`choshu train`): users of the
# chat and the web pages, who have no terminal, read the key on the right instead.
WITHOUT_COMMAND: dict[str, str] = {
    "recommend.model_missing": "error.model_missing",
    "recommend.model_unreadable": "error.model_missing",
    "recommend.model_outdated": "error.model_missing",
}


def error_text(err: Keyed, lang: Lang = "ja", *, cli: bool = True) -> str:
    """Render a domain error; unknown parameters in the template render as empty. A ``what``
    parameter names a ``what.*`` key (``NotFound(what="case", …)``), rendered in ``lang``.
    ``cli=False`` (a chat or a web page) never names a command (:data:`WITHOUT_COMMAND`)."""
    key = err.key if cli else WITHOUT_COMMAND.get(err.key, err.key)
    entry = MESSAGES.get(key) or MESSAGES["error.generic"]
    template = entry.get(lang) or entry["ja"]
    params = dict(err.params)
    what = params.get("what")
    if isinstance(what, str) and f"what.{what}" in MESSAGES:
        params["what"] = t(f"what.{what}", lang)
    return template.format_map(_Defaulting(params))


def problem_text(problem: Located, lang: Lang = "ja") -> str:
    """``file:line: column: reason``, one line per problem of an import."""
    reason = t(problem.key, lang, **problem.params)
    return t(
        "import.problem_line",
        lang,
        file=problem.file,
        line=problem.line,
        column=problem.column,
        reason=reason,
    )


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
