"""Plain data of the search: documents, passages, scored results and hits."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("law", "notice", "manual", "faq")
LAW_KINDS = ("law", "notice")
MANUAL_KINDS = ("manual", "faq")


@dataclass(frozen=True)
class Doc:
    """One searchable unit: a statute article, a notice page, a manual section or an FAQ entry."""

    doc_id: str
    kind: str  # law | notice | manual | faq
    source_id: str
    title: str  # law name, notice name, manual title, or the FAQ question
    text: str
    article: str | None = None  # 第七十六条 / 第76条関係 / manual section number
    article_key: str | None = None  # 76, 3-2 (notices: the related article)
    caption: str | None = None  # 見出し or manual heading
    related_law: str | None = None  # notices: the statute the page explains
    cites: tuple[str, ...] = ()  # manual / FAQ: the articles it rests on (国税徴収法76条)
    tags: tuple[str, ...] = ()
    law_kind: str | None = None  # law, cabinet_order, ministerial_ordinance, notice


@dataclass(frozen=True)
class Passage:
    """A piece of a document, small enough to embed; ``header`` keeps its citation."""

    passage_id: str
    doc_id: str
    header: str
    body: str

    @property
    def text(self) -> str:
        return f"{self.header}\n{self.body}"


@dataclass(frozen=True)
class Scored:
    """A retriever's result: a document, its score and the passage that matched best."""

    doc_id: str
    score: float
    passage_id: str | None = None


@dataclass(frozen=True)
class RatingSignal:
    """A stored 👍 (+1) / 👎 (-1) on a document for a query (input of the re-ranking)."""

    doc_id: str
    query: str
    value: int


@dataclass
class Hit:
    """What a user sees: a document with its citation and the sentence that matched marked."""

    doc_id: str
    kind: str
    source_id: str
    title: str
    article: str | None
    text: str  # the passage that matched
    score: float
    citation: str
    highlight: str  # the best-matching sentence
    marked: str = ""  # the passage with the best sentence wrapped in 【】
    caption: str | None = None
    article_key: str | None = None
    cites: list[str] = field(default_factory=list)
    related: str | None = None  # notices: citation of the article they explain
    exact: bool = False  # found by an article-number lookup
    paragraph: str = ""  # the paragraph (項) or part holding the best sentence
    full_text: str = ""  # the whole article, notice page, manual section or FAQ answer

    def as_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "source_id": self.source_id,
            "title": self.title,
            "article": self.article,
            "article_key": self.article_key,
            "caption": self.caption,
            "citation": self.citation,
            "text": self.text,
            "highlight": self.highlight,
            "score": round(self.score, 6),
            "cites": self.cites,
            "related": self.related,
            "exact": self.exact,
            "paragraph": self.paragraph,
            "full_text": self.full_text,
        }
