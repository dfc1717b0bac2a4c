"""OpenID Connect login end to end against a local provider on loopback (oidc-provider-mock,
built on Authlib's server): authorization code flow with PKCE, the staff member named by a
claim; a wrong state or nonce and an unknown user are refused, change nothing and are audited."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import AuditLog
from tests.web.conftest import SECRET

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_client(make_client: Callable[..., TestClient], provider: str) -> TestClient:
    return make_client(
        choshu_demo_login=False,
        choshu_oidc_issuer=provider,
        choshu_oidc_client_id="choshu-test",
        choshu_oidc_client_secret="client-secret",
        choshu_oidc_staff_claim="preferred_username",
    )


def _start(client: TestClient, next_page: str = "/dashboard") -> str:
    r = client.get(f"/login/oidc?next={next_page}", follow_redirects=False)
    assert r.status_code in (302, 303, 307), r.text
    return r.headers["location"]


def _sign_in_at_provider(provider: str, authorize_url: str, *, sub: str, username: str) -> str:
    """The user signs in at the provider; returns where it sends the browser back to."""
    httpx.put(f"{provider}/users/{sub}", json={"preferred_username": username}).raise_for_status()
    r = httpx.post(authorize_url, data={"sub": sub}, follow_redirects=False)
    assert r.status_code == 302, r.text
    return r.headers["location"]


def _callback(client: TestClient, location: str, **follow: bool) -> httpx.Response:
    parts = urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}", follow_redirects=False)


def _logins(engine: Engine) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.action == "web.login").order_by(AuditLog.id)).all())


def test_a_staff_member_logs_in_through_the_provider_with_pkce(
    oidc_client: TestClient, provider: str, tiny_office: Engine
) -> None:
    page = oidc_client.get("/login")
    assert "/login/oidc" in page.text and "佐藤 花子" not in page.text  # no demo login here
    authorize = _start(oidc_client, "/cases/10001")
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{provider}/")
    assert query["response_type"] == ["code"] and query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["nonce"][0] and query["state"][0]
    back = _sign_in_at_provider(provider, authorize, sub="user-a01", username="a01@city.example.lg.jp")
    r = _callback(oidc_client, back)
    assert r.status_code == 303 and r.headers["location"] == "/cases/10001"
    dashboard = oidc_client.get("/dashboard", follow_redirects=False)
    assert dashboard.status_code == 200 and "佐藤 花子" in dashboard.text
    [login] = _logins(tiny_office)
    assert (login.staff_id, login.allowed, login.detail) == ("A01", True, "oidc")


def test_an_unknown_user_is_refused_and_audited(oidc_client: TestClient, provider: str, tiny_office: Engine) -> None:
    back = _sign_in_at_provider(provider, _start(oidc_client), sub="user-x", username="stranger@example.com")
    r = _callback(oidc_client, back)
    assert r.status_code == 403 and "職員名簿に登録されていません" in r.text
    assert oidc_client.get("/dashboard", follow_redirects=False).status_code == 303
    [refused] = _logins(tiny_office)
    assert not refused.allowed and refused.staff_id is None and refused.user_ref == "stranger@example.com"


def test_a_callback_with_a_wrong_state_is_refused(oidc_client: TestClient, provider: str, tiny_office: Engine) -> None:
    back = _sign_in_at_provider(provider, _start(oidc_client), sub="user-a01", username="A01")
    parts = urlsplit(back)
    forged = parts.query.replace("state=", "state=x")
    r = oidc_client.get(f"{parts.path}?{forged}", follow_redirects=False)
    assert r.status_code == 400
    assert oidc_client.get("/dashboard", follow_redirects=False).status_code == 303
    assert [x.allowed for x in _logins(tiny_office)] == [False]


def test_an_id_token_with_a_wrong_nonce_is_refused(oidc_client: TestClient, provider: str, tiny_office: Engine) -> None:
    authorize = _start(oidc_client)
    # the browser's pre-login cookie remembers another nonce than the one the provider signs
    raw = oidc_client.cookies["choshu_session"]
    payload = raw.split(".", 1)[0]
    data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    for key, value in data.items():
        if key.startswith("_state_"):
            value["data"]["nonce"] = "another-nonce"
    oidc_client.cookies.clear()
    oidc_client.cookies.set(
        "choshu_session", TimestampSigner(SECRET).sign(base64.b64encode(json.dumps(data).encode())).decode()
    )
    back = _sign_in_at_provider(provider, authorize, sub="user-a01", username="A01")
    r = _callback(oidc_client, back)
    assert r.status_code == 400
    assert oidc_client.get("/dashboard", follow_redirects=False).status_code == 303
    [refused] = _logins(tiny_office)
    assert not refused.allowed and "nonce" in (refused.detail or "")


def test_the_staff_member_may_be_matched_by_entras_object_id(
    make_client: Callable[..., TestClient], provider: str, tiny_office: Engine
) -> None:
    from sqlmodel import Session

    from store import crud

    with Session(tiny_office) as session:  # B01's Teams identity is Entra's object id
        crud.set_identity(session=session, staff_id="B01", surface="teams", user_id="0f1e-oid-b01")
        session.commit()
    client = make_client(
        choshu_demo_login=False, choshu_oidc_issuer=provider, choshu_oidc_client_id="choshu-test",
        choshu_oidc_client_secret="client-secret", choshu_oidc_staff_claim="oid", choshu_oidc_staff_column="teams_user_id",
    )
    authorize = _start(client)
    httpx.put(f"{provider}/users/user-b01", json={"oid": "0f1e-oid-b01"}).raise_for_status()
    back = httpx.post(authorize, data={"sub": "user-b01"}, follow_redirects=False).headers["location"]
    r = _callback(client, back)
    assert r.status_code == 303, _logins(tiny_office)
    assert "高橋 次郎" in client.get("/dashboard").text


def test_an_expired_id_token_is_refused(make_client: Callable[..., TestClient], tiny_office: Engine) -> None:
    import datetime as dt

    with oidc_provider_mock.run_server_in_thread(access_token_max_age=dt.timedelta(minutes=-10)) as server:
        stale = f"http://localhost:{server.server_port}"
        client = make_client(
            choshu_demo_login=False, choshu_oidc_issuer=stale, choshu_oidc_client_id="choshu-test",
            choshu_oidc_client_secret="client-secret",
        )
        back = _sign_in_at_provider(stale, _start(client), sub="user-a01", username="A01")
        r = _callback(client, back)
    assert r.status_code == 400
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    [refused] = _logins(tiny_office)
    assert not refused.allowed and "exp" in (refused.detail or "")
