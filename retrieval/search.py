"""The searcher: exact article lookup, hybrid retrieval, law hints, notice links, ratings,
and hits with their citation and the matching sentence marked."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

from retrieval.articles import ArticleIndex, parse_reference
from retrieval.cite import (
    OFFICE_POSITION_DECAY,
    POSITION_DECAY,
    best_in_passages,
    best_sentence,
    citation,
    mark,
    paragraph_of,
    paragraphs,
    sentences,
)
from retrieval.corpus import Corpus
from retrieval.hybrid import HybridRetriever
from retrieval.index import Index
from retrieval.lexicon import domain_laws, expand_query, find_law, law_names
from retrieval.protocol import Retriever
from retrieval.readings import Readings
from retrieval.rerank import apply_ratings, rating_adjustments
from retrieval.tokenizer import Tokenizer, get_tokenizer, normalise_text
from retrieval.types import KINDS, Doc, Hit, Passage, RatingSignal, Scored
from store.errors import InvalidInput

MAX_QUERY_CHARS = 1000
LAW_HINT_BOOST = 1.5  # a question naming a law prefers that law's articles
NOTICE_LINK_SHARE = 0.5  # a notice page lends this share of its score to the article it explains
CITE_LINK_SHARE = 1.0  # a manual section or FAQ entry lends this share to each article it cites
# … when it is among the best few manual / FAQ matches. With e5, only the best one: lending from
# the best three carried the articles our FAQ happens to cite into questions about other
# articles (e5 on, 3 → 1: dev 0.900/0.721 both, novice 0.891/0.768 → 0.891/0.786, own
# 0.667/0.497 → 0.750/0.594, own held-out 0.750/0.408 → 0.750/0.517). Without e5 the FAQ's
# lending still carries lay questions (dev MRR 0.722 → 0.698 with 1), so three are kept there.
CITE_LINK_TOP = 3
CITE_LINK_TOP_E5 = 1
CITE_LINK_MIN = 0.0  # … and scores at least this share of the best match
# e5 reads lay situations best of the three (novice set recall@5 0.870 → 0.891, our own set
# 0.583 → 0.667 with it at twice the weight; at the same weight 0.848 and 0.667)
E5_WEIGHT = 2.0
TOPIC_HINT_BOOST = 1.3  # a question that names a manual section's topic (「分納誓約の手続きは？」)


def validate_query(query: str) -> str:
    text = normalise_text(query or "").strip()
    if not text:
        raise InvalidInput("search.empty_query")
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput("search.query_too_long", length=len(text), limit=MAX_QUERY_CHARS)
    return text


def validate_kinds(kinds: Collection[str] | None) -> tuple[str, ...] | None:
    if kinds is None:
        return None
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise InvalidInput(
            "search.bad_kinds", kinds=", ".join(bad) or "-", allowed=", ".join(KINDS)
        )
    return tuple(kinds)


class Searcher:
    def __init__(self, index: Index, *, tokenizer: Tokenizer | None = None) -> None:
        self.index = index
        self.corpus: Corpus = index.corpus
        self.tokenizer = tokenizer or get_tokenizer()
        retrievers: list[Retriever] = [index.bm25, index.dense]
        if index.e5 is not None:
            retrievers.append(index.e5)
        self.hybrid = HybridRetriever(
            retrievers,
            weights=[1.0, 1.0, E5_WEIGHT][: len(retrievers)],
            rewrites=[expand_query, None, None][: len(retrievers)],
        )
        self.cite_link_top = CITE_LINK_TOP_E5 if index.e5 is not None else CITE_LINK_TOP
        self.articles = ArticleIndex(self.corpus.docs)
        self.law_names = self.corpus.law_names()
        self.cited: dict[str, list[str]] = {}  # manual / FAQ doc_id → the articles it rests on
        for d in self.corpus.docs:
            for cite in d.cites:
                ref = parse_reference(cite, law_names=self.law_names)
                found = self.articles.lookup(ref, max_laws=1) if ref and ref.source_id else []
                self.cited.setdefault(d.doc_id, []).extend(
                    x.doc_id for x in found if x.kind == "law"
                )
        self.passages: dict[str, Passage] = {p.passage_id: p for p in self.corpus.passages()}
        self.doc_passages: dict[str, list[Passage]] = {}
        for p in self.passages.values():
            self.doc_passages.setdefault(p.doc_id, []).append(p)
        self.first_passage = {d: ps[0] for d, ps in self.doc_passages.items()}
        # The topics of the manual's sections: its caption, or each part of 「臨戸（訪問）」.
        self.topics: dict[str, tuple[str, ...]] = {
            d.doc_id: _topic_names(d.caption) for d in self.corpus.docs if d.kind == "manual" and d.caption
        }
        # 「ぶんのうせいやく」 → 分納誓約: the readings of the titles, headings and law names.
        vocabulary = [t for d in self.corpus.docs for t in (d.title, d.caption or "", d.article or "") if t]
        vocabulary += [name for name, _ in law_names(self.law_names)]
        self.readings = Readings.build(dict.fromkeys(vocabulary), tokenizer=self.tokenizer)
        # Passage sentences recur across questions: tokenise each once per process.
        self._sentence_tokens = functools.lru_cache(maxsize=50_000)(self.tokenizer.tokens)
        # Rated questions repeat: tokenise each once per process.
        self._query_tokens = functools.lru_cache(maxsize=20_000)(
            lambda q: tuple(self.tokenizer.tokens(q))
        )

    def search(
        self,
        query: str,
        *,
        top: int = 5,
        kinds: Collection[str] | None = None,
        ratings: Sequence[RatingSignal] | None = None,
    ) -> list[Hit]:
        text = self.readings.rewrite(validate_query(query))
        kinds = validate_kinds(kinds)
        if top < 1:
            raise InvalidInput("search.bad_top", top=top)
        tokens = self.tokenizer.tokens(text)

        exact: list[Doc] = []
        ref = parse_reference(text, law_names=self.law_names)
        if ref is not None:
            exact = [d for d in self.articles.lookup(ref) if kinds is None or d.kind in kinds]

        # Retrieve over every kind, keep the kinds asked for at the end.
        fused = self.hybrid.search(text, top=max(top * 4, 30))
        # A Chroma server shared by replicas may briefly hold passages of a newer corpus.
        fused = [s for s in fused if s.doc_id in self.corpus.by_id]
        fused = self._link_notices(fused)
        if kinds is not None and "law" in kinds and not set(kinds) & {"manual", "faq"}:
            # statutes only: the office's manual and FAQ, written in officers' words, point
            # to the articles they rest on (when they are shown themselves, they cite them).
            fused = self._link_cites(fused, self._laws_asked(text) if ref is None else ())
        if ref is None:
            fused = self._law_hint(text, fused)
            fused = self._topic_hint(text, fused)
        if kinds is not None:
            fused = [s for s in fused if self.corpus.by_id[s.doc_id].kind in kinds]
        elif ref is None:
            fused = self._statutes_first(fused)
        if ratings:
            rated = [
                (r, self._query_tokens(r.query)) for r in ratings if r.doc_id in self.corpus.by_id
            ]
            rated = [
                (r, t)
                for r, t in rated
                if kinds is None or self.corpus.by_id[r.doc_id].kind in kinds
            ]
            fused = apply_ratings(fused, rating_adjustments(tokens, rated))

        top_score = fused[0].score if fused else 1.0
        ordered: list[tuple[Scored, bool]] = [
            (Scored(d.doc_id, top_score + (len(exact) - i) * 1e-3, None), True)
            for i, d in enumerate(exact)
        ]
        seen = {d.doc_id for d in exact}
        ordered += [(s, False) for s in fused if s.doc_id not in seen]
        wanted = ref.paragraph if ref is not None else None
        return [
            self._hit(s, tokens, is_exact, paragraph=wanted if is_exact else None)
            for s, is_exact in ordered[:top]
        ]

    def document(self, doc_id: str, *, query: str = "") -> Hit:
        """One document whole (the search page's 「全文」 and the chat's 「全文を見る」), with the
        sentence that best answers ``query`` marked when one is given."""
        if doc_id not in self.corpus.by_id:
            raise InvalidInput("search.unknown_document")
        text = self.readings.rewrite(normalise_text(query or "").strip()[:MAX_QUERY_CHARS])
        ref = parse_reference(text, law_names=self.law_names) if text else None
        tokens = self.tokenizer.tokens(text) if text and ref is None else []
        return self._hit(
            Scored(doc_id, 0.0, None), tokens, not tokens, paragraph=ref.paragraph if ref else None
        )

    # --- ranking adjustments ---------------------------------------------------------------

    def _laws_asked(self, text: str) -> tuple[str, ...]:
        """The law a question names, or the laws its words point to (地方税 vs 国税, 国保)."""
        law = find_law(text, self.law_names)
        return (law[0],) if law else domain_laws(text)

    def _law_hint(self, text: str, fused: list[Scored]) -> list[Scored]:
        sources = self._laws_asked(text)
        if not sources:
            return fused
        def hinted(doc_id: str) -> bool:
            d = self.corpus.by_id[doc_id]
            return d.source_id in sources or d.related_law in sources

        return _boost(fused, {s.doc_id for s in fused if hinted(s.doc_id)}, LAW_HINT_BOOST)

    def _topic_hint(self, text: str, fused: list[Scored]) -> list[Scored]:
        """A question naming a manual section's topic prefers that section: the FAQ entries,
        phrased as questions, otherwise win on wording (「分納誓約の手続きは？」 is answered by
        the section 分納誓約, not by the FAQ 「分納の約束をすれば差押えはしなくていい？」)."""
        named = {d for d, names in self.topics.items() if any(n in text for n in names)}
        return _boost(fused, named, TOPIC_HINT_BOOST) if named else fused

    def _link_notices(self, fused: list[Scored]) -> list[Scored]:
        """A notice page that matches lends part of its score to the article it explains."""
        links = {}
        for s in fused:
            article = self.articles.related_article(self.corpus.by_id[s.doc_id])
            if article is not None:
                links[s.doc_id] = [article.doc_id]
        return _lend(fused, links, NOTICE_LINK_SHARE)

    def _link_cites(self, fused: list[Scored], laws: Collection[str] = ()) -> list[Scored]:
        """A manual section or FAQ entry among the best matches lends part of its score to the
        articles it cites (only the best few: a loosely related entry must not drown the
        statute that answers the question in its own words)."""
        office = [s for s in fused if self.corpus.by_id[s.doc_id].kind in ("manual", "faq")]
        leaders = {
            s.doc_id for s in office[: self.cite_link_top] if s.score >= fused[0].score * CITE_LINK_MIN
        }
        links = {d: t for d, t in self.cited.items() if d in leaders}
        if laws:  # a question about 国税 is not answered by the 地方税法 article an FAQ cites
            links = {
                d: [a for a in t if self.corpus.by_id[a].source_id in laws] for d, t in links.items()
            }
        return _lend(fused, links, CITE_LINK_SHARE)

    def _statutes_first(self, fused: list[Scored]) -> list[Scored]:
        """A manual section or FAQ entry may answer beside the statutes, but never above an
        article it cites itself: the cited article (when it was retrieved) moves up to just
        before the first entry citing it, with that entry's score."""
        position = {s.doc_id: i for i, s in enumerate(fused)}
        out: list[Scored] = []
        placed: set[str] = set()
        for s in fused:
            if s.doc_id in placed:
                continue
            for target in self.cited.get(s.doc_id, ()):
                if target not in placed and position.get(target, -1) > position[s.doc_id]:
                    out.append(Scored(target, s.score, fused[position[target]].passage_id))
                    placed.add(target)
            out.append(s)
            placed.add(s.doc_id)
        return out

    # --- hits --------------------------------------------------------------------------------

    def _hit(
        self, s: Scored, tokens: Sequence[str], exact: bool, *, paragraph: int | None = None
    ) -> Hit:
        doc = self.corpus.by_id[s.doc_id]
        parts = self.doc_passages[doc.doc_id]
        if doc.kind in ("law", "notice") and not exact and len(parts) > 1 and tokens:
            # An article is read as a whole: show the passage holding its best sentence (the
            # rule of 第1項 before a later special case that matches as well), not merely the
            # passage that ranked.
            at, sentence = best_in_passages([p.body for p in parts], tokens, self._sentence_tokens)
            passage = parts[at]
        else:
            passage = self.passages.get(s.passage_id or "") or (
                self.first_passage[doc.doc_id] if exact else self._best_passage(doc, tokens)
            )
            decay = OFFICE_POSITION_DECAY if doc.kind in ("manual", "faq") else POSITION_DECAY
            sentence = best_sentence(passage.body, tokens, self._sentence_tokens, decay=decay)
        part = paragraph_of(doc.text, sentence)
        if paragraph is not None:  # 「76条2項」: that paragraph, its first sentence marked
            numbered = paragraphs(doc.text)
            if 1 <= paragraph <= len(numbered):
                part = numbered[paragraph - 1]
                sentence = (sentences(part) or [part])[0]
                passage = next((p for p in parts if sentence in p.body), passage)
        related = self.articles.related_article(doc)
        return Hit(
            doc_id=doc.doc_id,
            kind=doc.kind,
            source_id=doc.source_id,
            title=doc.title,
            article=doc.article,
            text=passage.body,
            score=s.score,
            citation=citation(doc),
            highlight=sentence,
            marked=mark(passage.body, sentence),
            caption=doc.caption,
            article_key=doc.article_key,
            cites=list(doc.cites),
            related=citation(related) if related else None,
            exact=exact,
            paragraph=part,
            full_text=doc.text,
        )

    def _best_passage(self, doc: Doc, tokens: Sequence[str]) -> Passage:
        candidates = self.doc_passages[doc.doc_id]
        if len(candidates) <= 1 or not tokens:
            return self.first_passage[doc.doc_id]
        wanted = set(tokens)
        return max(candidates, key=lambda p: len(wanted & set(self.tokenizer.tokens(p.body))))


def _boost(fused: list[Scored], chosen: Collection[str], factor: float) -> list[Scored]:
    """The chosen documents' scores × ``factor``, best first again."""
    out = [Scored(s.doc_id, s.score * (factor if s.doc_id in chosen else 1.0), s.passage_id) for s in fused]
    return sorted(out, key=lambda s: -s.score)


def _topic_names(caption: str) -> tuple[str, ...]:
    """「臨戸（訪問）」 → (臨戸（訪問）, 臨戸, 訪問); names shorter than two characters are dropped."""
    text = normalise_text(caption)
    parts = [text, *text.replace("(", "（").replace(")", "）").replace("）", "（").split("（")]
    return tuple(dict.fromkeys(p.strip() for p in parts if len(p.strip()) >= 2))


def _lend(fused: list[Scored], links: dict[str, list[str]], share: float) -> list[Scored]:
    """Each linked document gains ``share`` × the best score among the documents linking to it
    (the best, not the sum: an article cited by many FAQ entries must not become a hub)."""
    scores = {s.doc_id: s for s in fused}
    lent: dict[str, float] = {}
    for s in fused:
        for target in links.get(s.doc_id, ()):
            lent[target] = max(lent.get(target, 0.0), share * s.score)
    for target, bonus in lent.items():
        own = scores.get(target)
        scores[target] = Scored(
            target, (own.score if own else 0.0) + bonus, own.passage_id if own else None
        )
    return sorted(scores.values(), key=lambda s: -s.score)
