"""Kana written for kanji: 「ぶんのうせいやくのてつづきは？」 → 「分納誓約の手続きは？」.

Officers on a phone, or new to the words, type readings. :class:`Readings` is built once from a
vocabulary (the router's utterances and examples, the manual's and FAQ's titles, the statutes'
names) with the readings SudachiPy gives each of its words, and rewrites a message written
mostly in kana into the vocabulary's kanji, longest reading first. A reading the vocabulary
itself writes in kana (「から」「ない」「ゆうちょ」) is never rewritten. Pure after it is built: a
dict look-up per position, a few microseconds a message.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from retrieval.tokenizer import Tokenizer, get_tokenizer, normalise_text

MIN_READING = 2  # one-kana readings (は, の, を) are particles far more often than words
# A reading spelled in kanji has three kana or more: two-kana ones (いま 今, いえ 家, ざい 財) hide
# inside ordinary kana (使います, いいえ, ございます); a compound (ちょうしゅうほう) keeps its 法.
MIN_SPELLED = 3
# Parts of speech whose readings are never rewritten (they are written in kana anyway).
_KEEP_POS = {"助詞", "助動詞", "補助記号", "記号", "空白", "感動詞", "接続詞", "連体詞", "代名詞"}


# What people write in kana around a request, never to be spelled in kanji.
CONVERSATION = (
    "おはようございます", "こんにちは", "ありがとうございます", "ありがとうございました", "いいえ",
    "はい", "すみません", "よろしくお願いします", "おつかれさまです", "ちょっと", "もう一度", "じゃあ",
)


def is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆"


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30fa" or ch == "ー"


def hiragana(text: str) -> str:
    """Katakana folded to hiragana, one character for one (ー kept)."""
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


_KANA = re.compile("[\u3041-\u30faー]")
_KANJI = re.compile("[\u4e00-\u9fff々〆]")


def mostly_kana(text: str) -> bool:
    """Kana written where kanji are expected: two kana or more and at most one kanji in five."""
    kana = len(_KANA.findall(text))
    return kana >= MIN_READING and len(_KANJI.findall(text)) * 4 <= kana


def bundled_titles() -> list[str]:
    """The bundled manual's headings and FAQ questions (part of the router's vocabulary)."""
    from retrieval.corpus import BUNDLED_DIR
    from retrieval.faq import load_faq
    from retrieval.manual import load_manual

    docs = []
    if (BUNDLED_DIR / "manual.md").exists():
        docs += load_manual(BUNDLED_DIR / "manual.md")
    if (BUNDLED_DIR / "faq.csv").exists():
        docs += load_faq(BUNDLED_DIR / "faq.csv")
    return [text for d in docs for text in (d.title, d.caption or "") if text]


@lru_cache(maxsize=4096)
def name_reading(name: str) -> str:
    """A person's or an institution's name in katakana, its space-separated parts kept apart
    (「木村 葵」 → 「キムラ アオイ」): what ``store.staff_names`` compares romaji against."""
    tok = get_tokenizer()
    return " ".join("".join(reading for _, reading, _ in tok.readings(part)) for part in normalise_text(name).split())


class Readings:
    """A reading (hiragana) → the vocabulary's kanji spelling, and the rewrite of kana text."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.longest = max((len(r) for r in table), default=0)

    @classmethod
    def build(cls, texts: Iterable[str], *, tokenizer: Tokenizer | None = None) -> Readings:
        """The readings of every word of ``texts`` spelled with a kanji (each reading → its most
        frequent spelling), and of each run of such nouns (「ぶんのうせいやく」 → 分納誓約)."""
        tok = tokenizer or get_tokenizer()
        texts = [*texts, *CONVERSATION]
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        in_kana: set[str] = set()
        for text in texts:
            run: list[tuple[str, str]] = []
            for surface, reading, pos in tok.readings(text):
                word_reading = hiragana(reading)
                if pos in _KEEP_POS or not any(is_kanji(ch) for ch in surface):
                    if surface and all(is_kana(ch) for ch in surface):
                        in_kana.add(hiragana(surface))
                    if pos in _KEEP_POS:
                        in_kana.add(word_reading)
                    run = []
                    continue
                if not all(is_kana(ch) for ch in word_reading):
                    run = []
                    continue
                spellings[word_reading][surface] += 1
                run = [*run, (surface, word_reading)] if pos == "名詞" else []
                if len(run) > 1:
                    spellings["".join(r for _, r in run)]["".join(s for s, _ in run)] += 1
        table = {
            reading: counts.most_common(1)[0][0]
            for reading, counts in spellings.items()
            if len(reading) >= MIN_SPELLED and reading not in in_kana
        }
        # Words written in kana stay as they are, and the longest match keeps them whole
        # (「ございます」 is not 「ご財ます」, 「いいえ」 not 「い家」).
        table.update({word: word for word in in_kana if len(word) >= MIN_READING and word not in table})
        return cls(table)

    def rewrite(self, text: str) -> str:
        """``text`` with its kana readings spelled as the vocabulary spells them, when it is
        written mostly in kana (otherwise unchanged: a kanji sentence's kana are its own)."""
        if not self.table or not mostly_kana(text):
            return text
        text = normalise_text(text)
        folded = hiragana(text)
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if is_kana(folded[i]):
                for size in range(min(self.longest, n - i), MIN_READING - 1, -1):
                    spelled = self.table.get(folded[i : i + size])
                    if spelled is not None:  # a word written in kana is kept as written (ヘルプ)
                        out.append(text[i : i + size] if spelled == folded[i : i + size] else spelled)
                        i += size
                        break
                else:
                    out.append(text[i])
                    i += 1
            else:
                out.append(text[i])
                i += 1
        return "".join(out)
