"""The office FAQ as CSV (``id, question, answer, tags, cites``): load, export and import.

Offices share their FAQ by exporting it and importing another office's file; an imported FAQ
is validated whole before it replaces the current one, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from retrieval.manual import split_cites
from retrieval.types import Doc
from store.csvfile import csv_text, restore_cell
from store.errors import InvalidInput

FIELDS = ("id", "question", "answer", "tags", "cites")
REQUIRED = ("question", "answer")


def parse_faq(text: str, *, name: str = "faq.csv") -> list[Doc]:
    """Rows → Docs; every bad row is reported (``file:line: column: reason``), none loaded."""
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InvalidInput(
            "search.faq_bad", file=name, detail=f"missing column {', '.join(missing)}"
        )
    docs, problems, seen = [], [], set()
    for n, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): restore_cell((v or "").strip()) for k, v in raw.items()}
        for col in REQUIRED:
            if not row.get(col):
                problems.append(f"{name}:{n}: {col}: empty")
        ident = row.get("id") or f"Q{n - 1}"
        if ident in seen:
            problems.append(f"{name}:{n}: id: duplicate {ident}")
        seen.add(ident)
        if problems:
            continue
        docs.append(
            Doc(
                doc_id=f"faq:{ident}",
                kind="faq",
                source_id="faq",
                title=row["question"],
                text=row["answer"],
                article=ident,
                caption=row["question"],
                cites=split_cites(row.get("cites", "")),
                tags=tuple(t for t in split_cites(row.get("tags", "").replace(" ", ";")) if t),
            )
        )
    if problems:
        raise InvalidInput("search.faq_bad", file=name, detail="; ".join(problems[:10]))
    if not docs:
        raise InvalidInput("search.faq_bad", file=name, detail="no rows")
    return docs


def load_faq(path: Path) -> list[Doc]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InvalidInput("search.file_unreadable", file=str(path), detail=err.strerror) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932", errors="strict")
    return parse_faq(text, name=path.name)


def faq_csv(docs: list[Doc]) -> str:
    """The FAQ entries of ``docs`` as CSV text (UTF-8, header row)."""
    rows = [[d.article, d.title, d.text, ";".join(d.tags), "、".join(d.cites)] for d in docs if d.kind == "faq"]
    return csv_text(FIELDS, rows)  # the one CSV writer (formula cells neutralised)


def import_faq(*, source: Path, home: Path) -> int:
    """Validate ``source`` whole, then make it the office FAQ (CHOSHU_HOME/corpus/faq.csv)."""
    docs = load_faq(source)
    target = home / "corpus" / "faq.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(faq_csv(docs), encoding="utf-8")
    tmp.replace(target)
    return len(docs)
