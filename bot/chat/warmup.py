"""Load what the first chat turns would otherwise load while people wait: the dispatcher, the
office prepared for the recommender, the recommender's model and the office's hardship flag
as of today, the search index and its embedding model, the office's hours model.

Started in a background thread by the web app at startup (its pages use the same pieces) and by
each turn process (:mod:`bot.chat.pool`); a failure is logged (its type only)
and left to the first turn that needs the piece, which loads it as before.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from store.settings import Settings

log = logging.getLogger(__name__)

# Each step imports its piece itself (lazily): the warm-up thread pays for the heavy libraries,
# not the import of the web app.


def warm(app: Any, settings: Settings) -> None:
    from bot.chat.service import dispatcher_for
    from bot.surfaces import SURFACES

    started = time.perf_counter()
    # The dispatcher only where this process answers the turns (no turn processes).
    if getattr(app.state, "turn_pool", None) is None:
        dispatcher_for(app, settings)
    steps = _engine_steps(app.state.engine, settings)
    for surface in SURFACES:  # each surface loads what it needs, when it is configured
        if surface.warm is not None:
            steps.append((surface.name, functools.partial(surface.warm, app, settings)))
    _run(steps, started)


def warm_engines(engine: Any, settings: Settings) -> None:
    """What a turn process loads (:mod:`bot.chat.pool`)."""
    _run(_engine_steps(engine, settings), time.perf_counter())


def _engine_steps(engine: Any, settings: Settings) -> list[tuple[str, Callable[[], None]]]:
    return [
        ("office", lambda: _office(engine)),
        ("recommender", lambda: _recommender(engine, settings)),
        ("search", lambda: _search(settings)),
        ("hours", lambda: _hours(engine)),
    ]


def _run(steps: list[tuple[str, Callable[[], None]]], started: float) -> None:
    for name, step in steps:
        try:
            step()
        except Exception as err:  # a missing model or index: the first turn says what to do
            log.info("warm-up of %s skipped: %s", name, type(err).__name__)
    log.info("warm-up done in %.1f s", time.perf_counter() - started)


def start(app: Any, settings: Settings) -> threading.Thread:
    return _in_background(warm, app, settings)


def start_engines(engine: Any, settings: Settings) -> threading.Thread:
    return _in_background(warm_engines, engine, settings)


def _in_background(target: Callable[..., None], *args: Any) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, name="choshu-warmup", daemon=True)
    thread.start()
    return thread


def _office(engine: Any) -> None:
    from investigation.service import office_of

    with Session(engine) as session:
        office_of(session=session)


def _recommender(engine: Any, settings: Settings) -> None:
    """The saved model (read once per process) and the hardship flag fitted on the office as
    of today: the first targets question paid for both (0.4 s here, every other targets
    question of the process waiting meanwhile)."""
    from investigation import model
    from investigation.hardship_model import hardship_model
    from investigation.service import as_of_date, office_of

    model.load(settings.models_dir)  # none yet: skipped, the first question says what to do
    with Session(engine) as session:
        office = office_of(session=session)
    hardship_model(office, as_of_date(office))


def _hours(engine: Any) -> None:
    """The office's hours model (a few seconds), which the worklist ranks by."""
    from matching.fitted import store_model

    with Session(engine) as session:
        store_model(session)


def _search(settings: Settings) -> None:
    from retrieval.service import get_searcher, search_law

    if (settings.index_dir / "meta.json").exists():  # never build the index here
        search_law(settings=settings, query="差押禁止", top=1)
        get_searcher(settings=settings).warm_sentences()
