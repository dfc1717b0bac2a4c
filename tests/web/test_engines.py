"""Pages find out whether an engine is installed instead of faking a result."""

from __future__ import annotations

from bot.web.engines import service


def test_a_missing_module_or_function_is_none() -> None:
    assert service("choshu_no_such_module.service", "run") is None
    assert service("bot.web.engines", "no_such_function") is None


def test_an_installed_function_is_returned() -> None:
    assert service("bot.web.engines", "service") is service
