"""The chat tool modules, by name. :func:`tools.registry.tools` loads them on first use; each
registers its tools with ``tools.registry.register``. Nothing here imports a tool module
statically, so a tool module may import the registry without a cycle.

A new tool: one module that calls ``register(...)`` (schema, description, examples, routing),
its messages, and its name on this list."""

from __future__ import annotations

import importlib

# In the order help lists their tools (whatever order the imports between them register them).
TOOL_MODULES: tuple[str, ...] = (
    "tools.worklist",
    "tools.cases",
    "tools.results",
    "tools.assignment",
    "tools.exempt",
    "tools.help",
    "tools.search",
)


_loaded = False


def load() -> None:
    """Import every tool module (once)."""
    global _loaded
    if not _loaded:
        for name in TOOL_MODULES:
            importlib.import_module(name)
        _loaded = True


def rank(module: str) -> int:
    """Where a tool module's tools are listed: by this list, other modules (a test's) last."""
    return TOOL_MODULES.index(module) if module in TOOL_MODULES else len(TOOL_MODULES)
