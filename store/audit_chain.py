"""The tamper-evident audit chain.

Every audit row gets, in the transaction that commits it, a position ``seq`` (1, 2, 3 …) and
``chain_hash = HMAC-SHA256(key, previous row's chain_hash | this row's fields)``. The key is a
setting (``CHOSHU_AUDIT_KEY``), never stored in the database, so someone who can edit the
database can neither edit, delete, insert nor reorder a row without breaking the chain at that
row. Appends are serialised across processes and replicas: PostgreSQL takes a transaction-level
advisory lock; on SQLite the transaction already holds the database's single write lock (the
row was inserted before it is sealed).

Rows written before the chain existed (an upgraded store) are counted by the first chained row
(``audit.chain_start``, written only then) and reported as not chained; deleting or adding one
changes that count and breaks the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine

from store.models import AuditLog, utcnow
from store.security import audit_key
from store.settings import get_settings

GENESIS = "0" * 64
CHAIN_START = "audit.chain_start"
# Any constant: the transaction-level advisory lock that serialises chain appends on PostgreSQL.
PG_LOCK_ID = 0x43484F5355  # "CHOSU"
FIELDS = (
    "id", "seq", "at", "staff_id", "user_ref", "os_user", "surface", "action",
    "case_id", "allowed", "detail", "origin",
)

_table = AuditLog.__table__  # type: ignore[attr-defined]
_keys: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()


def bind_key(engine: Engine, key: bytes) -> None:
    """Use ``key`` for every chain append and check through ``engine``."""
    _keys[engine] = key


def key_for(engine: Engine) -> bytes:
    key = _keys.get(engine)
    if key is None:
        key = audit_key(get_settings())
        _keys[engine] = key
    return key


def at_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    return "" if value is None else str(value)


def canonical(row: Any) -> bytes:
    """The row's chained fields as bytes (the same for a row read from SQLite or PostgreSQL)."""
    m = row._mapping if hasattr(row, "_mapping") else row
    values = [
        at_text(m["at"]) if f == "at" else (bool(m[f]) if f == "allowed" else m[f])
        for f in FIELDS
    ]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()


def link(key: bytes, previous: str, row: Any) -> str:
    return hmac.new(key, previous.encode() + b"|" + canonical(row), hashlib.sha256).hexdigest()


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(PG_LOCK_ID)))
    # SQLite: the caller inserted the rows in this transaction, so it holds the write lock.


def seal(conn: Connection, ids: list[int], key: bytes, known: dict[int, dict[str, Any]] | None = None) -> None:
    """Give the rows ``ids`` (inserted in this transaction) their place in the chain.

    ``known``: the chained fields of some of those rows as they stand in the database (the
    session's own objects, just flushed), so that they need not be read back; the others are
    read (a savepoint rolled back may have taken some of them).
    """
    if not ids:
        return
    known = known or {}
    _lock(conn)
    last = conn.execute(
        select(_table.c.seq, _table.c.chain_hash)
        .where(_table.c.seq.is_not(None))
        .order_by(_table.c.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        seq, previous = 0, GENESIS
        legacy = conn.execute(
            select(func.count()).select_from(_table).where(_table.c.seq.is_(None), _table.c.id.not_in(ids))
        ).scalar_one()
        order = sorted(ids)
        if legacy:  # an upgraded store: the first chained row counts the rows before it
            start = conn.execute(
                _table.insert().values(
                    at=utcnow(), surface="system", action=CHAIN_START, allowed=True,
                    detail=f"legacy_rows={legacy}",
                )
            ).inserted_primary_key
            assert start is not None
            order = [int(start[0]), *order]
    else:
        seq, previous = int(last.seq), str(last.chain_hash)
        order = sorted(ids)
    rows: dict[int, Any] = {i: known[i] for i in order if i in known}
    unknown = [i for i in order if i not in rows]
    if unknown:
        rows.update((r.id, dict(r._mapping)) for r in conn.execute(select(_table).where(_table.c.id.in_(unknown))))
    for row_id in (i for i in order if i in rows):  # a savepoint rolled back may have taken some
        values = {**rows[row_id], "id": row_id, "seq": seq + 1}
        chained = link(key, previous, values)
        done = conn.execute(update(_table).where(_table.c.id == row_id).values(seq=seq + 1, chain_hash=chained))
        if done.rowcount == 1:  # else the row is gone (rolled back): it takes no place
            seq, previous = seq + 1, chained


@dataclass
class Verdict:
    ok: bool
    rows: int  # chained rows checked
    legacy: int = 0  # rows from before the chain (counted, not chained)
    broken_id: int | None = None  # the first row where the chain breaks
    reason: str | None = None  # message key: security.audit.broken_*
    last_hash: str | None = None


def verify(engine: Engine, key: bytes | None = None) -> Verdict:
    """Walk the chain in order; the first row whose position or hash is wrong breaks it."""
    key = key or key_for(engine)
    with engine.connect() as conn:
        previous, expected, start_id, legacy_expected = GENESIS, 1, None, 0
        for row in _stream(conn):
            m = row._mapping
            if m["seq"] != expected:
                return Verdict(False, expected - 1, broken_id=m["id"], reason="security.audit.broken_gap")
            if not hmac.compare_digest(link(key, previous, m), str(m["chain_hash"] or "")):
                return Verdict(False, expected - 1, broken_id=m["id"], reason="security.audit.broken_hash")
            if expected == 1:
                start_id = m["id"]
                if m["action"] == CHAIN_START:
                    legacy_expected = int(str(m["detail"] or "legacy_rows=0").split("=")[-1])
            previous = str(m["chain_hash"])
            expected += 1
        unsealed = conn.execute(
            select(_table.c.id).where(_table.c.seq.is_(None)).order_by(_table.c.id)
        ).scalars().all()
        legacy = [i for i in unsealed if start_id is not None and i < start_id]
        stray = [i for i in unsealed if start_id is None or i > start_id]
        if start_id is None and unsealed:
            # no chained row yet: everything there is from before the chain
            return Verdict(True, 0, legacy=len(unsealed), last_hash=None)
        if stray:
            return Verdict(False, expected - 1, broken_id=stray[0], reason="security.audit.broken_unsealed")
        if len(legacy) != legacy_expected:
            return Verdict(False, expected - 1, broken_id=legacy[0] if legacy else start_id,
                           reason="security.audit.broken_legacy")
        return Verdict(True, expected - 1, legacy=len(legacy),
                       last_hash=None if expected == 1 else previous)


def _stream(conn: Connection, batch: int = 5000) -> Iterator[Any]:
    after = 0
    while True:
        rows = conn.execute(
            select(_table).where(_table.c.seq > after).order_by(_table.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def rows_since(engine: Engine, since: dt.datetime) -> list[Any]:
    """Chained rows written at or after ``since``, in chain order (for the export)."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(_table).where(_table.c.seq.is_not(None), _table.c.at >= since).order_by(_table.c.seq)
            ).all()
        )
