"""Keep personal data out of the server's logs: access-log lines lose their query strings.

A search (``/search?q=…``) or a login redirect may carry a taxpayer's name in the query
string; uvicorn's access log would print it. The filter keeps method, path and status.
"""

from __future__ import annotations

import logging
import traceback

ACCESS_LOGGER = "uvicorn.access"
ERROR_LOGGER = "uvicorn.error"


class DropQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


class DropExceptionMessages(logging.Filter):
    """uvicorn logs an exception that escapes the app with its message, and a message may carry
    personal data (a database error quotes its parameters): keep the type and the frames."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            frames = "".join(traceback.format_tb(exc.__traceback__))
            record.msg = f"{record.getMessage()} ({type(exc).__name__}, message withheld)\n{frames}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    """Idempotent: the filters on uvicorn's access and error loggers."""
    for name, kind in ((ACCESS_LOGGER, DropQueryStrings), (ERROR_LOGGER, DropExceptionMessages)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, kind) for f in logger.filters):
            logger.addFilter(kind())
