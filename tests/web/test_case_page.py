"""The case page: roles as in chat, and an audit record for every look at taxpayer data."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import AuditLog

Login = Callable[[str], TestClient]


def _audit(engine: Engine) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.exec(select(AuditLog).order_by(AuditLog.id)))  # type: ignore[arg-type]


def test_staff_sees_own_case_with_taxpayer_summary(login: Login) -> None:
    client = login("A01")
    page = client.get("/cases/10001")
    assert page.status_code == 200
    assert "案件 10001" in page.text
    assert "納税者1" in page.text and "100,000円" in page.text


def test_staff_sees_a_case_of_their_own_team(login: Login) -> None:
    assert login("A01").get("/cases/10002").status_code == 200


def test_staff_cannot_open_another_teams_case(login: Login) -> None:
    page = login("A01").get("/cases/10003")
    assert page.status_code == 403
    assert "他の係の案件" in page.text
    assert "納税者3" not in page.text


def test_supervisor_sees_every_case(login: Login) -> None:
    client = login("S01")
    for case_id in ("10001", "10002", "10003"):
        assert client.get(f"/cases/{case_id}").status_code == 200


def test_unknown_case_is_404(login: Login) -> None:
    page = login("A01").get("/cases/99999")
    assert page.status_code == 404
    assert "99999" in page.text


def test_every_view_and_refusal_is_audited(login: Login, tiny_office: Engine) -> None:
    client = login("A01")
    client.get("/cases/10001")
    client.get("/cases/10003")
    client.get("/cases/99999")
    rows = [
        (a.staff_id, a.surface, a.case_id, a.allowed)
        for a in _audit(tiny_office)
        if a.action == "web.view_case"
    ]
    assert rows == [
        ("A01", "web", "10001", True),
        ("A01", "web", "10003", False),
        ("A01", "web", "99999", False),
    ]


def test_case_page_needs_login(client: TestClient, tiny_office: Engine) -> None:
    r = client.get("/cases/10001", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/cases/10001"
    assert _audit(tiny_office) == []


def test_recording_a_result_of_another_teams_case_is_refused(
    login: Login, csrf: Callable[[TestClient], str], tiny_office: Engine
) -> None:
    client = login("A01")
    r = client.post(
        "/cases/10003/results",
        data={"csrf": csrf(client), "target_kind": "pension", "result": "found"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    refused = [a for a in _audit(tiny_office) if a.action == "web.record_result"]
    assert [(a.case_id, a.allowed) for a in refused] == [("10003", False)]


def test_case_page_shows_notes_and_assignment_history(
    office_login: Callable[[str], TestClient], office_people: dict[str, list]
) -> None:
    import re

    client = office_login(office_people["supervisor"][0].staff_id)
    table = client.get("/dashboard").text
    case_id = re.search(r'<a href="/cases/(\w+)">', table).group(1)  # type: ignore[union-attr]
    page = client.get(f"/cases/{case_id}").text
    notes = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    history = page.split('id="history"', 1)[1].split("</section>", 1)[0]
    assert "準備中" not in notes and "準備中" not in history
    assert "<td" in notes or "経過記録はありません" in notes
    assert "→" in history or "担当の変更履歴はありません" in history


def test_case_page_says_what_to_do_when_no_model_is_trained(login: Login) -> None:
    page = login("A01").get("/cases/10001").text
    assert "システム管理者にモデルの学習を依頼" in page
    assert "choshu" not in page  # a web user has no terminal to run a command in


def test_supervisor_reassigns_a_case_and_sees_both_peoples_hours(
    office_login: Callable[[str], TestClient], office_people: dict[str, list]
) -> None:
    import re

    boss = office_people["supervisor"][0].staff_id
    client = office_login(boss)
    case_id = re.search(r'<a href="/cases/(\w+)">', client.get("/dashboard").text).group(1)  # type: ignore[union-attr]
    page = client.get(f"/cases/{case_id}").text
    assert 'data-testid="reassign-form"' in page
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    to = re.search(r'<select id="to_staff_id"[^>]*>\s*<option value="(\w+)">([^（]+)', page)
    assert to
    done = client.post(
        f"/cases/{case_id}/reassign", data={"csrf": token, "to_staff_id": to.group(1)}
    )
    assert done.status_code == 200
    assert "担当替えしました" in done.text and to.group(2) in done.text
    history = done.text.split('id="history"', 1)[1].split("</section>", 1)[0]
    assert f"<b>{to.group(2)}</b>" in history


def test_staff_have_no_reassign_form_and_cannot_post_one(
    login: Login, csrf: Callable[[TestClient], str]
) -> None:
    client = login("A01")
    assert 'data-testid="reassign-form"' not in client.get("/cases/10001").text
    r = client.post("/cases/10001/reassign", data={"csrf": csrf(client), "to_staff_id": "A02"})
    assert r.status_code == 403


def test_a_locked_case_moves_only_when_the_supervisor_unlocks_it(
    office_login: Callable[[str], TestClient], office_people: dict[str, list], office_url: str
) -> None:
    import re

    from sqlmodel import create_engine

    from store.models import Case

    boss = office_people["supervisor"][0].staff_id
    eng = create_engine(office_url)
    with Session(eng) as s:
        case = s.exec(select(Case).where(Case.status == "open", Case.staff_id != boss)).first()
        assert case
        case.assignment_locked = True
        s.add(case)
        s.commit()
        case_id = case.case_id
    client = office_login(boss)
    page = client.get(f"/cases/{case_id}").text
    assert "担当固定" in page
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    refused = client.post(f"/cases/{case_id}/reassign", data={"csrf": token, "to_staff_id": boss})
    assert refused.status_code == 409
    done = client.post(
        f"/cases/{case_id}/reassign", data={"csrf": token, "to_staff_id": boss, "unlock": "true"}
    )
    assert done.status_code == 200 and "担当替えしました" in done.text
    with Session(eng) as s:
        moved = s.get(Case, case_id)
        assert moved and moved.staff_id == boss and not moved.assignment_locked
    eng.dispose()


def test_case_page_lists_past_investigations_newest_first(
    login: Login, csrf: Callable[[TestClient], str], tiny_office: Engine
) -> None:
    from datetime import date

    from store.models import Institution, Investigation

    with Session(tiny_office) as s:
        s.add(Institution(institution_id="BK1", kind="bank", name="みずほ銀行"))
        s.add(Investigation(case_id="10001", date=date(2024, 1, 10), target_kind="deposit", target_id="BK1",
                            result="found", amount=35_000, staff_id="A01", row_hash="i1"))
        s.add(Investigation(case_id="10001", date=date(2024, 2, 1), target_kind="vehicle",
                            result="not_found", staff_id="A01", row_hash="i2"))
        s.commit()
    client = login("A01")
    client.post("/cases/10001/results", data={"csrf": csrf(client), "target_kind": "pension", "result": "found"})
    page = client.get("/cases/10001").text
    history = page.split('id="investigations"', 1)[1].split("</section>", 1)[0]
    assert "財産調査履歴" in history
    rows = history.split("<tr data-result")[1:]
    assert len(rows) == 3
    assert "年金" in rows[0] and "あり" in rows[0] and "Web" in rows[0]  # recorded just now
    assert "2024-02-01" in rows[1] and "なし" in rows[1] and "データ取込" in rows[1]
    assert "2024-01-10" in rows[2] and "みずほ銀行" in rows[2] and "35,000円" in rows[2]
    empty = client.get("/cases/10002").text.split('id="investigations"', 1)[1].split("</section>", 1)[0]
    assert "財産調査の記録はありません" in empty


def test_every_source_of_an_investigation_has_a_label() -> None:
    from store.models import SURFACES
    from tools.messages import MESSAGES

    assert [s for s in SURFACES if f"web.case.source.{s}" not in MESSAGES] == []


def test_a_refused_reassignment_by_staff_is_audited_and_changes_nothing(
    login: Login, csrf: Callable[[TestClient], str], tiny_office: Engine
) -> None:
    from store.models import Case

    client = login("A01")
    r = client.post(
        "/cases/10001/reassign",
        data={"csrf": csrf(client), "to_staff_id": "A02"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "係長" in r.text
    rows = [(a.staff_id, a.case_id, a.allowed) for a in _audit(tiny_office) if a.action == "web.reassign_case"]
    assert rows == [("A01", "10001", False)]
    with Session(tiny_office) as s:
        assert s.get(Case, "10001").staff_id == "A01"  # type: ignore[union-attr]


def _history(page: str) -> list[str]:
    history = page.split('id="investigations"', 1)[1].split("</section>", 1)[0]
    return history.split("<tr data-result")[1:]


def _undo_path(row: str) -> str:
    start = row.index('action="') + len('action="')
    return row[start : row.index('"', start)]


def test_a_result_with_its_amount_can_be_corrected_and_undone_on_the_case_page(
    login: Login, csrf: Callable[[TestClient], str], tiny_office: Engine
) -> None:
    client = login("A01")
    form = {"target_kind": "pension", "target_name": "年金"}
    r = client.post("/cases/10001/results", data={**form, "csrf": csrf(client), "result": "found", "amount": "12万"})
    assert "あり 120,000円」を記録しました" in r.text
    [row] = _history(r.text)
    assert "120,000円" in row and 'data-testid="undo"' in row
    # The same again: refused, nothing written.
    r = client.post("/cases/10001/results", data={**form, "csrf": csrf(client), "result": "found", "amount": "120000"})
    assert "すでに記録済みです" in r.text and len(_history(r.text)) == 1
    # なし now: asked first, with 訂正する / 別の記録として追加 / やめる; nothing written yet.
    r = client.post("/cases/10001/results", data={**form, "csrf": csrf(client), "result": "not_found"})
    box = r.text.split('data-testid="contradiction"', 1)[1].split("</div>", 1)[0]
    assert "前回の記録（「あり 120,000円」" in box and "訂正しますか？" in box
    assert "訂正する" in box and "別の記録として追加" in box and "やめる" in box
    assert len(_history(r.text)) == 1
    replaces = box.split('name="replaces" value="', 1)[1].split('"', 1)[0]
    r = client.post(
        "/cases/10001/results",
        data={**form, "csrf": csrf(client), "result": "not_found", "on_conflict": "correct", "replaces": replaces},
    )
    assert "訂正しました" in r.text
    newest, old = _history(r.text)
    assert "なし" in newest and 'data-testid="undo"' in newest
    assert "訂正済み" in old and 'class="retired"' in old and 'data-testid="undo"' not in old
    # A teammate sees the history but no 取り消す, and is refused when trying anyway.
    client = login("A02")
    newest, _ = _history(client.get("/cases/10001").text)
    assert 'data-testid="undo"' not in newest
    path = _undo_path(login("A01").get("/cases/10001").text.split("<tr data-result")[1])
    client = login("A02")
    assert client.post(path, data={"csrf": csrf(client)}).status_code == 403
    # The recorder undoes the correction: the あり comes back.
    client = login("A01")
    r = client.post(path, data={"csrf": csrf(client)})
    assert "訂正前の記録を元に戻しました" in r.text
    newest, old = _history(r.text)
    assert "取り消し" in newest and "120,000円" in old and 'data-testid="undo"' in old
    assert client.post(path, data={"csrf": csrf(client)}).status_code == 400  # undone already
