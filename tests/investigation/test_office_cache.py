"""The prepared office is cached per process: a result recorded anywhere shows on the next look
at its case, and never an office read from before a write's commit."""

from __future__ import annotations

import threading

from sqlmodel import Session

from investigation import service
from store.db import make_engine
from store.investigation_queries import add_investigation_result, retire_investigation
from store.models import Investigation
from tests.investigation.conftest import Tiny

CASE = "000108"
BANK = "1302"  # みどり信用金庫, not found on this case so far


def _known(session: Session, tiny: Tiny) -> list[str | None]:
    rec = service.recommend_case(session=session, case_id=CASE, model_dir=tiny.model_dir, top=30)
    return [a.target_id for a in rec.known]


def test_a_result_recorded_by_another_process_shows_on_the_next_look_at_the_case(tiny_copy: Tiny) -> None:
    with Session(tiny_copy.engine) as session:
        assert BANK not in _known(session, tiny_copy)  # the office is now cached in this process
    # Another process (a turn process, another replica) records あり: the row reaches the
    # store without passing through this process's cache.
    other = make_engine(tiny_copy.url)
    with Session(other) as session:
        row = add_investigation_result(
            session=session, case_id=CASE, target_kind="deposit", target_id=BANK,
            result="found", staff_id="K1", surface="web",
        )
        session.commit()
        row_id = row.id
    with Session(tiny_copy.engine) as session:  # at once, well within the cache's trust
        assert BANK in _known(session, tiny_copy)
    # ... and undoes it there (取り消し): no new row, the old one retired.
    with Session(other) as session:
        retire_investigation(session=session, row=session.get(Investigation, row_id), state="undone", by="K1")
        session.commit()
    other.dispose()
    with Session(tiny_copy.engine) as session:
        assert BANK not in _known(session, tiny_copy)


def test_an_office_read_before_a_writes_commit_is_not_kept(tiny_copy: Tiny) -> None:
    """A reader that prepares the office between a write and its commit gets the rows as they
    were; the next reader after the commit must get the new ones, not that copy."""
    with Session(tiny_copy.engine) as writer:
        service.record_result(
            session=writer, case_id=CASE, target_kind="deposit", target_id=BANK,
            result="found", staff_id="K1", surface="web",
        )
        writer.flush()
        seen: list[list[str | None]] = []

        def read() -> None:  # another request of this process, in its own session
            with Session(tiny_copy.engine) as session:
                seen.append(_known(session, tiny_copy))

        reader = threading.Thread(target=read)
        reader.start()
        reader.join()
        assert BANK not in seen[0]  # not committed yet
        writer.commit()
    with Session(tiny_copy.engine) as session:  # a batch (the worklist, 一括照会), which trusts the cache
        [rec] = service.recommend_cases(session=session, case_ids=[CASE], model_dir=tiny_copy.model_dir, top=30)
    assert BANK in [a.target_id for a in rec.known]
