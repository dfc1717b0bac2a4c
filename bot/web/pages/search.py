"""Search: statutes, notices, the office manual and FAQ, cited, with 👍/👎 ratings.

The searcher is a dependency (``searcher``), so the page works with any object that has the
contract's ``.search(query, *, top, kinds, ratings) -> list[Hit]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Protocol
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from bot.web.deps import CsrfChecked, CurrentStaff, DbSession
from bot.web.flash import flash
from bot.web.templating import render
from retrieval import service as retrieval
from store.errors import InvalidInput
from tools.messages import error_text

router = APIRouter()

TOP = 8
# The filter on the page → the kinds of the search.
SCOPES: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "law": ("law", "notice"),
    "manual": ("manual", "faq"),
}


class SearcherLike(Protocol):
    def search(
        self, query: str, *, top: int = 5, kinds: Any = None, ratings: Any = None
    ) -> list[Any]: ...

    def document(self, doc_id: str, *, query: str = "") -> Any: ...


SearcherFactory = Callable[[], SearcherLike]


def searcher(request: Request) -> SearcherFactory:
    """Opens the process's searcher (``retrieval.service.get_searcher``) when first asked.
    A dependency, so tests can hand in another searcher."""
    settings = request.app.state.settings
    return lambda: retrieval.get_searcher(settings=settings)


def _scope(value: str) -> str:
    return value if value in SCOPES else "all"


@router.get("/search", name="search")
def search_page(
    request: Request,
    me: CurrentStaff,
    session: DbSession,
    open_searcher: Annotated[SearcherFactory, Depends(searcher)],
    q: str = "",
    scope: str = "all",
    doc: str = "",
) -> Response:
    """The ranked hits for ``q``, each article whole with the matching sentence marked; with
    ``doc``, that one article (or section) whole: where every hit and chat answer links."""
    scope = _scope(scope)
    context: dict[str, Any] = {"active": "search", "q": q, "scope": scope, "hits": None, "doc": doc}
    query = q.strip()
    if doc:
        try:
            context["hits"] = [open_searcher().document(doc, query=query)]
        except InvalidInput as err:
            context["error"] = error_text(err)
    elif query:
        ratings = retrieval.ratings_signals(session=session)
        try:
            context["hits"] = open_searcher().search(
                query, top=TOP, kinds=SCOPES[scope], ratings=ratings
            )
        except InvalidInput as err:
            context["error"] = error_text(err)
    return render(request, "search.html", context)


@router.post("/search/rate", dependencies=[CsrfChecked])
def rate(
    request: Request,
    me: CurrentStaff,
    session: DbSession,
    doc_id: Annotated[str, Form()],
    query: Annotated[str, Form()],
    value: Annotated[int, Form()],
    scope: Annotated[str, Form()] = "all",
) -> Response:
    """👍 (+1) / 👎 (-1) on one hit; later searches for similar questions use it."""
    retrieval.rate(
        session=session,
        doc_id=doc_id,
        query=query,
        value=value,
        staff_id=me.staff_id,
        surface="web",
    )
    flash(request, "web.search.rated_up" if value > 0 else "web.search.rated_down")
    target = "/search?" + urlencode({"q": query, "scope": _scope(scope)})
    return RedirectResponse(target, status_code=303)
