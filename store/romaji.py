"""Kana → romaji (Hepburn), and a loose key to compare names as people write them in Latin
letters: 「キムラ アオイ」 → "kimura aoi"; "Tohto Chuo", "Toto Chuo" and "Tōtō Chūō" share one key.

A small table rather than a library: pykakasi is GPL-3.0, cutlet needs MeCab and UniDic, and a
reading (from SudachiPy, ``retrieval.readings``) only needs its kana spelled out. Pure."""

from __future__ import annotations

import re
import unicodedata

_ROWS = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
# A consonant's row followed by a small ャ/ュ/ョ: キャ kya, シャ sha, チャ cha, ジャ ja.
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}


def _katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in text)


def romaji(kana: str) -> str:
    """Hepburn spelling of hiragana or katakana (long vowels written out: トウキョウ → toukyou);
    other characters are kept."""
    text = _katakana(unicodedata.normalize("NFKC", kana))
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == "ッ":
            double = True
            i += 1
            continue
        if ch == "ー":
            out.append(out[-1][-1] if out and out[-1][-1] in "aiueo" else "")
            i += 1
            continue
        syllable = _ROWS.get(ch, ch.lower())
        if nxt in _SMALL_Y and ch in _ROWS and syllable.endswith("i") and len(syllable) > 1:
            stem = syllable[:-1]
            syllable = (stem if stem in ("sh", "ch", "j") else stem + "y") + _SMALL_Y[nxt]
            i += 1
        if double and syllable[:1].isalpha() and syllable[0] not in "aiueon":
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
        i += 1
    return "".join(out)


_LONG_OH = re.compile(r"oh(?![aiueo])")
_FOLDS = (("sh", "s"), ("ch", "t"), ("ts", "t"), ("dz", "z"), ("j", "z"), ("f", "h"), ("nn", "n"), ("sy", "s"), ("ty", "t"), ("zy", "z"))
_REPEATS = re.compile(r"(ou|oo|uu|aa|ii|ee)")


def romaji_key(text: str) -> str:
    """A loose key of a name in Latin letters (or kana): case, accents, spaces, hyphens, long
    vowels (ou/oo/oh/ō → o, uu/ū → u), Hepburn or Kunrei (shi/si, chi/ti, tsu/tu, fu/hu, ji/zi)
    and m/n before b, p, m all folded."""
    if any("\u3041" <= ch <= "\u30fa" for ch in text):
        text = romaji(text)
    plain = unicodedata.normalize("NFKD", text.lower())
    s = "".join(ch for ch in plain if "a" <= ch <= "z")
    s = re.sub(r"m(?=[bpm])", "n", s)
    for old, new in _FOLDS:
        s = s.replace(old, new)
    s = _LONG_OH.sub("o", s)
    while True:
        folded = _REPEATS.sub(lambda m: m.group(0)[0], s)
        if folded == s:
            return s
        s = folded
