"""Kana typed for the router's words routes as the kanji does."""

from __future__ import annotations

import pytest

from bot.router import route


@pytest.mark.parametrize(
    ("kana", "kanji"),
    [
        ("ぶんのうせいやくのてつづきは？", "分納誓約の手続きは？"),
        ("わりあてひょうつくって", "割当表作って"),
        ("ちょうしゅうほう76じょう", "徴収法76条"),
        ("きょうはどのあんけんから？", "今日はどの案件から？"),
        ("010014のがいよう", "010014の概要"),
        ("ジコウガチカイアンケンハ？", "時効が近い案件は？"),
    ],
)
def test_kana_routes_like_its_kanji(kana: str, kanji: str) -> None:
    by_kana, by_kanji = route(kana), route(kanji)
    assert (by_kana.tool, by_kana.args.get("case_id"), by_kana.ask) == (by_kanji.tool, by_kanji.args.get("case_id"), by_kanji.ask)
    assert by_kana.ask == ""


def test_the_search_query_is_the_kanji_spelling() -> None:
    assert route("ぶんのうせいやくのてつづきは？").entities.raw == "分納誓約の手続きは?"
