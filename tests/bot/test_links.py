"""Answers link to the page to act on (the case page, the article or manual section on the
search page, the dashboard), rendered natively per surface: an HTML link in the web chat, a
Slack link button or mrkdwn link, an Adaptive Card Action.OpenUrl, a plain address in the
terminal. Slack, Teams and the terminal need CHOSHU_PUBLIC_URL for an absolute address."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.slack.blocks import read_button, render_blocks
from bot.teams.cards import render_card
from bot.terminal import render_terminal
from bot.web.app import create_app
from bot.webchat.render import render_html
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_full_text_chat import chat, small_corpus  # noqa: F401 (fixtures)
from tests.bot.test_slack import event, post_json
from tests.bot.test_teams import EMULATOR, activity, sent
from tests.bot.test_webchat import login, say
from tests.tools import office
from tools.reply import Button, Reply, Section, case_link, dashboard_link, document_link

PUBLIC = "https://choshu.example.lg.jp"


def _reply() -> Reply:
    return Reply(
        text="案件010014の概要",
        sections=[Section(text="国税徴収法 第七十六条", links=[document_link("検索ページで開く", "334AC0000000147:76", "給与")])],
        buttons=[Button("確定", "cancel", {})],
        links=[case_link("案件ページを開く", "010014"), dashboard_link("ダッシュボードを開く", "第一係")],
    )


def open_urls(card: dict[str, Any]) -> dict[str, str]:
    return {
        a["title"]: a["url"]
        for block in card["body"] if block["type"] == "ActionSet"
        for a in block["actions"] if a["type"] == "Action.OpenUrl"
    }


def slack_urls(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        el["text"]["text"]: el["url"]
        for block in blocks if block["type"] == "actions"
        for el in block["elements"] if "url" in el
    }


# --- the renderers --------------------------------------------------------------------


def test_the_web_chat_renders_relative_links_to_the_pages() -> None:
    html = str(render_html(_reply()))
    assert '<a class="chat-link" data-link="case" href="/cases/010014"' in html
    assert 'href="/dashboard?team=%E7%AC%AC%E4%B8%80%E4%BF%82"' in html
    assert 'href="/search?doc=334AC0000000147%3A76&amp;q=%E7%B5%A6%E4%B8%8E"' in html


def test_the_web_chat_does_not_link_an_article_twice_beside_its_full_text_link() -> None:
    link = document_link("検索ページで開く", "334AC0000000147:76", "給与")
    full = Button("全文を見る", "full_text", {"doc_id": "334AC0000000147:76", "query": "給与"})
    html = str(render_html(Reply(text="", sections=[Section(text="…", buttons=[full], links=[link])])))
    assert html.count('href="/search?doc=334AC0000000147%3A76') == 1 and "全文を見る" in html


def test_slack_links_are_link_buttons_and_mrkdwn_links_with_the_public_address() -> None:
    blocks = render_blocks(_reply(), base_url=PUBLIC + "/")
    assert slack_urls(blocks) == {
        "案件ページを開く": f"{PUBLIC}/cases/010014",
        "ダッシュボードを開く": f"{PUBLIC}/dashboard?team=%E7%AC%AC%E4%B8%80%E4%BF%82",
    }
    section = blocks[1]["text"]["text"]
    assert f"<{PUBLIC}/search?doc=334AC0000000147%3A76&q=%E7%B5%A6%E4%B8%8E|検索ページで開く>" in section
    # pressing a link button sends an action that is not taken for a tool call
    link_button = next(el for b in blocks if b["type"] == "actions" for el in b["elements"] if "url" in el)
    assert read_button(link_button.get("value", "")) is None


def test_slack_and_teams_leave_links_out_without_a_public_address() -> None:
    blocks = render_blocks(_reply())
    assert slack_urls(blocks) == {} and "/cases/" not in json.dumps(blocks)
    assert open_urls(render_card(_reply())) == {}


def test_teams_links_are_open_url_actions() -> None:
    card = render_card(_reply(), base_url=PUBLIC)
    assert open_urls(card) == {
        "検索ページで開く": f"{PUBLIC}/search?doc=334AC0000000147%3A76&q=%E7%B5%A6%E4%B8%8E",
        "案件ページを開く": f"{PUBLIC}/cases/010014",
        "ダッシュボードを開く": f"{PUBLIC}/dashboard?team=%E7%AC%AC%E4%B8%80%E4%BF%82",
    }


def test_the_terminal_prints_plain_addresses_only_with_a_public_address() -> None:
    text, _ = render_terminal(_reply(), base_url=PUBLIC)
    assert f"案件ページを開く: {PUBLIC}/cases/010014" in text
    assert "/cases/" not in render_terminal(_reply())[0]


# --- the tools add them, and each surface shows them -----------------------------------


def test_web_chat_answers_link_the_case_page_and_the_dashboard(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    summary = say(web, csrf, "案件10001の概要")
    assert 'href="/cases/10001"' in summary["html"] and "案件ページを開く" in summary["html"]
    csrf = login(web, office.SUPERVISOR)
    plan = say(web, csrf, "割当表を作って")
    assert 'href="/dashboard"' in plan["html"]
    assert web.get("/dashboard").status_code == 200  # where the link leads
    assert "/dashboard）" not in plan["html"]  # no path written out in the text


def test_a_slack_dm_gets_a_link_button_to_the_case_page(office_engine: Engine, tmp_path: Path, fake: FakeSlack) -> None:
    settings = office.settings_for(office_engine, tmp_path, **fake.settings(), choshu_public_url=PUBLIC)
    app = create_app(settings=settings)
    with TestClient(app) as client:
        assert post_json(client, event("案件10001の概要", user=office.SLACK_USER[office.STAFF_A])).status_code == 200
        [posted] = fake.wait_for("chat.postMessage")
    app.state.engine.dispose()
    blocks = posted["blocks"] if isinstance(posted["blocks"], list) else json.loads(posted["blocks"])
    assert slack_urls(blocks) == {"案件ページを開く": f"{PUBLIC}/cases/10001"}


def test_a_teams_card_opens_the_case_page(office_engine: Engine, tmp_path: Path) -> None:
    connector = FakeSlack()
    app = create_app(settings=office.settings_for(office_engine, tmp_path, choshu_public_url=PUBLIC, **EMULATOR))
    try:
        with TestClient(app) as client:
            client.post("/api/messages", json=activity(connector, text="案件10001の概要"))
            [reply] = sent(connector)
    finally:
        app.state.engine.dispose()
        connector.close()
    urls = open_urls(reply["attachments"][0]["content"])
    assert urls["案件ページを開く"] == f"{PUBLIC}/cases/10001"
    assert urls["地方税法18条を開く"].startswith(f"{PUBLIC}/search?doc=325AC0000000226%3A18")  # the 時効 article


def test_a_law_answer_links_each_article_on_the_search_page(chat: Dispatcher) -> None:  # noqa: F811
    reply = chat.dispatch(IncomingMessage(surface="slack", user_ref="UA010001", text="徴収法76条", event_id="law1"))
    assert reply is not None and reply.sections
    first = reply.sections[0]
    assert [x.path for x in first.links] == ["/search?doc=334AC0000000147%3A76&q=%E5%BE%B4%E5%8F%8E%E6%B3%9576%E6%9D%A1"]
    section = render_blocks(reply, base_url=PUBLIC)[1]["text"]["text"]
    assert f"<{PUBLIC}/search?doc=334AC0000000147%3A76" in section


def test_errors_that_name_a_command_have_a_text_without_it_for_chat_and_web_users() -> None:
    from store.errors import ModelMissing
    from tools.messages import WITHOUT_COMMAND, error_text

    for key in WITHOUT_COMMAND:
        err = ModelMissing(key, path="/srv/models", found=1, expected=2)
        assert "`choshu train`" in error_text(err)  # the terminal keeps the command
        assert "choshu" not in error_text(err, cli=False) and "システム管理者" in error_text(err, cli=False)
