"""Alembic environment: the target schema is ``SQLModel.metadata`` of ``store.models``.

Run through :func:`store.migrate.upgrade` (no ``alembic.ini`` needed): the caller passes an open
connection in ``config.attributes["connection"]``. Offline (``--sql``) mode is not supported.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write SQLModel's column types as plain SQLAlchemy ones, so revisions need no sqlmodel."""
    if type_ == "type":
        name = type(obj).__name__
        if name == "AutoString":
            return "sa.String()"
        if name == "UTCDateTime":
            return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=_render_item,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    from store.db import make_engine
    from store.settings import get_settings

    engine = make_engine(config.get_main_option("sqlalchemy.url") or get_settings().database_url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
else:
    _run(connection)
