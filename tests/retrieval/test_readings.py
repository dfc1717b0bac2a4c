"""Kana typed for kanji: 「ぶんのうせいやく」 finds the manual's 分納誓約, as 「分納誓約」 does."""

from __future__ import annotations

import pytest

from retrieval.readings import Readings, hiragana, mostly_kana
from tests.retrieval.conftest import SmallSearch

VOCABULARY = ["分納誓約の手続きは？", "割当表を作って", "徴収法76条", "今日はどの案件から？", "口座ありでした"]


@pytest.fixture(scope="module")
def readings() -> Readings:
    return Readings.build(VOCABULARY)


@pytest.mark.parametrize(
    ("kana", "kanji"),
    [
        ("ぶんのうせいやくのてつづきは？", "分納誓約の手続きは?"),
        ("ブンノウセイヤク", "分納誓約"),
        ("わりあてひょうつくって", "割当表作って"),
        ("ちょうしゅうほう76じょう", "徴収法76条"),
        ("きょうはどのあんけんから？", "今日はどの案件から?"),
    ],
)
def test_kana_is_spelled_as_the_vocabulary_spells_it(readings: Readings, kana: str, kanji: str) -> None:
    assert readings.rewrite(kana) == kanji


def test_kanji_sentences_and_words_the_vocabulary_writes_in_kana_are_left_alone(readings: Readings) -> None:
    assert readings.rewrite("分納誓約のてつづきは") == "分納誓約のてつづきは"  # mostly kanji: its kana are its own
    assert readings.rewrite("ありでした") == "ありでした"  # あり is written in kana
    assert readings.rewrite("はい") == "はい"


def test_what_counts_as_mostly_kana() -> None:
    assert mostly_kana("010014のがいよう") and not mostly_kana("010014の概要") and not mostly_kana("Kimura")
    assert hiragana("ブンノウ") == "ぶんのう"


def test_a_kana_question_reaches_the_manual_section(small_search: SmallSearch) -> None:
    kana = small_search.searcher.search("ぶんのうせいやくのてつづきは？", top=3, kinds=("manual",))
    kanji = small_search.searcher.search("分納誓約の手続きは？", top=3, kinds=("manual",))
    assert kana[0].doc_id == kanji[0].doc_id
    assert "分納誓約" in kana[0].citation


def test_a_kana_article_number_is_looked_up(small_search: SmallSearch) -> None:
    hits = small_search.searcher.search("ちょうしゅうほう76じょう", top=3)
    assert hits[0].doc_id == "334AC0000000147:76" and hits[0].exact


@pytest.mark.parametrize("said", ["おはようございます", "ありがとうございました", "いいえ", "おつかれさまです"])
def test_greetings_and_answers_in_kana_are_left_whole(said: str) -> None:
    readings = Readings.build([*VOCABULARY, "財調と家の差押え"])  # 財 ざい, 家 いえ
    assert readings.rewrite(said) == said


def test_katakana_words_and_short_readings_are_kept_as_written() -> None:
    readings = Readings.build(["ヘルプ", "ワークリストを見せて", "今使う"])  # 今 いま
    assert readings.rewrite("ヘルプ") == "ヘルプ"
    assert readings.rewrite("ワークリストをつかう") == "ワークリストを使う"
    assert readings.rewrite("はじめて使います") == "はじめて使います"
