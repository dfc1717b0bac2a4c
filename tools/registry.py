"""The one registry of chat tools. Each tool module registers its functions with
:func:`register`, describing the tool fully: its argument schema and Japanese description (for
the LLM agent and help), example sentences (which train the offline intent classifier), and how
the offline router recognises it (:class:`Routing`: cue words, whether it needs a case number,
its argument extraction and score adjustment). A new tool is one module plus its messages.

The registry imports no tool module: :func:`tools` loads the modules named in
``tools.catalog.TOOL_MODULES`` by name. The offline router, the LLM agent and the buttons all
call tools through :func:`run_tool`, which validates the arguments. Unknown users never get
here: the chat's middleware chain refuses them (``bot.chat.middleware.authorize``).
``supervisor_only`` describes a tool (help, the LLM's tool list); the rule itself is enforced
once, by the use case the tool calls (:func:`tools.authz.require_supervisor`)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from store.errors import InvalidInput, NotFound
from tools import catalog
from tools.context import ToolContext, ToolFunc
from tools.entities import Entities
from tools.messages import MESSAGES, Lang, t
from tools.reply import Reply

__all__ = ["REGISTRY", "Routing", "ToolContext", "ToolFunc", "ToolSpec", "register", "run_tool", "tools"]

# (entities) -> (arguments found, what is missing: "" or an ``ask`` such as "to_staff")
ArgsFunc = Callable[[Entities], tuple[dict[str, Any], str]]
# (the tool's score so far, entities) -> its new score
ScoreFunc = Callable[[float, Entities], float]
# Whether a message says what the tool does in its own words (the conversation planner: to take
# the case in focus, or to stand as its own part of a message); None: its cue or command.
EvidenceFunc = Callable[[Entities], bool]


def _no_args(ent: Entities) -> tuple[dict[str, Any], str]:
    return {}, ""


def _same(score: float, ent: Entities) -> float:
    return score


@dataclass(frozen=True)
class Routing:
    """How the offline router recognises a tool and fills its arguments (``bot.router``)."""

    # Cue words: when they occur, the classifier's probability of the tool is doubled.
    cue: re.Pattern[str] | None = None
    # A case tool needs one case number; the others are unlikely when the message has one.
    needs_case: bool = False
    # Arguments beyond ``case_id`` found in the message, and what is still missing.
    args: ArgsFunc = _no_args
    # The tool's own rule of evidence, applied after the cue and the case-number rule.
    score: ScoreFunc = _same
    # A whole message that means this tool and nothing else (「確定」), checked before classifying.
    command: re.Pattern[str] | None = None
    # Arguments the router looks up rather than reads (a staff ID for a name as written): passed
    # to the tool, left out of the call ``choshu route`` prints.
    resolved: tuple[str, ...] = ()
    # The tool's own words, beyond the classifier (see EvidenceFunc); None: the cue or command.
    evidence: EvidenceFunc | None = None


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str  # Japanese; shown to the LLM and in help
    args_schema: type[BaseModel]
    func: ToolFunc
    case_data: bool  # reads or changes taxpayer/case data
    supervisor_only: bool = False
    example: str = ""  # the one example help shows
    # Sentences (Japanese and English) that train the intent classifier, besides utterances.jsonl.
    examples: tuple[str, ...] = ()
    routing: Routing = field(default_factory=Routing)
    # The button/help label per language when the messages catalogue has no chat.tool.<name>.
    label: Mapping[str, str] = field(default_factory=dict)

    def title(self, lang: Lang = "ja") -> str:
        """The tool's label: the catalogue's ``chat.tool.<name>``, else its own ``label``."""
        key = f"chat.tool.{self.name}"
        if key in MESSAGES:
            return t(key, lang)
        return self.label.get(lang) or self.label.get("ja") or self.name


REGISTRY: dict[str, ToolSpec] = {}
# The registry in the catalogue's order, and how many changes it had seen when it was sorted.
_ordered: tuple[int, dict[str, ToolSpec]] = (-1, {})
_changes = 0


def _changed() -> None:
    global _changes
    _changes += 1


def register(
    name: str,
    *,
    description: str,
    args: type[BaseModel],
    case_data: bool,
    supervisor_only: bool = False,
    example: str = "",
    examples: tuple[str, ...] = (),
    routing: Routing | None = None,
    label: Mapping[str, str] | None = None,
) -> Callable[[ToolFunc], ToolFunc]:
    """Register ``func`` as the tool ``name`` (decorator)."""

    def decorator(func: ToolFunc) -> ToolFunc:
        if name in REGISTRY:
            raise ValueError(f"tool {name} registered twice")
        _changed()
        REGISTRY[name] = ToolSpec(
            name,
            description,
            args,
            func,
            case_data,
            supervisor_only,
            example,
            tuple(examples),
            routing or Routing(),
            dict(label or {}),
        )
        return func

    return decorator


def unregister(name: str) -> None:
    """Forget the tool ``name`` (a test's own tool, when the test ends)."""
    REGISTRY.pop(name, None)
    _changed()


@contextmanager
def registered_from(module: str) -> Iterator[list[str]]:
    """Load the tool module ``module`` (by name) for the duration of the block; the names of the
    tools it registered are yielded and unregistered afterwards."""
    import sys

    tools()
    before = set(REGISTRY)
    sys.modules.pop(module, None)
    importlib.import_module(module)
    added = [name for name in REGISTRY if name not in before]
    try:
        yield added
    finally:
        for name in added:
            unregister(name)
        sys.modules.pop(module, None)


def tools() -> dict[str, ToolSpec]:
    """All registered tools in the catalogue's order (its modules are loaded on first use)."""
    global _ordered
    catalog.load()
    if _ordered[0] != _changes:
        order = sorted(enumerate(REGISTRY.values()), key=lambda pair: (catalog.rank(pair[1].func.__module__), pair[0]))
        _ordered = (_changes, {spec.name: spec for _, spec in order})
    return dict(_ordered[1])


def get_tool(name: str) -> ToolSpec:
    spec = tools().get(name)
    if spec is None:
        raise NotFound(what="tool", ident=name)
    return spec


def validate_args(spec: ToolSpec, args: dict[str, Any]) -> BaseModel:
    try:
        return spec.args_schema.model_validate(args)
    except ValidationError as err:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "?" for e in err.errors())
        raise InvalidInput(detail=fields) from None


def run_tool(ctx: ToolContext, name: str, args: dict[str, Any]) -> Reply:
    """Run one tool for ``ctx.actor`` (a staff member the chain has identified); typed errors
    propagate for the edge to render."""
    spec = get_tool(name)
    parsed = validate_args(spec, args)
    return spec.func(ctx, parsed)
