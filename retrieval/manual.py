"""The office's procedure manual: Markdown, one document per section (## and ### headings).

A section names the articles it rests on in a line ``根拠: 国税徴収法47条、地方税法331条``.
"""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.types import Doc

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*$")
_SECTION_NO = re.compile(r"^([0-9０-９]+(?:[.．][0-9０-９]+)*)[.．]?\s+(.+)$")
_BASIS = re.compile(r"^\s*[-*]?\s*根拠[:：]\s*(.+)$")


def split_cites(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in re.split(r"[、,;；]", text) if c.strip())


def parse_manual(text: str, *, source_id: str) -> list[Doc]:
    title = source_id
    docs: list[Doc] = []
    heading: str | None = None
    number: str | None = None
    body: list[str] = []
    cites: list[str] = []

    def flush() -> None:
        content = "\n".join(body).strip()
        if heading and content:
            docs.append(
                Doc(
                    doc_id=f"manual:{source_id}:{number or len(docs) + 1}",
                    kind="manual",
                    source_id=source_id,
                    title=title,
                    text=content,
                    article=number,
                    caption=heading,
                    cites=tuple(dict.fromkeys(cites)),
                )
            )

    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            level, words = len(match.group(1)), match.group(2)
            if level == 1:
                title = words
                continue
            flush()
            numbered = _SECTION_NO.match(words)
            number, heading = (numbered.group(1), numbered.group(2)) if numbered else (None, words)
            body, cites = [], []
            continue
        basis = _BASIS.match(line)
        if basis:
            cites += split_cites(basis.group(1))
            continue
        body.append(line)
    flush()
    return docs


def load_manual(path: Path) -> list[Doc]:
    return parse_manual(path.read_text(encoding="utf-8"), source_id=path.stem)
