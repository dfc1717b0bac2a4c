"""Search the statutes, notices, the office manual and the FAQ; one document whole; rate a hit.
Nothing here reads taxpayer data: searches are not audited, ratings are."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol

from sqlmodel import Session

from retrieval.types import LAW_KINDS, MANUAL_KINDS, Hit, RatingSignal
from store.settings import Settings
from tools import audit
from tools.actor import Actor

LAW = LAW_KINDS  # statutes and notices (search_law)
MANUAL = MANUAL_KINDS  # the office manual and FAQ (lookup_manual)


class SearcherLike(Protocol):
    """What a search needs (``retrieval.search.Searcher``; the web page's tests hand in another)."""

    def search(
        self,
        query: str,
        *,
        top: int = 5,
        kinds: Sequence[str] | None = None,
        ratings: Sequence[RatingSignal] | None = None,
        reduced: bool = False,
    ) -> list[Hit]: ...

    def document(self, doc_id: str, *, query: str = "") -> Hit: ...


def _searcher(settings: Settings, searcher: SearcherLike | None) -> SearcherLike:
    from retrieval.service import get_searcher

    return searcher if searcher is not None else get_searcher(settings=settings)


def search(
    *,
    actor: Actor,
    session: Session | None,
    settings: Settings,
    query: str,
    kinds: tuple[str, ...] | None = None,
    top: int = 5,
    searcher: SearcherLike | None = None,
    reduced: bool = False,
) -> list[Hit]:
    """The ranked hits for ``query`` among ``kinds`` (None: everything), re-ranked by the
    staff's 👍/👎 when there is a store. ``reduced``: the quicker search without e5 (see
    :func:`reduces`)."""
    from retrieval.service import ratings_signals

    ratings = ratings_signals(session=session) if session is not None else None
    more = {"reduced": True} if reduced else {}  # a searcher without a reduced form is asked as before
    hits = _searcher(settings, searcher).search(query, top=top, kinds=kinds, ratings=ratings, **more)
    return [laid_out(h) for h in hits]


def reduces(*, settings: Settings, query: str, searcher: SearcherLike | None = None) -> bool:
    """Whether the reduced search of ``query`` would spare anything (e5 on, on this platform,
    and the question not encoded before); a searcher without a reduced form: False."""
    found = _searcher(settings, searcher)
    check = getattr(found, "reduces", None)
    return bool(check(query)) if check is not None else False


def document(
    *,
    actor: Actor,
    settings: Settings,
    doc_id: str,
    query: str = "",
    searcher: SearcherLike | None = None,
) -> Hit:
    """One article, notice page, manual section or FAQ answer whole, the sentence that answered
    ``query`` marked (「全文を見る」, the search page's article view)."""
    return laid_out(_searcher(settings, searcher).document(doc_id, query=query))


def laid_out(hit: Hit) -> Hit:
    """A statute's hit as people read it: the paragraph shown and the whole article with every
    項 and 号 numbered (the corpus's copies lost the numbers); other hits as they are."""
    if hit.kind != "law" or not hit.full_text:
        return hit
    from retrieval.layout import numbered_part, numbered_text

    part = numbered_part(hit.full_text, hit.paragraph) if hit.paragraph else hit.paragraph
    return dataclasses.replace(hit, paragraph=part, full_text=numbered_text(hit.full_text))


def rate(
    *,
    actor: Actor,
    session: Session,
    settings: Settings,
    doc_id: str,
    query: str,
    value: int,
    action: str = "rate",
) -> None:
    """A 👍 (+1) / 👎 (-1) on one hit, kept for the re-ranking of later searches (audited)."""
    from retrieval.service import rate as store_rating

    store_rating(
        session=session,
        doc_id=doc_id,
        query=query,
        value=value,
        staff_id=actor.staff_id,
        surface=actor.surface,
    )
    audit.write(session=session, actor=actor, action=action, detail=f"{doc_id}:{value:+d}")
