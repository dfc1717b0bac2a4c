"""The audit log page: supervisors only, filters, and refusals shown as refusals."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

Login = Callable[[str], TestClient]


def test_staff_cannot_open_the_audit_log(login: Login) -> None:
    page = login("A01").get("/audit")
    assert page.status_code == 403
    assert "係長・管理者のみ" in page.text
    assert 'href="/audit"' not in login("A01").get("/dashboard").text  # not in the nav either


def test_supervisor_sees_who_looked_at_which_case_and_refusals(
    client: TestClient, login: Login
) -> None:
    login("A01")
    client.get("/cases/10001")
    client.get("/cases/10003")  # another team's: refused
    login("S01")
    page = client.get("/audit")
    assert page.status_code == 200
    table = page.text.split('data-testid="audit-table"', 1)[1]
    assert "web.view_case" in table
    assert 'href="/cases/10001"' in table and 'href="/cases/10003"' in table
    assert "佐藤 花子" in table
    assert "拒否" in table
    assert "納税者1" not in table  # the log names cases, never taxpayers


def test_filters_narrow_the_log(client: TestClient, login: Login) -> None:
    login("A01")
    client.get("/cases/10001")
    client.get("/cases/10003")
    login("S01")
    refused = client.get("/audit", params={"allowed": "0", "action": "web.view_case"}).text
    table = refused.split('data-testid="audit-table"', 1)[1]
    assert 'href="/cases/10003"' in table and 'href="/cases/10001"' not in table
    by_case = client.get("/audit", params={"case": "10001"}).text.split(
        'data-testid="audit-table"', 1
    )[1]
    assert 'href="/cases/10001"' in by_case and 'href="/cases/10003"' not in by_case
