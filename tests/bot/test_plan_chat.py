"""A plan made in chat is the one the dashboard shows, and 「確定」 (typed) applies it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.router import route
from store.models import CaseAssignment
from tests.bot.test_webchat import login, say
from tests.tools import office


def test_a_plan_made_in_chat_appears_on_the_dashboard_and_is_applied_by_typing_kakutei(
    web: TestClient, office_engine: Engine
) -> None:
    csrf = login(web, office.SUPERVISOR)
    made = say(web, csrf, "割当表を作って、効率重視で")
    reply = made["reply"]
    assert "育成の重み 0.0" in reply["text"]
    assert any(b["label"] == "確定" for b in reply["buttons"])
    page = web.get("/dashboard").text
    assert 'data-testid="chart-after"' in page  # the chat's plan, shown beside the current one
    moves = int(page.split("この割当を確定（", 1)[1].split(" 件", 1)[0])
    done = say(web, csrf, "確定")
    assert f"{moves} 件の担当者を変更" in done["reply"]["text"]
    with Session(office_engine) as s:
        changes = s.exec(select(CaseAssignment).where(CaseAssignment.changed_by == office.SUPERVISOR)).all()
    assert len(changes) == moves
    # applied once: nothing is left to confirm
    again = say(web, csrf, "確定")
    assert "確定できる割当案がありません" in again["reply"]["text"]


def test_plan_words_set_the_weight_and_the_team() -> None:
    assert route("割り当て作成して、育成重視で").args == {"development_weight": 1.0}
    assert route("効率重視で割当表を作って").args == {"development_weight": 0.0}
    assert route("育成の重み0.5で割当表を作って").args == {"development_weight": 0.5}
    r = route("第一係だけの割当表つくって")
    assert r.tool == "assign_cases" and r.args == {"team": "第一係"}
    assert route("確定").tool == "apply_plan"
