"""No personal data in the server's logs: the access log drops query strings."""

from __future__ import annotations

import logging

from bot.web.logs import DropQueryStrings


def test_access_log_lines_keep_the_path_but_not_the_query() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/search?q=山田太郎の預金", "1.1", 200),
        None,
    )
    assert DropQueryStrings().filter(record)
    line = record.getMessage()
    assert "/search" in line and "山田太郎" not in line and "200" in line


def test_the_app_installs_the_filter(client) -> None:  # type: ignore[no-untyped-def]
    assert any(isinstance(f, DropQueryStrings) for f in logging.getLogger("uvicorn.access").filters)
