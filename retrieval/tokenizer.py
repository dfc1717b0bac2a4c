"""The one tokenizer of the search: SudachiPy normalised forms, content words, synonyms folded.

Documents, queries, the keyword baseline and the ratings' query similarity all use it.
Sudachi refuses input over ~49 KB, so long text is cut at line ends into pieces first.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from sudachipy import Dictionary, SplitMode

from retrieval.lexicon import SYNONYMS

# Sudachi's limit is on bytes (UTF-8: 3 bytes a kanji); stay well below it.
MAX_PIECE_CHARS = 8000

_DROP_POS = {
    "助詞",
    "助動詞",
    "補助記号",
    "記号",
    "空白",
    "接頭辞",
    "代名詞",
    "連体詞",
    "接続詞",
    "感動詞",
    "副詞",
}
_STOP = {
    "為る",
    "有る",
    "居る",
    "成る",
    "出来る",
    "言う",
    "思う",
    "無い",
    "良い",
    "いい",
    "する",
    "ある",
    "いる",
    "なる",
    "できる",
    "こと",
    "もの",
    "ため",
    "とき",
    "よう",
    "どう",
    "何",
    "場合",
    "等",
    "的",
    "様",
    "方",
    "者",
    "上",
    "中",
    "際",
    "後",
    "前",
    "条",
    "項",
    "号",
    "第",
    "知る",
    "教える",
    "分かる",
    "わかる",
    "ください",
    "下さる",
    "いつ",
    "どこ",
    "どれ",
    "誰",
    "くれる",
    "もらう",
    "?",
    "？",
    "ん",
    "の",
    "れる",
    "られる",
    "せる",
    "させる",
    "遣る",
    "遣り方",
    "やり方",
    "みたい",
    "行く",
    "貰う",
    "上げる",
    "呉れる",
    "置く",
    "欲しい",
    "時",
}


class Tokenizer:
    """Sudachi (mode C, compound nouns also split into their mode-A parts), normalised forms."""

    def __init__(self) -> None:
        self._dictionary = Dictionary(dict="core")
        self._local = threading.local()

    def _sudachi(self):  # one Sudachi tokenizer per thread (it is not thread-safe)
        tok = getattr(self._local, "tok", None)
        if tok is None:
            tok = self._dictionary.tokenizer(mode=SplitMode.C)
            self._local.tok = tok
        return tok

    def tokens(self, text: str) -> list[str]:
        out: list[str] = []
        for piece in _pieces(normalise_text(text)):
            out.extend(self._piece_tokens(piece))
        return out

    def readings(self, text: str) -> Iterator[tuple[str, str, str]]:
        """(surface, reading in katakana, part of speech) of each word (``retrieval.readings``)."""
        for piece in _pieces(normalise_text(text)):
            for m in self._sudachi().tokenize(piece):
                yield m.surface(), m.reading_form(), m.part_of_speech()[0]

    def _piece_tokens(self, piece: str) -> Iterator[str]:
        for m in self._sudachi().tokenize(piece):
            pos = m.part_of_speech()[0]
            if pos in _DROP_POS:
                continue
            word = fold(m.normalized_form())
            if word in _STOP or not word.strip():
                continue
            yield word
            if pos == "名詞":
                parts = m.split(SplitMode.A)
                if len(parts) > 1:
                    for p in parts:
                        sub = fold(p.normalized_form())
                        if (
                            sub not in _STOP
                            and sub != word
                            and p.part_of_speech()[0] not in _DROP_POS
                        ):
                            yield sub


def fold(word: str) -> str:
    """The canonical form of a (normalised) word: synonyms onto the statute's word."""
    return SYNONYMS.get(word, word)


def normalise_text(text: str) -> str:
    """NFKC (全角 digits and letters to ASCII), as every input is normalised first."""
    return unicodedata.normalize("NFKC", text)


def _pieces(text: str) -> Iterator[str]:
    """Cut text at line ends into pieces Sudachi accepts (a very long line is cut hard)."""
    buf: list[str] = []
    size = 0
    for line in text.splitlines():
        while len(line) > MAX_PIECE_CHARS:
            yield line[:MAX_PIECE_CHARS]
            line = line[MAX_PIECE_CHARS:]
        if size + len(line) + 1 > MAX_PIECE_CHARS and buf:
            yield "\n".join(buf)
            buf, size = [], 0
        buf.append(line)
        size += len(line) + 1
    if buf:
        yield "\n".join(buf)


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    return Tokenizer()
