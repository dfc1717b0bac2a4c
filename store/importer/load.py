"""The database half of an import: read what the store holds, then write in bulk.

Rows are compared with the store before writing, so only new and changed rows are sent, with
``INSERT ... ON CONFLICT`` in chunks (SQLite and PostgreSQL); no per-row ORM work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)
from store.importer.spec import BY_NAME, FILES, FileSpec
from store.importer.validate import Existing, ParsedFile
from store.models import utcnow

CHUNK = 2000

Progress = Callable[[str, int, int], None]


@dataclass
class FileResult:
    file: str
    encoding: str
    rows: int  # data rows in the file
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0


def table(spec: FileSpec) -> Table:
    return SQLModel.metadata.tables[spec.table]


def read_existing(
    conn: Connection, *, need_rows: Iterable[str], files_spec: Sequence[FileSpec] = FILES
) -> tuple[Existing, dict[str, Any]]:
    """IDs the files may refer to, and for the files in ``need_rows`` what the store holds of them:
    ``{file: {key: row-dict}}`` for keyed files, ``{file: set(row_hash)}`` for content-keyed ones.
    A staff row-dict carries the member's chat user ids under their staff.csv column names."""
    existing = Existing()
    current: dict[str, Any] = {}
    need = set(need_rows)
    identities = SQLModel.metadata.tables["staffidentity"]
    for surface, staff_id, user_id in conn.execute(
        select(identities.c.surface, identities.c.staff_id, identities.c.user_id)
    ):
        existing.identities.setdefault(surface, {})[staff_id] = user_id
    for spec in files_spec:
        tbl = table(spec)
        if spec.key is None:
            if spec.name in need:
                current[spec.name] = set(conn.execute(select(tbl.c.row_hash)).scalars())
            continue
        if spec.name in need:
            names = [c.name for c in spec.table_columns]
            at = names.index(spec.key)
            rows = {
                r[at]: dict(zip(names, r, strict=True))
                for r in conn.execute(select(*(tbl.c[n] for n in names)))
            }
            for column in spec.identity_columns:
                held = existing.identities.get(column.surface or "", {})
                for key, row in rows.items():
                    row[column.name] = held.get(key)
            current[spec.name] = rows
            existing.keys[spec.name] = set(rows)
        else:
            existing.keys[spec.name] = set(conn.execute(select(tbl.c[spec.key])).scalars())
    inst = table(BY_NAME["institutions.csv"])
    existing.institution_kinds = {
        r.institution_id: r.kind for r in conn.execute(select(inst.c.institution_id, inst.c.kind))
    }
    return existing, current


def _insert(conn: Connection, tbl: Table) -> Any:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(tbl)
    if dialect == "postgresql":
        return postgresql.insert(tbl)
    raise NotImplementedError(f"bulk import supports sqlite and postgresql, not {dialect}")


# Columns that the contract does not import but the store needs on new rows.
NEW_ROW_DEFAULTS: dict[str, dict[str, Any]] = {
    "case": {"status": "open", "assignment_locked": False},
    "investigation": {"source": "import"},
}


def write_file(
    conn: Connection,
    parsed: ParsedFile,
    current: Any,
    result: FileResult,
    progress: Progress | None,
) -> list[tuple[str, str | None, str | None]]:
    """Write one file's new and changed rows. For cases, returns the staff changes
    ``(case_id, previous_staff_id, staff_id)`` to record as assignment history."""
    spec = parsed.spec
    tbl = table(spec)
    staff_changes: list[tuple[str, str | None, str | None]] = []
    if spec.key is None:
        defaults = NEW_ROW_DEFAULTS.get(spec.table, {})
        columns = [*spec.column_map, "row_hash"]
        new = [
            {**defaults, **{c: r.get(c) for c in columns}}
            for r in parsed.rows
            if r["row_hash"] not in current
        ]
        result.inserted = len(new)
        result.unchanged = len(parsed.rows) - len(new)
        stmt = _insert(conn, tbl).on_conflict_do_nothing(index_elements=["row_hash"])
        _send(conn, tbl, stmt, new, [], spec.name, progress)
        return staff_changes

    key = spec.key
    present = parsed.present
    is_cases = spec.name == "cases.csv"
    defaults = {k: v for k, v in NEW_ROW_DEFAULTS.get(spec.table, {}).items() if k not in present}
    new, changed = [], []
    for row in parsed.rows:
        old = current.get(row[key])
        if old is None:
            new.append({**defaults, **row})
            if is_cases and row.get("staff_id") is not None:
                staff_changes.append((row[key], None, row["staff_id"]))
        elif any(old[c] != row[c] for c in present):
            changed.append({**defaults, **row})
            if is_cases and "staff_id" in present and old["staff_id"] != row["staff_id"]:
                staff_changes.append((row[key], old["staff_id"], row["staff_id"]))
    result.inserted, result.updated = len(new), len(changed)
    result.unchanged = len(parsed.rows) - len(new) - len(changed)
    identity = {c.name: c.surface or "" for c in spec.identity_columns if c.name in present}
    written = new + changed
    if identity:  # chat user ids go to StaffIdentity rows, after the staff rows they name
        present = tuple(c for c in present if c not in identity)
        new, changed = _without(new, identity), _without(changed, identity)
    ins = _insert(conn, tbl)
    update_cols = [c for c in present if c != key]
    if update_cols:
        set_ = {c: ins.excluded[c] for c in update_cols}
        stmt = ins.on_conflict_do_update(index_elements=[key], set_=set_)
    else:
        stmt = ins.on_conflict_do_nothing(index_elements=[key])
    _send(conn, tbl, stmt, new, changed, spec.name, progress)
    if identity:
        _write_identities(conn, identity, written, current, key)
    return staff_changes


def _without(rows: list[dict[str, Any]], columns: Iterable[str]) -> list[dict[str, Any]]:
    drop = set(columns)
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


def _write_identities(
    conn: Connection, identity: dict[str, str], rows: list[dict[str, Any]], current: Any, key: str
) -> None:
    """Each staff member's new user id per surface: the ids that change hands are all released
    first, so that two staff members can swap them (validation has checked the final state is
    unique); an empty cell removes the id."""
    tbl = SQLModel.metadata.tables["staffidentity"]
    for column, surface in identity.items():
        moving = [
            r for r in rows
            if (current.get(r[key]) or {}).get(column) != r[column]
        ]
        for start in range(0, len(moving), CHUNK):
            ids = [r[key] for r in moving[start : start + CHUNK]]
            conn.execute(tbl.delete().where(tbl.c.surface == surface, tbl.c.staff_id.in_(ids)))
        held = [
            {"surface": surface, "user_id": r[column], "staff_id": r[key]}
            for r in moving
            if r[column] is not None
        ]
        for start in range(0, len(held), CHUNK):
            conn.execute(tbl.insert(), held[start : start + CHUNK])


def _send(
    conn: Connection,
    tbl: Table,
    upsert: Any,
    new: list[dict[str, Any]],
    changed: list[dict[str, Any]],
    file: str,
    progress: Progress | None,
) -> None:
    """New rows by COPY where possible (PostgreSQL), else with the upsert; changed rows with
    the upsert. Calls ``progress(file, done, total)`` as chunks go in."""
    total = len(new) + len(changed)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(file, done, total)

    advance(0)
    if new and _can_copy(conn):
        _copy(conn, tbl, new, advance)
        new = []
    rows = new + changed
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        conn.execute(upsert, chunk)
        advance(len(chunk))


def _can_copy(conn: Connection) -> bool:
    """PostgreSQL through psycopg 3: new rows go in with COPY, the fastest way in."""
    return conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"


def _copy(conn: Connection, tbl: Table, rows: list[dict[str, Any]], advance: Any) -> None:
    """COPY ``rows`` (all with the same keys) into ``tbl`` inside the connection's transaction."""
    columns = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(tbl.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    driver: Any = conn.connection.driver_connection
    with driver.cursor() as cur, cur.copy(sql) as copy:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            for row in chunk:
                copy.write_row([row[c] for c in columns])
            advance(len(chunk))


def record_assignments(conn: Connection, changes: list[tuple[str, str | None, str | None]]) -> int:
    """One CaseAssignment row per case whose staff member the import set or changed."""
    if not changes:
        return 0
    tbl = SQLModel.metadata.tables["caseassignment"]
    now = utcnow()
    rows = [
        {
            "case_id": case_id,
            "staff_id": staff_id,
            "previous_staff_id": previous,
            "changed_at": now,
            "changed_by": None,
            "surface": "import",
            "reason": "import",
        }
        for case_id, previous, staff_id in changes
    ]
    for start in range(0, len(rows), CHUNK):
        conn.execute(tbl.insert(), rows[start : start + CHUNK])
    return len(rows)
