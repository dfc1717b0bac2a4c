"""Web sessions live in the store: a copied or forged cookie is no login once logged out or
never issued; sessions expire; a supervisor ends another member's sessions; logins, refused
logins and logouts are audited; the demo login exists only in development on loopback."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable

from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import AuditLog
from tests.web.conftest import SECRET, csrf_of, log_in

Csrf = Callable[[TestClient], str]


def _signed(data: dict[str, str], secret: str = SECRET) -> str:
    """A cookie as Starlette's SessionMiddleware signs it."""
    payload = base64.b64encode(json.dumps(data).encode())
    return TimestampSigner(secret).sign(payload).decode()


def _cookie(client: TestClient) -> dict[str, str]:
    """What the signed cookie carries (its payload is only signed, not encrypted)."""
    payload = client.cookies["choshu_session"].split(".", 1)[0]
    return json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))


def _audit(engine: Engine, action: str) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)).all())


def test_a_copied_cookie_is_no_login_after_logout(client: TestClient, make_client: Callable[..., TestClient]) -> None:
    log_in(client, "S01")
    copied = client.cookies.get("choshu_session")
    thief = make_client()
    thief.cookies.set("choshu_session", copied)
    assert thief.get("/dashboard", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf": csrf_of(client)}, follow_redirects=False)
    assert thief.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_cookie_signed_with_the_secret_but_never_issued_is_no_login(client: TestClient) -> None:
    # even someone who knows the signing secret cannot name a staff member, or invent a session
    client.cookies.set("choshu_session", _signed({"staff_id": "S01"}))
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    client.cookies.set("choshu_session", _signed({"sid": "invented-session-token"}))
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_an_idle_session_and_a_too_old_one_end(client: TestClient, tiny_office: Engine, make_client: Callable[..., TestClient]) -> None:
    log_in(client, "A01")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=61)
    with tiny_office.begin() as c:
        c.execute(text("update websession set last_seen_at = :t"), {"t": long_ago})
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    other = make_client(choshu_session_max_hours=1)
    log_in(other, "A01")
    with tiny_office.begin() as c:
        c.execute(text("update websession set created_at = :t"), {"t": dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)})
    assert other.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_supervisor_ends_another_staff_members_sessions_from_the_dashboard(
    make_client: Callable[..., TestClient], tiny_office: Engine
) -> None:
    staff, boss = make_client(), make_client()
    log_in(staff, "A01")
    log_in(boss, "S01")
    page = boss.get("/dashboard")
    assert "/dashboard/sessions/end" in page.text and "佐藤 花子" in page.text
    # a staff member cannot end anyone's sessions
    r = staff.post("/dashboard/sessions/end", data={"staff_id": "S01", "csrf": csrf_of(staff)}, follow_redirects=False)
    assert r.status_code == 403
    assert boss.get("/dashboard", follow_redirects=False).status_code == 200
    r = boss.post("/dashboard/sessions/end", data={"staff_id": "A01", "csrf": csrf_of(boss)}, follow_redirects=False)
    assert r.status_code == 303
    assert staff.get("/dashboard", follow_redirects=False).status_code == 303
    assert boss.get("/dashboard", follow_redirects=False).status_code == 200
    [row] = _audit(tiny_office, "web.end_sessions")
    assert row.staff_id == "S01" and "staff=A01" in (row.detail or "")


def test_logins_refused_logins_and_logouts_are_audited_with_the_address(
    client: TestClient, csrf: Csrf, tiny_office: Engine
) -> None:
    client.post("/login", data={"staff_id": "NOPE", "csrf": csrf(client)}, follow_redirects=False)
    log_in(client, "A01")
    client.post("/logout", data={"csrf": csrf(client)}, follow_redirects=False)
    logins = _audit(tiny_office, "web.login")
    assert [(r.staff_id, r.user_ref, r.allowed) for r in logins] == [(None, "NOPE", False), ("A01", None, True)]
    [logout] = _audit(tiny_office, "web.logout")
    assert logout.staff_id == "A01"
    assert all(r.surface == "web" and r.origin for r in [*logins, logout])


def test_views_are_audited_with_the_address(client: TestClient, tiny_office: Engine) -> None:
    log_in(client, "A01")
    client.get("/cases/10001")
    with Session(tiny_office) as s:
        views = s.exec(select(AuditLog).where(AuditLog.case_id == "10001")).all()
    assert views and all(v.staff_id == "A01" and v.origin == "testclient" for v in views)


def test_the_demo_login_exists_only_in_development_on_loopback(make_client: Callable[..., TestClient], tiny_office: Engine) -> None:
    exposed = make_client(choshu_host="0.0.0.0")
    page = exposed.get("/login")
    assert "佐藤 花子" not in page.text
    r = exposed.post("/login", data={"staff_id": "S01", "csrf": _cookie(exposed)["csrf"]}, follow_redirects=False)
    assert r.status_code == 403
    assert exposed.get("/dashboard", follow_redirects=False).status_code == 303
    [refused] = _audit(tiny_office, "web.login")
    assert not refused.allowed and refused.user_ref == "S01"
    local = make_client(choshu_host="127.0.0.1")
    assert "佐藤 花子" in local.get("/login").text


def test_the_audit_page_shows_where_each_row_came_from(client: TestClient) -> None:
    log_in(client, "S01")
    page = client.get("/audit")
    assert "web.login" in page.text and "testclient" in page.text
