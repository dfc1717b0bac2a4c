"""Which engines are installed yet. Pages show 「準備中」 for a missing one, never a fake result.

The team builds the engines in parallel; a page asks here for a service function and gets
``None`` while that module or function does not exist yet.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def service(module: str, function: str) -> Callable[..., Any] | None:
    """``module.function`` when importable, else ``None`` (a broken module still raises)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and (module == err.name or module.startswith(err.name + ".")):
            return None
        raise
    fn = getattr(mod, function, None)
    return fn if callable(fn) else None
