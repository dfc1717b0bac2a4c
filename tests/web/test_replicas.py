"""Two replicas of the web server (two ``create_app`` on one store): a supervisor's plan made on
one is shown, applied or discarded on the other, and applied once."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, create_engine, select

from bot.web.app import create_app
from store.models import CaseAssignment, Staff
from tests.web.conftest import csrf_of, web_settings


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


@pytest.fixture
def boss(office_url: str) -> str:
    eng = create_engine(office_url)
    with Session(eng) as s:
        staff_id = s.exec(select(Staff.staff_id).where(Staff.role == "supervisor").order_by(Staff.staff_id)).first()
    eng.dispose()
    assert staff_id
    return staff_id


@pytest.fixture
def replicas(office_url: str, boss: str) -> Iterator[tuple[TestClient, TestClient]]:
    """Both replicas logged in as the supervisor (the cookie is signed with the shared key)."""
    apps = [create_app(settings=web_settings(office_url)) for _ in range(2)]
    with TestClient(apps[0]) as a, TestClient(apps[1]) as b:
        r = a.post("/login", data={"staff_id": boss, "csrf": csrf_of(a)}, follow_redirects=False)
        assert r.status_code == 303
        b.cookies.update(a.cookies)  # the load balancer sends the next request elsewhere
        yield a, b
    for app in apps:
        app.state.engine.dispose()


def test_a_plan_made_on_one_replica_is_applied_on_the_other(
    replicas: tuple[TestClient, TestClient], office_url: str, boss: str
) -> None:
    a, b = replicas
    ran = a.post("/dashboard/run", data={"csrf": _csrf(a.get("/dashboard").text), "development_weight": "0.2"})
    moves = int(re.search(r"担当替え (\d+) 件", ran.text).group(1))  # type: ignore[union-attr]
    shown = b.get("/dashboard").text
    assert 'data-testid="chart-after"' in shown and 'value="0.2"' in shown
    done = b.post("/dashboard/apply", data={"csrf": _csrf(shown)})
    assert f"{moves} 件の担当者を変更" in done.text
    again = a.post("/dashboard/apply", data={"csrf": _csrf(shown)})  # a double click elsewhere
    assert 'data-testid="chart-after"' not in again.text and "件の担当者を変更" not in again.text
    eng = create_engine(office_url)
    with Session(eng) as s:
        changes = s.exec(select(CaseAssignment).where(CaseAssignment.surface == "web")).all()
    eng.dispose()
    assert len(changes) == moves and all(c.changed_by == boss for c in changes)


def test_a_plan_discarded_on_one_replica_is_gone_on_the_other(replicas: tuple[TestClient, TestClient]) -> None:
    a, b = replicas
    a.post("/dashboard/run", data={"csrf": _csrf(a.get("/dashboard").text)})
    assert 'data-testid="chart-after"' in b.get("/dashboard").text
    b.post("/dashboard/discard", data={"csrf": _csrf(b.get("/dashboard").text)})
    assert 'data-testid="chart-after"' not in a.get("/dashboard").text
