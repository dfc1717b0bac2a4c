"""The assignment dashboard: the table, the workload charts, the optimisation run (supervisors)."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlmodel import Session, create_engine, select

from store.models import AuditLog, CaseAssignment, Staff

Login = Callable[[str], TestClient]
People = dict[str, list[Staff]]


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _chart_staff(page: str, chart: str) -> list[str]:
    svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', page, re.S)
    assert svg, f"{chart} missing"
    return re.findall(r'<g class="bar" data-staff="([^"]+)"', svg.group(0))


def _busiest(page: str, chart: str) -> float:
    tag = re.search(rf'<svg [^>]*id="{chart}"[^>]*>', page)
    assert tag, f"{chart} missing"
    return float(re.search(r'data-makespan="([\d.]+)"', tag.group(0)).group(1))  # type: ignore[union-attr]


def _rows(page: str) -> list[tuple[str, str]]:
    body = page.split('data-testid="assignment-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a href="/cases/(\w+)">\w+</a></td>\s*<td>([^<]+)</td>', body)


def test_staff_see_their_teams_workload_and_no_run_button(
    office_login: Login, office_people: People
) -> None:
    me = office_people["staff"][0]
    page = office_login(me.staff_id).get("/dashboard").text
    team = {p.staff_id for ps in office_people.values() for p in ps if p.team == me.team}
    assert set(_chart_staff(page, "chart-before")) == team
    shown = re.search(r'data-testid="makespan-before">([\d,.]+)h', page).group(1)  # type: ignore[union-attr]
    assert float(shown.replace(",", "")) == _busiest(page, "chart-before")  # their team's busiest
    assert 'data-testid="run"' not in page
    assert "割当の最適化は係長が実行します" in page


def _refusals(url: str, staff_id: str) -> list[AuditLog]:
    eng = create_engine(url)
    with Session(eng) as s:
        rows = s.exec(select(AuditLog).where(AuditLog.staff_id == staff_id, AuditLog.allowed == False)).all()  # noqa: E712
    eng.dispose()
    return list(rows)


def test_staff_cannot_run_or_apply_the_optimisation_and_each_refusal_is_audited_once(
    office_login: Login, office_people: People, office_url: str
) -> None:
    me = office_people["staff"][0].staff_id
    client = office_login(me)
    token = _csrf(client.get("/dashboard").text)
    before = len(_refusals(office_url, me))
    r = client.post("/dashboard/run", data={"csrf": token, "development_weight": "0"})
    assert r.status_code == 403
    assert "係長" in r.text
    assert len(_refusals(office_url, me)) == before + 1
    r = client.post("/dashboard/apply", data={"csrf": token})
    assert r.status_code == 403
    assert len(_refusals(office_url, me)) == before + 2


def test_staff_cannot_read_the_audit_log_and_the_refusal_is_audited(
    office_login: Login, office_people: People, office_url: str
) -> None:
    me = office_people["staff"][1].staff_id
    before = len(_refusals(office_url, me))
    r = office_login(me).get("/audit")
    assert r.status_code == 403
    assert "係長・管理者のみ" in r.text
    after = _refusals(office_url, me)
    assert len(after) == before + 1 and "/audit" in (after[-1].action or "")


def test_supervisor_runs_an_assignment_and_the_busiest_load_drops(
    office_login: Login, office_people: People, office_url: str
) -> None:
    client = office_login(office_people["supervisor"][0].staff_id)
    before = client.get("/dashboard").text
    assert 'data-testid="chart-after"' not in before
    r = client.post("/dashboard/run", data={"csrf": _csrf(before), "development_weight": "0.2"})
    assert r.status_code == 200
    assert "最適化しました" in r.text
    assert len(_chart_staff(r.text, "chart-after")) == 15
    assert _busiest(r.text, "chart-after") < _busiest(r.text, "chart-before")
    assert re.search(r'data-testid="gap">\d+\.\d%', r.text)
    assert re.search(r'data-testid="cost">(\+|−|±)[\d.,]+h', r.text)
    assert 'value="0.2"' in r.text  # the slider keeps the weight that was run
    eng = create_engine(office_url)
    with Session(eng) as s:
        actions = [a.action for a in s.exec(select(AuditLog))]
    eng.dispose()
    assert "web.assign_cases" in actions and "web.view_assignment" in actions


def test_supervisor_applies_the_plan_and_the_history_says_so(
    office_login: Login, office_people: People, office_url: str
) -> None:
    boss = office_people["supervisor"][0].staff_id
    client = office_login(boss)
    ran = client.post("/dashboard/run", data={"csrf": _csrf(client.get("/dashboard").text)})
    moves = int(re.search(r"担当替え (\d+) 件", ran.text).group(1))  # type: ignore[union-attr]
    done = client.post("/dashboard/apply", data={"csrf": _csrf(ran.text)})
    assert f"{moves} 件の担当者を変更" in done.text
    assert 'data-testid="chart-after"' not in done.text  # the plan is now the current state
    eng = create_engine(office_url)
    with Session(eng) as s:
        web_changes = s.exec(select(CaseAssignment).where(CaseAssignment.surface == "web")).all()
    eng.dispose()
    assert len(web_changes) == moves and all(c.changed_by == boss for c in web_changes)


def test_table_filters_by_staff_and_difficulty_and_links_each_case(
    office_login: Login, office_people: People
) -> None:
    boss = office_people["supervisor"][0]
    client = office_login(boss.staff_id)
    someone = office_people["staff"][0]
    page = client.get("/dashboard", params={"staff": someone.staff_id, "difficulty": "3"}).text
    rows = _rows(page)
    assert rows and all(name == someone.name for _, name in rows)
    body = page.split('data-testid="assignment-table"', 1)[1].split("</table>", 1)[0]
    assert body.count('class="badge d3"') == len(rows)
    assert client.get(f"/cases/{rows[0][0]}").status_code == 200


def test_a_weight_outside_zero_to_one_is_refused_with_a_reason(
    office_login: Login, office_people: People
) -> None:
    client = office_login(office_people["supervisor"][0].staff_id)
    r = client.post(
        "/dashboard/run",
        data={"csrf": _csrf(client.get("/dashboard").text), "development_weight": "2"},
    )
    assert r.status_code == 400
    assert 'data-testid="error"' in r.text


def test_a_post_without_the_form_token_changes_nothing(
    office_login: Login, office_people: People
) -> None:
    client = office_login(office_people["supervisor"][0].staff_id)
    r = client.post("/dashboard/run", data={"development_weight": "0"})
    assert r.status_code == 403
    assert 'data-testid="chart-after"' not in client.get("/dashboard").text


def test_team_filter_and_hours_by_difficulty(office_login: Login, office_people: People) -> None:
    boss = office_people["supervisor"][0]
    client = office_login(boss.staff_id)
    teams = sorted({p.team for ps in office_people.values() for p in ps if p.team})
    team = teams[0]
    members = {p.staff_id for ps in office_people.values() for p in ps if p.team == team}
    page = client.get("/dashboard", params={"team": team}).text
    assert set(_chart_staff(page, "chart-before")) == members
    section = page.split('data-testid="by-difficulty"', 1)[1].split("</section>", 1)[0]
    assert "習熟度・難易度別の処理時間" in section
    shown = re.findall(r"<tr><td>([^<]+)</td>", section)
    names = {p.name for ps in office_people.values() for p in ps if p.staff_id in members}
    assert set(shown) == names
    # a team plan from the dashboard moves cases only among that team's members
    ran = client.post("/dashboard/run", data={"csrf": _csrf(page), "development_weight": "0", "team": team})
    assert ran.status_code == 200
    assert 'data-testid="cross-team"' not in ran.text
