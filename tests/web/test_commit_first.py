"""A write is committed before the reply says it is done: when the store refuses the commit,
the page says so (with a reference number) instead of 「記録しました」, and nothing is kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from bot.web.app import create_app
from store.models import Investigation
from tests.web.conftest import log_in, web_settings


@pytest.fixture
def failing_result_commits() -> Iterator[None]:
    """The store refuses to commit any transaction that wrote an investigation result (a full
    disk, a lost connection at the last moment)."""

    def mark(session: OrmSession, _context: object, _instances: object) -> None:
        if any(isinstance(o, Investigation) for o in session.new):
            session.info["wrote_result"] = True

    def refuse(session: OrmSession) -> None:
        if session.info.pop("wrote_result", False):
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(OrmSession, "before_flush", mark)
    event.listen(OrmSession, "before_commit", refuse)
    yield
    event.remove(OrmSession, "before_commit", refuse)
    event.remove(OrmSession, "before_flush", mark)


def test_a_result_the_store_could_not_keep_is_never_reported_as_recorded(
    tiny_office: Engine, csrf: Callable[[TestClient], str], failing_result_commits: None
) -> None:
    app = create_app(settings=web_settings(str(tiny_office.url)))
    with TestClient(app, raise_server_exceptions=False) as client:
        _answer_after_a_refused_commit(log_in(client, "A01"), csrf, tiny_office)
    app.state.engine.dispose()


def _answer_after_a_refused_commit(client: TestClient, csrf: Callable[[TestClient], str], tiny_office: Engine) -> None:
    r = client.post(
        "/cases/10001/results",
        data={"target_kind": "pension", "target_name": "年金", "result": "found", "csrf": csrf(client)},
        follow_redirects=False,
    )
    assert r.status_code == 500
    assert "記録しました" not in r.text
    assert "参照番号" in r.text
    with Session(tiny_office) as s:
        assert s.exec(select(Investigation).where(Investigation.case_id == "10001")).all() == []
    # The next page view shows no 「記録しました」 either (no flash left behind).
    assert "記録しました" not in client.get("/cases/10001").text
