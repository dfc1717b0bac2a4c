"""Engine and session factories. SQLite gets WAL and foreign keys; PostgreSQL via psycopg."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, create_engine

log = logging.getLogger(__name__)


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(
    url: str, *, pool_size: int | None = None, pool_timeout: float | None = None, **kwargs: Any
) -> Engine:
    """``pool_size``: a fixed pool of that many connections (no overflow), for the server, whose
    requests hold one connection each; ``pool_timeout``: seconds to wait for a free one before
    :class:`sqlalchemy.exc.TimeoutError`. Without them, SQLAlchemy's defaults."""
    url = normalise_url(url)
    if url != "sqlite://" and ":memory:" not in url:  # an in-memory SQLite has no queue pool
        if pool_size is not None:
            kwargs.update(pool_size=pool_size, max_overflow=0)
        if pool_timeout is not None:
            kwargs["pool_timeout"] = pool_timeout
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def refresh_planner_statistics(engine: Engine) -> None:
    """After a bulk write (an import): PostgreSQL's planner statistics of the project's tables,
    so that the first queries after it use their indexes (autovacuum would analyse later, or
    never where it is off): a taxpayer's results on office B took 13 ms by a full scan of the
    investigations before, 0.5 ms after. SQLite plans well without them and gets none.
    A failure (no privilege) is logged; the write it follows is already committed."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        quote = engine.dialect.identifier_preparer.quote
        names = [quote(t.name) for t in SQLModel.metadata.sorted_tables if t.name in present]
        if not names:
            return
        try:
            conn.exec_driver_sql(f"ANALYZE {', '.join(names)}")
            conn.commit()
        except DBAPIError as err:
            log.warning("planner statistics not refreshed: %s", type(err.orig or err).__name__)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def safe_url(url: str) -> str:
    """The URL with any password masked, for printing."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as given: it holds no parsable password
        return url
