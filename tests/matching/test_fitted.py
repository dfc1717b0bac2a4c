"""The worklist's hours per case come from the latest fit at once: a result recorded since (the
store's content changed) is fitted in the background, not while the officer waits."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching import fitted
from store.models import Investigation
from tests.matching.office import build_office


def test_after_a_change_the_worklist_estimate_is_served_at_once_and_refitted_behind(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = build_office(engine)
    with Session(engine) as session:
        before = fitted.expected_hours_for(session=session, staff_id="A02", case_ids=ids[:5])
    assert len(before) == 5 and all(v > 0 for v in before.values())

    with Session(engine) as session:  # a result recorded: the content fingerprint changes
        session.add(Investigation(case_id=ids[0], date=dt.date(2026, 4, 1), target_kind="bank", result="found", row_hash="t1"))
        session.commit()

    release, fits = threading.Event(), []
    real_fit = fitted.office_model

    def slow_fit(tables: Any) -> Any:
        fits.append(threading.current_thread().name)
        assert release.wait(30)  # the fit takes as long as the test says
        return real_fit(tables)

    monkeypatch.setattr(fitted, "office_model", slow_fit)
    with Session(engine) as session:
        # While the new fit is still running, the worklist gets the earlier fit's figures.
        assert fitted.expected_hours_for(session=session, staff_id="A02", case_ids=ids[:5]) == before
        assert fitted.expected_hours_for(session=session, staff_id="A02", case_ids=ids[:5]) == before
    release.set()
    for thread in threading.enumerate():
        if thread.name == "choshu-hours-refit":
            thread.join(30)
    assert fits == ["choshu-hours-refit"]  # fitted once, in the background, not per request

    with Session(engine) as session:
        # A reassignment (a supervisor's decision) never uses a stale fit: the new one is there.
        _model, case_pos, _ = fitted.store_model(session)
    assert ids[0] in case_pos and fits == ["choshu-hours-refit"]
