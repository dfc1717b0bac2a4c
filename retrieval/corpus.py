"""The corpus: bundled statutes and notices, the office's manual and FAQ, and additions.

Sources, in order (a later statute with the same source_id replaces the earlier one):
1. ``retrieval/corpus/laws.jsonl`` (bundled), ``manual.md``, ``faq.csv`` (unless
   ``CHOSHU_CORPUS_BUNDLED=false``);
2. ``CHOSHU_CORPUS_DIR`` (e-Gov XML, ``*.jsonl`` in the laws.jsonl format, ``*.md`` manuals,
   ``faq*.csv``), when set;
3. ``CHOSHU_HOME/corpus/laws/*.jsonl`` (statutes added with ``choshu corpus add``) and
   ``CHOSHU_HOME/corpus/faq.csv`` (an imported FAQ, which replaces the bundled one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.cite import citation
from retrieval.egov import parse_egov_file
from retrieval.faq import load_faq
from retrieval.manual import load_manual
from retrieval.records import load_jsonl
from retrieval.types import Doc, Passage

BUNDLED_DIR = Path(__file__).parent / "corpus"
PASSAGE_CHARS = 600


@dataclass
class Corpus:
    docs: list[Doc]
    by_id: dict[str, Doc] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {d.doc_id: d for d in self.docs}

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for d in self.docs:
            h.update(d.doc_id.encode())
            h.update(hashlib.sha1((d.title + (d.caption or "") + d.text).encode()).digest())
        return h.hexdigest()[:20]

    def law_names(self) -> dict[str, str]:
        return {d.source_id: d.title for d in self.docs if d.kind in ("law", "notice")}

    def passages(self) -> list[Passage]:
        return [p for d in self.docs for p in passages(d)]


def unique_ids(docs: Iterable[Doc]) -> list[Doc]:
    """Give repeated doc_ids (supplementary provisions numbered again) a ``~n`` suffix."""
    seen: dict[str, int] = {}
    out = []
    for d in docs:
        n = seen.get(d.doc_id, 0)
        seen[d.doc_id] = n + 1
        if n:
            d = Doc(**{**d.__dict__, "doc_id": f"{d.doc_id}~{n + 1}"})
        out.append(d)
    return out


def load_corpus(
    *, home: Path, extra_dir: Path | None = None, bundled: Path | None = BUNDLED_DIR
) -> Corpus:
    laws: dict[str, list[Doc]] = {}

    def add_laws(docs: list[Doc]) -> None:
        by_source: dict[str, list[Doc]] = {}
        for d in docs:
            by_source.setdefault(d.source_id, []).append(d)
        laws.update(by_source)

    manual: list[Doc] = []
    faq_path: Path | None = None
    if bundled is not None:
        add_laws(load_jsonl(bundled / "laws.jsonl"))
        manual = load_manual(bundled / "manual.md") if (bundled / "manual.md").exists() else []
        faq_path = bundled / "faq.csv"
    if extra_dir is not None and extra_dir.is_dir():
        for jsonl in sorted(extra_dir.glob("*.jsonl")):
            add_laws(load_jsonl(jsonl))
        for xml in sorted(extra_dir.glob("*.xml")):
            add_laws(parse_egov_file(xml))
        for md in sorted(extra_dir.glob("*.md")):
            manual += load_manual(md)
        extra_faqs = sorted(extra_dir.glob("faq*.csv"))
        if extra_faqs:
            faq_path = extra_faqs[-1]
    added = home / "corpus" / "laws"
    if added.is_dir():
        for path in sorted(added.glob("*.jsonl")):
            add_laws(load_jsonl(path))
    if (home / "corpus" / "faq.csv").exists():
        faq_path = home / "corpus" / "faq.csv"
    faq = load_faq(faq_path) if faq_path is not None and faq_path.exists() else []
    docs = [d for group in laws.values() for d in group] + manual + faq
    return Corpus(unique_ids(docs))


def passages(doc: Doc, size: int = PASSAGE_CHARS) -> Iterator[Passage]:
    """Cut a document at line ends into passages of about ``size`` characters; each keeps the
    document's citation as its header so a passage alone still says where it comes from."""
    header = citation(doc)
    body_lines = [ln for ln in doc.text.splitlines() if ln.strip()] or [doc.text]
    if doc.kind == "faq":  # the question is the FAQ's caption: keep it with the answer
        header = f"{header}\n{doc.title}"
    buf: list[str] = []
    size_now = 0
    n = 0
    for line in _split_long(body_lines, size):
        if buf and size_now + len(line) > size:
            yield Passage(f"{doc.doc_id}#{n}", doc.doc_id, header, "\n".join(buf))
            n += 1
            buf, size_now = [], 0
        buf.append(line)
        size_now += len(line)
    if buf or n == 0:
        yield Passage(f"{doc.doc_id}#{n}", doc.doc_id, header, "\n".join(buf))


def _split_long(lines: list[str], size: int) -> Iterator[str]:
    for line in lines:
        while len(line) > size * 2:
            cut = max(line.rfind("。", 0, size) + 1, size // 2)
            yield line[:cut]
            line = line[cut:]
        yield line
