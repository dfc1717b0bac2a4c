"""The audit log is tamper-evident: every row is HMAC-chained to the one before, so a direct
UPDATE, DELETE, INSERT or reordering in the database is found by `choshu audit verify` (which
names the first broken row); the chain holds with several processes writing at once."""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app
from store import crud
from store.db import make_engine, session_scope

runner = CliRunner()


def _write(engine: Engine, n: int, *, who: str = "S01") -> None:
    for i in range(n):
        with session_scope(engine) as s:
            crud.write_audit(session=s, staff_id=who, surface="web", action="case_summary", case_id=f"{i:05d}")


def _ids(engine: Engine) -> list[int]:
    with engine.connect() as c:
        return [int(x) for x in c.execute(text("select id from auditlog order by seq")).scalars()]


def _verify(engine: Engine) -> tuple[int, str]:
    r = runner.invoke(app, ["--db", str(engine.url), "audit", "verify"])
    return r.exit_code, r.output


def test_verify_passes_on_a_fresh_store_and_counts_the_rows(engine: Engine) -> None:
    assert _verify(engine)[0] == 0
    _write(engine, 5)
    code, out = _verify(engine)
    assert code == 0 and "5行" in out


def test_verify_names_the_row_a_direct_update_changed(engine: Engine) -> None:
    _write(engine, 5)
    third = _ids(engine)[2]
    with engine.begin() as c:
        c.execute(text("update auditlog set staff_id='K0001', allowed=1 where id=:i"), {"i": third})
    code, out = _verify(engine)
    assert code == 1 and f"id={third}" in out


def test_verify_names_the_row_after_a_deleted_one(engine: Engine) -> None:
    _write(engine, 5)
    ids = _ids(engine)
    with engine.begin() as c:
        c.execute(text("delete from auditlog where id=:i"), {"i": ids[1]})
    code, out = _verify(engine)
    assert code == 1 and f"id={ids[2]}" in out


def test_reordering_or_inserting_rows_breaks_the_chain(engine: Engine) -> None:
    _write(engine, 4)
    a, b = _ids(engine)[1:3]
    with engine.begin() as c:  # swap two rows' contents, hashes and all
        c.execute(text("update auditlog set case_id = case when id=:a then '00002' else '00001' end where id in (:a, :b)"), {"a": a, "b": b})
    assert _verify(engine)[0] == 1


def test_a_row_inserted_directly_breaks_the_chain(engine: Engine) -> None:
    _write(engine, 3)
    with engine.begin() as c:
        c.execute(text("insert into auditlog (at, staff_id, surface, action, allowed) values (current_timestamp, 'K0001', 'web', 'case_summary', 1)"))
    code, out = _verify(engine)
    assert code == 1 and "id=4" in out


def test_rows_of_a_rolled_back_transaction_are_chained_too(engine: Engine) -> None:
    from store import audit_chain

    with pytest.raises(RuntimeError), session_scope(engine) as s:
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="1", allowed=False)
        raise RuntimeError("the work failed after the case was read")
    _write(engine, 2)
    verdict = audit_chain.verify(engine)
    assert verdict.ok and verdict.rows == 3


@pytest.mark.parametrize("store", ["engine", "pg_engine"])
def test_a_row_of_a_rolled_back_savepoint_takes_no_place_and_leaves_no_gap(store: str, request: pytest.FixtureRequest) -> None:
    from store import audit_chain

    engine = request.getfixturevalue(store)
    with session_scope(engine) as s:
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="1")
        savepoint = s.begin_nested()
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="2")
        savepoint.rollback()
        crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="3")
    _write(engine, 1)
    verdict = audit_chain.verify(engine)
    assert verdict.ok and verdict.rows == 3
    with engine.connect() as c:
        assert list(c.execute(text("select case_id from auditlog order by seq")).scalars()) == ["1", "3", "00000"]


def test_rows_from_before_the_chain_are_counted_and_may_not_change(engine: Engine) -> None:
    from store import audit_chain

    with engine.begin() as c:  # an upgraded store: rows written by an older version
        for _ in range(3):
            c.execute(text("insert into auditlog (at, staff_id, surface, action, allowed) values (current_timestamp, 'S01', 'web', 'old', 1)"))
    _write(engine, 2)
    verdict = audit_chain.verify(engine)
    assert verdict.ok and verdict.legacy == 3 and verdict.rows == 3  # the chain's start row + 2
    with engine.begin() as c:
        c.execute(text("delete from auditlog where action='old' and id=2"))
    assert not audit_chain.verify(engine).ok


def test_export_writes_the_rows_since_a_date_with_their_hashes(engine: Engine, tmp_path: Path) -> None:
    from store import audit_chain

    _write(engine, 3)
    last = audit_chain.verify(engine).last_hash
    out = tmp_path / "audit.csv"
    r = runner.invoke(app, ["--db", str(engine.url), "audit", "export", "--since", "2020-01-01", "--out", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [x["seq"] for x in rows] == ["1", "2", "3"]
    assert all(len(x["chain_hash"]) == 64 for x in rows)
    assert rows[-1]["chain_hash"] == last
    assert audit_chain.verify(engine).rows == 4  # the export is itself audited
    bad = runner.invoke(app, ["--db", str(engine.url), "audit", "export", "--since", "yesterday", "--out", str(out)])
    assert bad.exit_code == 2


def _writer(url: str, schema: str | None, who: str, n: int) -> None:
    kwargs = {"connect_args": {"options": f"-csearch_path={schema}"}} if schema else {}
    engine = make_engine(url, **kwargs)
    for i in range(n):
        if i % 5 == 4:  # now and then a transaction that fails: its rows are written on rollback
            try:
                with session_scope(engine) as s:
                    crud.write_audit(session=s, staff_id=who, surface="web", action="refused", allowed=False)
                    raise RuntimeError
            except RuntimeError:
                pass
        else:
            with session_scope(engine) as s:
                crud.write_audit(session=s, staff_id=who, surface="web", action="case_summary", case_id=f"{i:05d}")
    engine.dispose()


def _concurrent(url: str, schema: str | None, engine: Engine) -> None:
    from store import audit_chain

    writers, each = 4, 25
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(url, schema, f"R{k}", each)) for k in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    verdict = audit_chain.verify(engine)
    assert verdict.ok, verdict
    assert verdict.rows == writers * each


def test_the_chain_holds_with_several_replicas_writing_at_once_on_sqlite(engine: Engine) -> None:
    _concurrent(str(engine.url), None, engine)


@pytest.mark.postgres
def test_the_chain_holds_with_several_replicas_writing_at_once_on_postgres(pg_engine: Engine) -> None:
    from store import audit_chain

    with pg_engine.connect() as c:
        schema = str(c.execute(text("select current_schema()")).scalar_one())
    url = pg_engine.url.render_as_string(hide_password=False)
    _concurrent(url, schema, pg_engine)
    verdict = audit_chain.verify(pg_engine)
    assert verdict.ok
    with pg_engine.begin() as c:
        c.execute(text("update auditlog set allowed = true where action = 'refused' and seq = (select min(seq) from auditlog where action='refused')"))
    assert not audit_chain.verify(pg_engine).ok


def test_a_transaction_that_has_written_an_audit_row_keeps_no_write_lock_until_it_commits(engine: Engine) -> None:
    """A chat turn records the case read early and answers long after: meanwhile every other
    turn must be able to write (SQLite has one write lock for the whole store)."""
    import sqlite3

    from store import audit_chain

    other = sqlite3.connect(engine.url.database, timeout=0)  # no waiting: a held lock fails at once
    try:
        with session_scope(engine) as s:
            s.execute(text("select count(*) from staff"))  # the turn has begun its work
            crud.write_audit(session=s, staff_id="S01", surface="web", action="case_summary", case_id="00001")
            other.execute("insert into auditlog (at, staff_id, surface, action, allowed) values (current_timestamp, 'X', 'web', 'other', 1)")
            other.rollback()  # it could write; it need not stay
        assert audit_chain.verify(engine).ok
        with engine.connect() as c:
            assert list(c.execute(text("select case_id from auditlog")).scalars()) == ["00001"]
    finally:
        other.close()

