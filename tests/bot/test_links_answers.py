"""Every answer that names a case, an article or the dashboard links to it: the worklist and
the 時効 list (each case to its case page, the list to the web's 「今日の案件」), the 時効 line's
article, the 差押禁止額's articles, a reassignment's confirmation, a refused duplicate record, an
undone result, and 「確定」 with no plan waiting (to the dashboard) — in the web chat, a Slack DM
and a Teams chat."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.web.app import create_app
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_links import open_urls, slack_urls
from tests.bot.test_slack import event, post_json
from tests.bot.test_teams import EMULATOR, activity, sent
from tests.bot.test_webchat import login, say
from tests.tools import office

PUBLIC = "https://choshu.example.lg.jp"
# every case of the small office is 「時効が近い」 within this many days
ALL_SOON = {"choshu_prescription_alert_days": 3650}


@pytest.fixture
def web_soon(office_engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(settings=office.settings_for(office_engine, tmp_path, **ALL_SOON))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _links(reply: dict[str, Any]) -> list[str]:
    """Every link of a web chat reply (its own and its sections'), as paths."""
    return [x["params"].get("case_id") or x["kind"] for x in reply["links"]] + [
        x["params"].get("case_id") or x["params"].get("doc_id") or x["kind"]
        for s in reply["sections"]
        for x in s["links"]
    ]


def test_web_the_worklist_links_each_case_and_the_whole_list(web_soon: TestClient) -> None:
    csrf = login(web_soon, office.STAFF_A)
    answer = say(web_soon, csrf, "今日はどの案件から？")
    html = answer["html"]
    for case_id in ("10001", "00042"):
        assert f'href="/cases/{case_id}"' in html and f"案件{case_id}を開く" in html
    assert 'href="/worklist"' in html
    assert web_soon.get("/worklist").status_code == 200  # where the link leads
    soon = say(web_soon, csrf, "時効が近い案件は？")
    assert "時効" in soon["reply"]["text"]
    assert {"10001", "00042", "worklist"} <= set(_links(soon["reply"]))


def test_web_a_supervisor_asking_for_someone_elses_list_gets_their_page(
    web_soon: TestClient,
) -> None:
    csrf = login(web_soon, office.SUPERVISOR)
    html = say(web_soon, csrf, "鈴木さんの今日の案件は？")["html"]
    assert 'href="/cases/10002"' in html and f'href="/worklist?staff={office.STAFF_A2}"' in html


def test_web_the_prescription_line_and_the_exempt_amount_link_their_articles(
    web: TestClient,
) -> None:
    csrf = login(web, office.STAFF_A)
    summary = say(web, csrf, "10001の概要")["html"]
    assert "地方税法18条1項" in summary  # the 時効 line …
    assert (
        'href="/search?doc=325AC0000000226%3A18&amp;q=' in summary
        and "地方税法18条を開く" in summary
    )  # … linked
    exempt = say(
        web,
        csrf,
        "給料30万、所得税6千、住民税1万2千、社保4万2千、扶養2人だと差押えできるのはいくら？",
    )["html"]
    assert (
        'href="/search?doc=334AC0000000147%3A76&amp;q=' in exempt
        and "国税徴収法76条を開く" in exempt
    )


def test_web_a_confirmation_a_refused_duplicate_and_an_undo_link_the_case(web: TestClient) -> None:
    csrf = login(web, office.SUPERVISOR)
    assert "dashboard" in _links(say(web, csrf, "確定")["reply"])  # no plan waiting: make one there
    asked = say(web, csrf, "10001の担当を鈴木さんに")["reply"]
    assert "10001" in _links(asked) and any(b["payload"].get("confirmed") for b in asked["buttons"])
    csrf = login(web, office.STAFF_A)
    recorded = say(web, csrf, "10001の城南信金照会、口座ありでした")["reply"]
    again = say(web, csrf, "10001の城南信金照会、口座ありでした")["reply"]
    assert not again["ok"] and "10001" in _links(again)
    undo = next(b for b in recorded["buttons"] if b["payload"].get("tool") == "undo_result")
    undone = say(web, csrf, action={"action": undo["action"], "payload": undo["payload"]})["reply"]
    assert "取り消し" in undone["text"] and "10001" in _links(undone)


def test_a_slack_dm_worklist_links_each_case_with_the_public_address(
    office_engine: Engine, tmp_path: Path, fake: FakeSlack
) -> None:
    settings = office.settings_for(office_engine, tmp_path, **fake.settings(), choshu_public_url=PUBLIC, **ALL_SOON)
    app = create_app(settings=settings)
    with TestClient(app) as client:
        post_json(client, event("時効が近い案件は？", user=office.SLACK_USER[office.STAFF_A]))
        [posted] = fake.wait_for("chat.postMessage")
    app.state.engine.dispose()
    blocks = (
        posted["blocks"] if isinstance(posted["blocks"], list) else json.loads(posted["blocks"])
    )
    sections = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert f"<{PUBLIC}/cases/10001|案件10001を開く>" in sections
    assert slack_urls(blocks)["Webの「今日の案件」を開く"] == f"{PUBLIC}/worklist"


def test_a_teams_worklist_card_opens_each_case(office_engine: Engine, tmp_path: Path) -> None:
    connector = FakeSlack()
    app = create_app(
        settings=office.settings_for(
            office_engine, tmp_path, choshu_public_url=PUBLIC, **EMULATOR, **ALL_SOON
        )
    )
    try:
        with TestClient(app) as client:
            client.post("/api/messages", json=activity(connector, text="今日はどの案件から？"))
            [reply] = sent(connector)
    finally:
        app.state.engine.dispose()
        connector.close()
    urls = open_urls(reply["attachments"][0]["content"])
    assert (
        urls["案件10001を開く"] == f"{PUBLIC}/cases/10001"
        and urls["案件00042を開く"] == f"{PUBLIC}/cases/00042"
    )
    assert urls["Webの「今日の案件」を開く"] == f"{PUBLIC}/worklist"


def test_web_each_part_of_a_two_request_message_keeps_its_links(web: TestClient) -> None:
    csrf = login(web, office.SUPERVISOR)
    answer = say(web, csrf, "10001の概要を見せて。それと担当を鈴木さんに")
    part_links = [
        [x["params"].get("case_id") for x in s["links"]]
        for s in answer["reply"]["sections"]
        if s["text"].startswith("【")
    ]
    assert part_links == [["10001"], ["10001"]]  # the summary's and the confirmation's case page
    assert answer["html"].count('href="/cases/10001"') >= 2


def test_web_after_a_reload_the_answers_shown_again_keep_their_links(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    say(web, csrf, "10001の概要")
    page = web.get("/").text  # the chat page shows the conversation again
    assert 'data-link="case" href="/cases/10001"' in page
    assert 'href="/search?doc=325AC0000000226%3A18' in page  # the section's link (the 時効 article)
