"""Names written in Latin letters: Hepburn from kana, and one loose key for the ways people
romanise (long vowels, Kunrei or Hepburn, hyphens and honorifics)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store.romaji import romaji, romaji_key
from store.staff_names import resolve_staff


@pytest.mark.parametrize(
    ("kana", "hepburn"),
    [("キムラ アオイ", "kimura aoi"), ("ちょうしゅう", "choushuu"), ("ハットリ", "hattori"), ("マッチャ", "matcha"),
     ("ジュンコ", "junko"), ("シンヨウキンコ", "shinyoukinko")],
)
def test_kana_is_spelled_in_hepburn(kana: str, hepburn: str) -> None:
    assert romaji(kana) == hepburn


@pytest.mark.parametrize(
    ("written", "reading"),
    [("Tohto Chuo", "トウトチュウオウ"), ("Tōtō Chūō", "トウトチュウオウ"), ("Toto Chuo", "トウトチュウオウ"),
     ("Shimbun", "シンブン"), ("Kyoko", "キョウコ"), ("Syouzi", "ショウジ"), ("Ohno", "オオノ")],
)
def test_ways_of_romanising_share_a_key(written: str, reading: str) -> None:
    assert romaji_key(written) == romaji_key(reading)


@dataclass(frozen=True)
class P:
    staff_id: str
    name: str


READINGS = {"木村 葵": "キムラ アオイ", "吉田 健太": "ヨシダ ケンタ", "吉田 美咲": "ヨシダ ミサキ", "鈴木 一郎": "スズキ イチロウ"}
ROSTER = [P("K01", "木村 葵"), P("K02", "吉田 健太"), P("K03", "吉田 美咲"), P("K04", "鈴木 一郎")]


@pytest.mark.parametrize(
    ("written", "ids"),
    [("Kimura", ["K01"]), ("Aoi Kimura", ["K01"]), ("kimura aoi", ["K01"]), ("Suzuki-san", ["K04"]),
     ("Suzuki san", ["K04"]), ("Yoshida", ["K02", "K03"]), ("Misaki Yoshida", ["K03"]), ("Tanaka", [])],
)
def test_a_name_in_romaji_resolves_like_its_kanji(written: str, ids: list[str]) -> None:
    assert [p.staff_id for p in resolve_staff(written, ROSTER, reading=READINGS.__getitem__)] == ids


def test_without_readings_romaji_names_nobody() -> None:
    assert resolve_staff("Kimura", ROSTER) == []


def test_a_name_in_kana_resolves_too() -> None:
    assert [p.staff_id for p in resolve_staff("すずき", ROSTER, reading=READINGS.__getitem__)] == ["K04"]
