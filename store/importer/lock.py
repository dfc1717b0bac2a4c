"""One import at a time: an exclusive lock held from the diff against the store to the commit.

SQLite: ``BEGIN IMMEDIATE`` takes the write lock before anything is read (the driver's own
``BEGIN`` comes only at the first write, after the diff, which let two imports both write
the same new rows). PostgreSQL: a transaction-scoped advisory lock (per schema). A second
import waits for the first, saying so once, and gives up after ``wait_seconds`` with
:class:`Conflict` (nothing changed); it then finds the first one's rows and adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from store.errors import Conflict

# The advisory lock's first key: "choshu import" (any constant; the second key is the schema).
PG_LOCK_CLASS = 0x43484F53


def lock_for_import(
    conn: Connection, *, wait_seconds: float, waiting: Callable[[], None] | None = None
) -> None:
    """Take the import lock as the first statement of ``conn``'s transaction."""
    if conn.dialect.name == "sqlite":
        _sqlite(conn, wait_seconds, waiting)
    elif conn.dialect.name == "postgresql":
        _postgres(conn, wait_seconds, waiting)


def _sqlite(conn: Connection, wait_seconds: float, waiting: Callable[[], None] | None) -> None:
    deadline = time.monotonic() + wait_seconds
    told = False
    conn.exec_driver_sql("PRAGMA busy_timeout = 1000")
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as err:
                if "locked" not in str(err.orig).lower() and "busy" not in str(err.orig).lower():
                    raise
            if not told and waiting is not None:
                waiting()
                told = True
            if time.monotonic() >= deadline:
                raise Conflict("import.busy", seconds=round(wait_seconds))
    finally:
        conn.exec_driver_sql("PRAGMA busy_timeout = 5000")  # the store's default (store.db)


def _postgres(conn: Connection, wait_seconds: float, waiting: Callable[[], None] | None) -> None:
    args = {"cls": PG_LOCK_CLASS}
    got = conn.execute(
        text("SELECT pg_try_advisory_xact_lock(:cls, hashtext(current_schema()))"), args
    ).scalar()
    if got:
        return
    if waiting is not None:
        waiting()
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{max(1, int(wait_seconds * 1000))}ms'")
    try:
        conn.execute(text("SELECT pg_advisory_xact_lock(:cls, hashtext(current_schema()))"), args)
    except OperationalError as err:  # lock_timeout: the other import is still running
        raise Conflict("import.busy", seconds=round(wait_seconds)) from err
    conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
