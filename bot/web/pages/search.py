"""Search: statutes, notices, the office manual and FAQ, cited, with 👍/👎 ratings.

The searcher is a dependency (``searcher``), so the page works with any object that has the
contract's ``.search(query, *, top, kinds, ratings) -> list[Hit]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from bot.web import access
from bot.web.deps import CsrfChecked, CurrentStaff, DbSession, get_settings_dep
from bot.web.flash import flash
from bot.web.templating import render
from retrieval import service as retrieval
from store.errors import InvalidInput
from store.settings import Settings
from tools.messages import error_text
from tools.usecases import search
from tools.usecases.search import SearcherLike

router = APIRouter()
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]

TOP = 8
# The filter on the page → the kinds of the search.
SCOPES: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "law": search.LAW,
    "manual": search.MANUAL,
}


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
    settings: SettingsDep,
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
    actor = access.actor_of(me)
    if doc:
        try:
            hit = search.document(
                actor=actor, settings=settings, doc_id=doc, query=query, searcher=open_searcher()
            )
            context["hits"] = [hit]
        except InvalidInput as err:
            context["error"] = error_text(err)
    elif query:
        try:
            context["hits"] = search.search(
                actor=actor, session=session, settings=settings, query=query, kinds=SCOPES[scope],
                top=TOP, searcher=open_searcher(),
            )
        except InvalidInput as err:
            context["error"] = error_text(err)
    return render(request, "search.html", context)


@router.post("/search/rate", dependencies=[CsrfChecked])
def rate(
    request: Request,
    me: CurrentStaff,
    session: DbSession,
    settings: SettingsDep,
    doc_id: Annotated[str, Form()],
    query: Annotated[str, Form()],
    value: Annotated[int, Form()],
    scope: Annotated[str, Form()] = "all",
) -> Response:
    """👍 (+1) / 👎 (-1) on one hit; later searches for similar questions use it."""
    search.rate(
        actor=access.actor_of(me), session=session, settings=settings, doc_id=doc_id, query=query,
        value=value, action="web.rate",
    )
    flash(request, "web.search.rated_up" if value > 0 else "web.search.rated_down")
    target = "/search?" + urlencode({"q": query, "scope": _scope(scope)})
    return RedirectResponse(target, status_code=303)
