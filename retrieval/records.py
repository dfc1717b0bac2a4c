"""One line of ``laws.jsonl`` (the bundled statutes, ``choshu corpus add``) or one parsed e-Gov
article, as a :class:`~retrieval.types.Doc`."""

from __future__ import annotations

import json
from pathlib import Path

from retrieval.types import Doc


def record_to_doc(rec: dict) -> Doc:
    """One line of laws.jsonl (or a parsed e-Gov article) as a Doc."""
    is_notice = rec.get("kind") == "notice"
    key = rec.get("related_article") if is_notice else rec.get("article_key")
    return Doc(
        doc_id=f"{rec['source_id']}:{key or rec['article']}",
        kind="notice" if is_notice else "law",
        source_id=rec["source_id"],
        title=rec["law_name"],
        text=rec["text"],
        article=rec.get("article"),
        article_key=key,
        caption=rec.get("caption"),
        related_law=rec.get("related_law"),
        law_kind=rec.get("kind"),
    )


def load_jsonl(path: Path) -> list[Doc]:
    with path.open(encoding="utf-8") as fh:
        return [record_to_doc(json.loads(line)) for line in fh if line.strip()]
