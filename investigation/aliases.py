"""How officers write institution names in 経過記録, learned from the institution table by rules.

``institution_aliases`` derives the short forms officers use from each full name (みどり信用金庫 →
みどり信金 / みどり信, 武蔵中央銀行 → 武蔵中央銀 / 武中銀, ゆうちょ銀行 → 郵貯 / 郵便局, …).
``find_mentions`` finds them in a note: a fast longest-first scan, confirmed by SudachiPy
token boundaries so that a short form inside a longer word does not count.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from store.models import DEPOSIT_KINDS

# Legal forms and their short forms: (suffix of the full name, short suffixes officers write).
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("信用金庫", ("信金", "信")),
    ("信用組合", ("信組",)),
    ("農業協同組合", ("農協",)),
    ("信託銀行", ("信託",)),
    ("銀行", ("銀", "銀行", "BK")),
    ("生命保険相互会社", ("生命",)),
    ("生命保険株式会社", ("生命",)),
    ("生命保険", ("生命",)),
    ("証券株式会社", ("証券",)),
    ("証券", ("証券",)),
)
_COMPANY_FORMS = ("株式会社", "(株)", "㈱", "有限会社", "(有)")
# Words that name the post bank whatever an office calls it.
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "post_bank": ("ゆうちょ", "郵貯", "郵便貯金", "郵便局"),
    "ja_bank": ("農協", "JA"),
}
# Regional or national prefixes officers drop (日本あおば銀行 → あおば銀).
_PREFIXES = ("日本", "東日本", "西日本", "北日本", "関東", "関西", "東京", "首都", "全国")
_KANJI = re.compile(r"^[\u4e00-\u9fff]+$")
# Keywords that point to a target kind without an institution.
KIND_KEYWORDS: dict[str, tuple[str, ...]] = {
    "pension": ("年金",),
    "real_estate": ("不動産", "土地", "家屋", "持ち家", "持家", "自宅所有", "登記"),
    "vehicle": ("自動車", "車両", "軽自動車", "車検", "乗用車"),
    "receivable": ("売掛", "取引先", "自営", "個人事業", "事業収入", "元請"),
    "salary": ("勤務", "給与", "勤め", "就労", "パート", "アルバイト"),
}


def normalise(text: str) -> str:
    """NFKC (全角英数 → 半角, ㈱ → (株)) and no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _strip_company(name: str) -> str:
    for form in _COMPANY_FORMS:
        name = name.replace(normalise(form), "")
    return name


def institution_aliases(
    names: Sequence[str], kinds: Sequence[str], *, avoid: Sequence[str] = ()
) -> dict[str, list[int]]:
    """alias → institution positions. Ambiguous aliases map to several; the caller decides.

    ``avoid`` are other names of the office (町丁目, employers): a bare stem (みどり) that
    occurs in one of them is not an alias, because a note naming the 町 is not about the bank.
    """
    avoid_n = [normalise(a) for a in avoid]
    out: dict[str, set[int]] = defaultdict(set)
    kind_count: dict[str, int] = defaultdict(int)
    for k in kinds:
        kind_count[k] += 1
    for i, (raw, kind) in enumerate(zip(names, kinds, strict=True)):
        name = _strip_company(normalise(raw))
        out[name].add(i)
        for suffix, shorts in _SUFFIXES:
            if not name.endswith(suffix) or len(name) <= len(suffix):
                continue
            stem = name[: -len(suffix)]
            stems = {stem}
            if "ネット" in stem and len(stem) > 3:
                stems.add(stem.replace("ネット", ""))
            for prefix in _PREFIXES:
                if stem.startswith(prefix) and len(stem) - len(prefix) >= 2:
                    stems.add(stem[len(prefix) :])
            if _KANJI.match(stem) and len(stem) == 4:
                stems.add(stem[0] + stem[2])  # 武蔵中央 → 武中
            for s in stems:
                for short in shorts:
                    if len(s) + len(short) >= 3:
                        out[s + short].add(i)
                if s == stem and len(s) >= 2 and not any(s in a for a in avoid_n):
                    out[s].add(i)  # the bare stem (東都中央, ゆうちょ, そらいろネット)
            if suffix == "農業協同組合":
                out["JA" + stem].add(i)
            break
        for word in _KIND_WORDS.get(kind, ()):
            if kind_count[kind] == 1:
                out[word].add(i)
    return {alias: sorted(idx) for alias, idx in out.items() if alias}


class MentionFinder:
    """Finds institution aliases (and target-kind keywords) in notes."""

    def __init__(self, aliases: dict[str, list[int]], kinds: Sequence[str] = ()) -> None:
        deposit = {i for i, k in enumerate(kinds) if k in DEPOSIT_KINDS}
        self.aliases: dict[str, list[int]] = {}
        for alias, idx in aliases.items():
            if len(idx) > 1:  # 東都中央 alone: the bank, when one of them takes deposits
                idx = [i for i in idx if i in deposit]
            if len(idx) == 1:
                self.aliases[alias] = idx
        ordered = sorted(self.aliases, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(a) for a in ordered)) if ordered else None
        kw = sorted({w for ws in KIND_KEYWORDS.values() for w in ws}, key=len, reverse=True)
        self._kind_of = {w: k for k, ws in KIND_KEYWORDS.items() for w in ws}
        self._kw_pattern = re.compile("|".join(re.escape(w) for w in kw))

    def institutions(self, text: str) -> set[int]:
        """Positions of the institutions the note names (at SudachiPy token starts)."""
        if self._pattern is None:
            return set()
        norm = normalise(text)
        hits = [(m.start(), m.group(0)) for m in self._pattern.finditer(norm)]
        if not hits:
            return set()
        starts = _token_starts(norm)
        return {self.aliases[a][0] for pos, a in hits if pos in starts}

    def kinds(self, text: str) -> set[str]:
        return {self._kind_of[m.group(0)] for m in self._kw_pattern.finditer(normalise(text))}


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary()


_local = threading.local()


def _tokenizer() -> Any:
    """One SudachiPy tokenizer per thread: a tokenizer is not thread-safe (two chat turns
    tokenising notes at once raised SudachiError), the dictionary is loaded once."""
    tok = getattr(_local, "tok", None)
    if tok is None:
        from sudachipy import SplitMode

        tok = _local.tok = _dictionary().tokenizer(mode=SplitMode.B)
    return tok


def _token_starts(text: str) -> set[int]:
    return {m.begin() for m in _tokenizer().tokenize(text)}
