"""recall@5 and MRR@10 of the search against gold (source_id, article) pairs, beside a plain
keyword baseline (BM25 over each document's text: no captions, synonyms of the shared tokenizer
only, no dense vectors, no article lookup, no notice links).

Statute questions are searched among statutes and notices; a question whose gold is only
manual sections and FAQ entries (``["manual", "8"]``, ``["faq", "Q042"]``) among those, as the
chat's manual search does."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.bm25 import BM25Retriever
from retrieval.corpus import Corpus
from retrieval.tokenizer import Tokenizer, get_tokenizer
from retrieval.types import LAW_KINDS, MANUAL_KINDS, Doc, Passage
from store.errors import InvalidInput

EVAL_DIR = Path(__file__).parent / "eval"
DEFAULT_SETS = (
    EVAL_DIR / "law_questions_dev.jsonl",
    EVAL_DIR / "law_questions_novice.jsonl",
    EVAL_DIR / "law_questions_own.jsonl",
    EVAL_DIR / "law_questions_own_holdout.jsonl",
    EVAL_DIR / "law_questions_own2.jsonl",
    EVAL_DIR / "law_questions_own2_holdout.jsonl",
    EVAL_DIR / "manual_questions.jsonl",
)
OFFICE_SOURCES = frozenset({"manual", "faq"})


@dataclass(frozen=True)
class Question:
    q: str
    gold: frozenset[tuple[str, str]]

    @property
    def kinds(self) -> tuple[str, ...]:
        """Where the question is searched: the office's manual and FAQ, or statutes."""
        return MANUAL_KINDS if {s for s, _ in self.gold} <= OFFICE_SOURCES else LAW_KINDS


@dataclass
class Metrics:
    name: str
    recall_at_5: float
    mrr_at_10: float
    questions: int
    misses: list[str] = field(default_factory=list)
    # law (a question's first gold statute; notice pages count for the law they explain)
    # → (questions found in the top 5, questions)
    per_law: dict[str, tuple[int, int]] = field(default_factory=dict)

    def law_recall(self, law: str) -> float:
        found, n = self.per_law.get(law, (0, 0))
        return found / n if n else 0.0


def _gold_order(q: Question) -> list[tuple[str, str]]:
    """Gold pairs, statutes before notice pages (their order in the file is not kept)."""
    return sorted(q.gold, key=lambda g: (g[0].startswith("nta-") or g[0] in OFFICE_SOURCES, g))


def load_questions(path: Path) -> list[Question]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InvalidInput("search.file_unreadable", file=str(path), detail=err.strerror) from None
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(Question(row["q"], frozenset((str(s), str(k)) for s, k in row["gold"])))
        except (ValueError, KeyError, TypeError):
            raise InvalidInput("search.bad_questions", file=path.name, line=n) from None
    if not out:
        raise InvalidInput("search.bad_questions", file=path.name, line=0)
    return out


def gold_key(doc: Doc) -> tuple[str, str] | None:
    """How a question file names the document: (source, article key), or for the manual and
    the FAQ (their source, section number or FAQ id)."""
    key = doc.article_key if doc.article_key is not None else (doc.article if doc.kind in ("manual", "faq") else None)
    return None if key is None else (doc.source_id, key)


def is_gold(doc: Doc, gold: frozenset[tuple[str, str]]) -> bool:
    return gold_key(doc) in gold


def score(
    name: str, rank: Callable[[Question], Sequence[str]], questions: Sequence[Question], corpus: Corpus
) -> Metrics:
    """``rank`` gives doc_ids best first for a question (searched among ``question.kinds``)."""
    hits5 = 0
    rr = 0.0
    misses = []
    per_law: dict[str, tuple[int, int]] = {}
    laws = _LawNames(corpus)
    for q in questions:
        ranked = list(rank(q))[:10]
        first = next(
            (i for i, d in enumerate(ranked, start=1) if is_gold(corpus.by_id[d], q.gold)), None
        )
        found = first is not None and first <= 5
        if found:
            hits5 += 1
        else:
            misses.append(q.q)
        if first is not None:
            rr += 1.0 / first
        law = laws(q)
        got, total = per_law.get(law, (0, 0))
        per_law[law] = (got + int(found), total + 1)
    n = len(questions)
    return Metrics(name, hits5 / n, rr / n, n, misses, per_law)


class _LawNames:
    """``question_law`` with the corpus's law names and notice links looked up once."""

    def __init__(self, corpus: Corpus) -> None:
        self.names = corpus.law_names()
        self.explains: dict[str, str] = {}
        for d in corpus.docs:
            if d.kind == "notice" and d.related_law:
                self.explains.setdefault(d.source_id, d.related_law)

    def __call__(self, q: Question) -> str:
        source = _gold_order(q)[0][0]
        if source in OFFICE_SOURCES:
            return source
        source = self.explains.get(source, source)
        return self.names.get(source, source)


class KeywordBaseline:
    """BM25 over whole documents' text, nothing else."""

    name = "keyword"

    def __init__(self, corpus: Corpus, *, tokenizer: Tokenizer | None = None) -> None:
        docs = [d for d in corpus.docs]
        passages = [Passage(d.doc_id, d.doc_id, "", d.text) for d in docs]
        self.bm25 = BM25Retriever.build(
            passages,
            kinds=[d.kind for d in docs],
            captions=[None] * len(docs),
            tokenizer=tokenizer or get_tokenizer(),
            caption_weight=1,
        )

    def rank(self, query: str, *, top: int = 10, kinds: Sequence[str] = LAW_KINDS) -> list[str]:
        return [s.doc_id for s in self.bm25.search(query, top=top, kinds=kinds)]
