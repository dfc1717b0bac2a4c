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
from collections.abc import Iterator, Sequence
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
    # SQLite: ``append`` inserted the rows in this transaction first, so it holds the write lock.


def _insert(conn: Connection, row: dict[str, Any]) -> int:
    key = conn.execute(_table.insert().values(**row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def append(conn: Connection, rows: Sequence[dict[str, Any]], key: bytes) -> None:
    """Insert ``rows`` (an audit row's fields but ``id`` and ``seq``) and give them the next
    places in the chain, in the caller's transaction. The rows go in before the chain's head is
    read: on SQLite the insert is what takes the store's write lock."""
    if not rows:
        return
    placed = [(_insert(conn, row), row) for row in rows]
    _lock(conn)
    last = conn.execute(
        select(_table.c.seq, _table.c.chain_hash)
        .where(_table.c.seq.is_not(None))
        .order_by(_table.c.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        seq, previous = 0, GENESIS
        ids = [row_id for row_id, _ in placed]
        legacy = conn.execute(
            select(func.count()).select_from(_table).where(_table.c.seq.is_(None), _table.c.id.not_in(ids))
        ).scalar_one()
        if legacy:  # an upgraded store: the first chained row counts the rows before it
            start = {
                "at": utcnow(), "surface": "system", "action": CHAIN_START, "allowed": True,
                "detail": f"legacy_rows={legacy}",
            }
            placed.insert(0, (_insert(conn, start), start))
    else:
        seq, previous = int(last.seq), str(last.chain_hash)
    for row_id, row in placed:
        values = {**{f: row.get(f) for f in FIELDS}, "id": row_id, "seq": seq + 1}
        chained = link(key, previous, values)
        conn.execute(update(_table).where(_table.c.id == row_id).values(seq=seq + 1, chain_hash=chained))
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
