"""The one interface every retriever implements (BM25, Chroma, the hybrid)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol, runtime_checkable

from retrieval.types import Scored


@runtime_checkable
class Retriever(Protocol):
    """Ranks documents for a query: best first, one result per document, at most ``top``.

    ``kinds`` keeps only documents of those kinds (law, notice, manual, faq).
    """

    name: str

    def search(
        self, query: str, *, top: int = 10, kinds: Collection[str] | None = None
    ) -> list[Scored]: ...
