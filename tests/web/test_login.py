"""Demo login, logout, the signed session and the health check."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

Csrf = Callable[[TestClient], str]


def test_healthz_answers_without_login(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_login_page_lists_every_staff_member(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    for name in ("山田 係長", "佐藤 花子", "鈴木 一郎", "高橋 次郎"):
        assert name in page.text


def test_pages_redirect_to_login_when_logged_out(client: TestClient) -> None:
    r = client.get("/dashboard", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=/dashboard")


def test_api_calls_get_401_when_logged_out(client: TestClient) -> None:
    r = client.post("/logout", data={}, headers={"accept": "application/json"})
    assert r.status_code in (401, 403)


def test_login_sets_a_signed_cookie_and_shows_who_is_logged_in(
    client: TestClient, login: Callable[[str], TestClient]
) -> None:
    login("A01")
    assert client.cookies.get("choshu_session")
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "佐藤 花子" in page.text


def test_forged_cookie_is_not_a_login(client: TestClient) -> None:
    client.cookies.set("choshu_session", "eyJzdGFmZl9pZCI6ICJTMDEifQ==.forged.sig")
    r = client.get("/dashboard", follow_redirects=False)
    assert r.status_code == 303


def test_login_refuses_unknown_staff(client: TestClient, csrf: Csrf) -> None:
    token = csrf(client)
    r = client.post("/login", data={"staff_id": "NOPE", "csrf": token}, follow_redirects=False)
    assert r.status_code == 400
    assert "登録されていません" in r.text


def test_login_refuses_a_post_without_the_form_token(client: TestClient) -> None:
    client.get("/login")
    r = client.post("/login", data={"staff_id": "S01"}, follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(
    client: TestClient, csrf: Csrf
) -> None:
    token = csrf(client)
    r = client.post(
        "/login",
        data={"staff_id": "A01", "csrf": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/dashboard"


def test_logout_ends_the_session(
    client: TestClient, csrf: Csrf, login: Callable[[str], TestClient]
) -> None:
    login("A01")
    token = csrf(client)
    r = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_demo_login_disabled_lists_nobody(make_client: Callable[..., TestClient]) -> None:
    c = make_client(choshu_demo_login=False)
    page = c.get("/login")
    assert "佐藤 花子" not in page.text
    assert "ログインの方法が設定されていません" in page.text
    r = c.post("/login", data={"staff_id": "A01"}, follow_redirects=False)
    assert r.status_code == 403
    assert c.get("/dashboard", follow_redirects=False).status_code == 303


def test_unknown_page_is_a_japanese_404(client: TestClient) -> None:
    r = client.get("/no-such-page")
    assert r.status_code == 404
    assert "ページが見つかりません" in r.text


def test_healthz_reports_an_unmigrated_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.web.app import create_app
    from tests.web.conftest import web_settings

    app = create_app(settings=web_settings(f"sqlite:///{tmp_path / 'empty.db'}"))
    with TestClient(app) as c:
        r = c.get("/healthz")
    app.state.engine.dispose()
    assert r.status_code == 503
    assert r.json()["next"] == "choshu db upgrade"


def test_pages_are_never_cached_or_framed(client: TestClient, login) -> None:  # type: ignore[no-untyped-def]
    login("A01")
    page = client.get("/cases/10001")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    # no page carries an inline script the policy would block
    for path in ("/", "/dashboard", "/cases/10001", "/search?q=差押", "/audit"):
        assert "<script>" not in client.get(path).text, path
    assert "no-store" not in client.get("/static/style.css").headers.get("cache-control", "")


def test_a_form_posted_after_the_login_expired_goes_to_the_login_page(client: TestClient) -> None:
    r = client.post("/dashboard/run", data={"development_weight": "0"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
