"""A search answer in chat shows the paragraph that matched; 「全文を見る」 (statutes) and
「続きを読む」 (manual, FAQ) bring the whole article or section, on every surface."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.slack.blocks import read_button, render_blocks
from bot.teams.cards import render_card
from bot.webchat.render import render_html
from retrieval.corpus import BUNDLED_DIR
from retrieval.manual import load_manual
from tests.retrieval.conftest import write_small_corpus
from tests.tools import office
from tools.reply import Reply


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from retrieval.service import forget_searcher

    base = tmp_path_factory.mktemp("full-text")
    write_small_corpus(base / "corpus")
    yield base
    forget_searcher(settings=_settings(None, base))


def _settings(engine: Engine | None, base: Path):  # type: ignore[no-untyped-def]
    from store.db import make_engine

    return office.settings_for(
        engine or make_engine("sqlite://"),
        base / "home",
        choshu_corpus_dir=base / "corpus",
        choshu_corpus_bundled=False,
    )


@pytest.fixture
def chat(office_engine: Engine, small_corpus: Path) -> Dispatcher:
    return Dispatcher(engine=office_engine, settings=_settings(office_engine, small_corpus))


def _ask(chat: Dispatcher, text: str, n: int) -> Reply:
    reply = chat.dispatch(
        IncomingMessage(surface="slack", user_ref="UA010001", text=text, event_id=f"m{n}")
    )
    assert reply is not None and reply.sections, reply
    return reply


def _press(chat: Dispatcher, reply: Reply, label: str, n: int) -> Reply:
    button = next(b for b in reply.sections[0].buttons if b.label == label)
    # the button survives the trip through Slack's block value
    value = next(
        el["value"]
        for block in render_blocks(reply)
        if block["type"] == "actions"
        for el in block["elements"]
        if el["text"]["text"] == label
    )
    action = read_button(value)
    assert action == {"action": button.action, "payload": button.payload}
    out = chat.dispatch(
        IncomingMessage(surface="slack", user_ref="UA010001", action=action, event_id=f"b{n}")
    )
    assert out is not None
    return out


def test_article_76_in_chat_shows_its_first_paragraph_and_the_whole_article_on_request(
    chat: Dispatcher,
) -> None:
    reply = _ask(chat, "徴収法76条", 1)
    first = reply.sections[0]
    assert "国税徴収法 第七十六条（給与の差押禁止）" in first.text
    # 1項 with its five items (today only the third item was quoted) …
    assert "その給料等の金額から前各号に掲げる金額の合計額を控除した金額の百分の二十" in first.text
    assert "賞与及びその性質を有する給与に係る債権" not in first.text  # … 3項 is not
    whole = _press(chat, reply, "全文を見る", 1)
    text = "\n".join(s.text for s in whole.sections)
    assert "第七十六条" in whole.text and "全文" in whole.text
    for line in (
        "所得税法第百八十三条",  # 1項1号
        "地方税法第三百二十一条の三",  # 2号
        "健康保険法（大正十一年法律第七十号）",  # 3号
        "生活保護法（昭和二十五年法律第百四十四号）",  # 4号
        "その給料等の金額から前各号に掲げる金額の合計額を控除した金額",  # 5号
        "給料等に基き支払を受けた金銭は",  # 2項
        "賞与及びその性質を有する給与に係る債権",  # 3項
        "退職手当及びその性質を有する給与に係る債権",  # 4項
        "第一項、第二項及び前項の規定は、滞納者の承諾があるときは適用しない。",  # 5項
    ):
        assert line in text, line


def test_the_full_text_is_a_button_in_teams_and_a_link_to_the_search_page_on_the_web(
    chat: Dispatcher,
) -> None:
    reply = _ask(chat, "徴収法76条", 2)
    card = str(render_card(reply))
    assert "全文を見る" in card and "'action': 'full_text'" in card
    html = str(render_html(reply))
    assert '<a class="chat-link" href="/search?doc=334AC0000000147%3A76' in html


def test_a_manual_answer_shows_the_whole_section_behind_read_more(chat: Dispatcher) -> None:
    reply = _ask(chat, "分納誓約の期間は何年まで認められる？", 3)
    manual_hit = next(
        (
            i
            for i, s in enumerate(reply.sections)
            if "滞納整理事務の手引" in s.text and "続きを読む" in [b.label for b in s.buttons]
        ),
        None,
    )
    assert manual_hit is not None, [s.text[:40] for s in reply.sections]
    reply.sections.insert(0, reply.sections.pop(manual_hit))
    whole = _press(chat, reply, "続きを読む", 3)
    text = "\n".join(s.text for s in whole.sections).replace("【", "").replace("】", "")
    section = next(
        d for d in load_manual(BUNDLED_DIR / "manual.md") if d.caption and d.caption in whole.text
    )
    assert text == section.text
    assert len(text) > len(
        reply.sections[0].text.split("\n", 1)[1].replace("【", "").replace("】", "")
    )


def test_article_76_in_chat_numbers_the_five_items_of_1項_and_the_full_text_every_項_and_号(
    chat: Dispatcher,
) -> None:
    reply = _ask(chat, "徴収法76条", 4)
    first = reply.sections[0].text.replace("【", "").replace("】", "")
    assert "1 給料、賃金、俸給" in first
    for number, start in zip(
        "一二三四五",
        (
            "所得税法第百八十三条",
            "地方税法第三百二十一条の三",
            "健康保険法",
            "滞納者（その者と",
            "その給料等の金額から",
        ),
        strict=True,
    ):
        assert f"\u3000{number} {start}" in first, number
    whole = (
        "\n".join(s.text for s in _press(chat, reply, "全文を見る", 4).sections)
        .replace("【", "")
        .replace("】", "")
    )
    lines = whole.splitlines()
    paragraph_starts = [ln.split(" ", 1)[0] for ln in lines if ln[:1].isdigit()]
    assert paragraph_starts == ["1", "2", "3", "4", "5"]
    assert (
        "2 給料等に基き支払を受けた金銭は" in whole and "5 第一項、第二項及び前項の規定は" in whole
    )
    assert "\u3000五 その給料等の金額から" in whole  # 1項5号
    assert "\u3000四 退職手当等の支給の基礎となつた期間が五年をこえる場合" in whole  # 4項4号


@pytest.mark.parametrize("text", ["76条2項", "76条の2項", "徴収法第76条第2項"])
def test_the_second_paragraph_is_found_however_it_is_written(chat: Dispatcher, text: str) -> None:
    reply = _ask(chat, text, 5)
    first = reply.sections[0].text
    assert "国税徴収法 第七十六条" in first
    assert (
        "【2 給料等に基き支払を受けた金銭は" in first
        or "2 【給料等に基き支払を受けた金銭は" in first
    )
    assert "賞与及びその性質を有する給与" not in first  # 3項 is not quoted
