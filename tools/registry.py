"""The one registry of chat tools. The offline router, the LLM agent and the buttons all call
tools through :func:`run_tool`, which validates the arguments, refuses unknown users and
non-supervisors, and writes the audit record of a refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from store.errors import InvalidInput, NotFound
from store.settings import Settings
from tools import audit
from tools.actor import Actor
from tools.messages import t
from tools.reply import Reply


@dataclass
class ToolContext:
    """What a tool gets besides its arguments: who asks, the store, the settings."""

    session: Session
    settings: Settings
    actor: Actor
    # True when the user pressed a confirmation button (「確定」) for this very call.
    confirmed: bool = False


ToolFunc = Callable[[ToolContext, Any], Reply]


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str  # Japanese; shown to the LLM and in help
    args_schema: type[BaseModel]
    func: ToolFunc
    case_data: bool  # reads or changes taxpayer/case data
    supervisor_only: bool = False
    example: str = ""


REGISTRY: dict[str, ToolSpec] = {}


def register(
    name: str,
    *,
    description: str,
    args: type[BaseModel],
    case_data: bool,
    supervisor_only: bool = False,
    example: str = "",
) -> Callable[[ToolFunc], ToolFunc]:
    """Register ``func`` as the tool ``name`` (decorator)."""

    def decorator(func: ToolFunc) -> ToolFunc:
        if name in REGISTRY:
            raise ValueError(f"tool {name} registered twice")
        REGISTRY[name] = ToolSpec(name, description, args, func, case_data, supervisor_only, example)
        return func

    return decorator


def tools() -> dict[str, ToolSpec]:
    """All registered tools (importing the tool modules registers them)."""
    import tools.assignment
    import tools.cases
    import tools.exempt
    import tools.help
    import tools.search
    import tools.worklist  # noqa: F401

    return REGISTRY


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
    """Run one tool for ``ctx.actor``; typed errors propagate for the edge to render."""
    spec = get_tool(name)
    actor = ctx.actor
    if not actor.known:
        audit.record(ctx, action=name, allowed=False, detail="unknown user")
        return Reply(text=t("chat.unknown_user", actor.lang), ok=False)
    parsed = validate_args(spec, args)
    return spec.func(ctx, parsed)
