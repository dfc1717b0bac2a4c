"""Article-number questions (「141条」「徴収法76条」「地方税法第十五条の七」) answered by lookup."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.lexicon import LAW_PRIORITY, find_law
from retrieval.numerals import find_article_keys, paragraph_after
from retrieval.tokenizer import normalise_text
from retrieval.types import Doc


@dataclass(frozen=True)
class ArticleRef:
    source_id: str | None  # None: the question names no law
    key: str
    paragraph: int | None = None  # 「76条2項」「76条の2項」 → 2


def parse_reference(query: str, *, law_names: dict[str, str] | None = None) -> ArticleRef | None:
    """The article a question names, with its law when one is named before it."""
    text = normalise_text(query)
    refs = find_article_keys(text)
    if not refs:
        return None
    start, end, key = refs[0]
    law = find_law(text[:start], law_names) or find_law(text, law_names)
    return ArticleRef(law[0] if law else None, key, paragraph_after(text, end))


class ArticleIndex:
    """(source_id, article key) → documents; notices are found through the article they explain."""

    def __init__(self, docs: Iterable[Doc]) -> None:
        self.laws: dict[tuple[str, str], Doc] = {}
        self.notices: dict[tuple[str, str], list[Doc]] = {}
        for d in docs:
            if d.article_key is None:
                continue
            if d.kind == "law":
                self.laws.setdefault((d.source_id, d.article_key), d)
            elif d.kind == "notice":
                self.laws.setdefault((d.source_id, d.article_key), d)
                if d.related_law:
                    self.notices.setdefault((d.related_law, d.article_key), []).append(d)

    def lookup(self, ref: ArticleRef, *, max_laws: int = 3) -> list[Doc]:
        """The article (and the notice pages explaining it); without a law, the same number in
        the collection laws, most used first."""
        sources = [ref.source_id] if ref.source_id else list(LAW_PRIORITY)
        out: list[Doc] = []
        found = 0
        for source in sources:
            doc = self.laws.get((source, ref.key))
            if doc is None:
                continue
            out.append(doc)
            out += self.notices.get((source, ref.key), [])
            found += 1
            if found >= max_laws:
                break
        return out

    def related_article(self, notice: Doc) -> Doc | None:
        if notice.kind != "notice" or not notice.related_law or not notice.article_key:
            return None
        return self.laws.get((notice.related_law, notice.article_key))
