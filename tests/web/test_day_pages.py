"""The officer's day on the web: the worklist page, the 差押禁止額 form, 時効 on the case page and
in the dashboard's table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.models import Action, AuditLog

Login = Callable[[str], TestClient]


def test_worklist_page_lists_own_cases_with_reasons_and_is_audited(login: Login, tiny_office: Engine) -> None:
    page = login("A01").get("/worklist")
    assert page.status_code == 200
    assert 'data-case="10001"' in page.text and 'data-case="10002"' not in page.text
    assert "見込み" in page.text
    with Session(tiny_office) as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "worklist", AuditLog.staff_id == "A01")).first()


def test_staff_cannot_open_another_persons_worklist_but_a_supervisor_can(login: Login, make_client: Callable[..., TestClient]) -> None:
    assert login("A01").get("/worklist?staff=B01").status_code == 403
    from tests.web.conftest import log_in

    page = log_in(make_client(), "S01").get("/worklist?staff=B01")
    assert page.status_code == 200 and 'data-case="10003"' in page.text


def test_exempt_form_answers_the_worked_example_with_citations(login: Login) -> None:
    page = login("A01").get(
        "/exempt?pay=300%2C000&income_tax=6000&resident_tax=12000&social_insurance=42000&dependents=2&kind=salary"
    )
    assert page.status_code == 200
    assert "差押禁止額は 260,000円、差押可能額は 40,000円" in page.text
    assert "国税徴収法76条1項5号" in page.text
    bad = login("A01").get("/exempt?pay=abc")
    assert bad.status_code == 200 and "pay の金額が正しくありません" in bad.text


def test_case_page_and_dashboard_show_the_prescription(login: Login, tiny_office: Engine) -> None:
    with Session(tiny_office) as s:
        s.add(Action(case_id="10001", date=dt.date(2023, 6, 20), action="demand", row_hash="d1"))
        s.add(Action(case_id="10001", date=dt.date(2023, 9, 1), action="payment", amount=5000, row_hash="p1"))
        s.commit()
    client = login("A01")
    page = client.get("/cases/10001")
    assert "時効完成予定 2028-09-01（一部納付 2023-09-01（承認）により更新" in page.text
    assert "処分・収納の経過" in page.text and "5,000円" in page.text
    assert "2028-09-01" in client.get("/dashboard").text


def test_dashboard_warns_of_a_case_prescribing_within_the_alert_window(login: Login, tiny_office: Engine) -> None:
    from store.models import Case

    with Session(tiny_office) as s:
        case = s.get(Case, "10001")
        assert case is not None
        case.oldest_due = dt.date.today() - dt.timedelta(days=5 * 365 - 30)  # 時効 (5 years) in about a month
        s.add(case)
        s.commit()
    page = login("A01").get("/dashboard").text
    alerts = page.split('data-testid="prescription-alerts"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/cases/10001">10001</a>' in alerts and "佐藤 花子" in alerts
