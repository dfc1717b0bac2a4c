"""The fitted hours model, cached per store content: fitted once per content (a few seconds),
then shared by planning, one reassignment and the worklist's hours per case."""

from __future__ import annotations

import logging
import threading

import numpy as np
from sqlmodel import Session

from matching.office import OfficeModel, fit_office
from store import matching_queries as q

_cache_lock = threading.Lock()
_cache: dict[tuple[object, ...], OfficeModel] = {}
Fit = tuple[OfficeModel, dict[str, int], dict[str, int]]  # the model with the ids it is indexed by
# The latest fit of each store (a server has one; tests open many, hence the bound), with the
# store's aggregate fingerprint at the time: current while the fingerprint is unchanged, served
# stale while a newer one is fitted in the background.
_fits: dict[str, tuple[tuple[object, ...], Fit]] = {}
KEPT_STORES = 4
_refitting: set[str] = set()
log = logging.getLogger(__name__)


def _fingerprint(tables: q.MatchingTables) -> tuple[object, ...]:
    return (
        tuple(s.staff_id for s in tables.staff),
        tuple(s.years_experience for s in tables.staff),
        len(tables.case_ids),
        tables.log_hours.size,
        float(tables.log_hours.sum()),
        tables.reference_date,
        hash(tuple(tables.status)),
    )


def office_model(tables: q.MatchingTables) -> OfficeModel:
    """The fitted hours model of this store content (fitted once per content, a few seconds)."""
    key = _fingerprint(tables)
    with _cache_lock:
        model = _cache.get(key)
        if model is None:
            model = fit_office(tables)
            _cache.clear()
            _cache[key] = model
        return model


def store_model(session: Session, *, stale_ok: bool = False) -> Fit:
    """The fitted model and its case/staff positions, without loading the tables when the
    store's content is unchanged since the last fit.

    ``stale_ok``: when the content changed (a result recorded, a note imported) and this store
    has an earlier fit, return that one at once and fit the new one in the background, instead
    of making this request (and every one waiting on the lock) wait a few seconds for it.
    """
    key = q.content_fingerprint(session=session)
    store = _store_key(session)
    with _cache_lock:
        latest = _fits.get(store)
    if latest is not None and latest[0] == key:
        return latest[1]
    if latest is not None and stale_ok:
        _refit_in_background(session.get_bind(), store)
        return latest[1]
    return _fit_and_keep(session, key, store)


def _store_key(session: Session) -> str:
    bind = session.get_bind()
    return f"{id(bind)}:{getattr(bind, 'url', '')}"  # in-memory stores share a URL


def _fit_and_keep(session: Session, key: tuple[object, ...], store: str) -> Fit:
    tables = q.load_tables(session=session)
    entry = (
        office_model(tables),
        {c: j for j, c in enumerate(tables.case_ids)},
        {s.staff_id: i for i, s in enumerate(tables.staff)},
    )
    with _cache_lock:
        _fits.pop(store, None)
        _fits[store] = (key, entry)
        while len(_fits) > KEPT_STORES:  # the store fitted longest ago goes first
            del _fits[next(iter(_fits))]
    return entry


def _refit_in_background(bind: object, store: str) -> None:
    with _cache_lock:
        if store in _refitting:
            return
        _refitting.add(store)

    def refit() -> None:
        try:
            with Session(bind) as session:  # type: ignore[arg-type]
                _fit_and_keep(session, q.content_fingerprint(session=session), store)
        except Exception as err:  # the next request fits again (in the foreground if needed)
            log.info("background refit of the hours model failed: %s", type(err).__name__)
        finally:
            with _cache_lock:
                _refitting.discard(store)

    threading.Thread(target=refit, name="choshu-hours-refit", daemon=True).start()


def expected_hours_for(*, session: Session, staff_id: str, case_ids: list[str]) -> dict[str, float]:
    """The hours model's estimate for ``staff_id`` on each case (cases the model does not know
    are left out). Used by the worklist to rank cases by expected yield per hour."""
    om, case_pos, staff_pos = store_model(session, stale_ok=True)
    s = staff_pos.get(staff_id)
    if s is None:
        return {}
    known = [c for c in case_ids if c in case_pos]
    if not known:
        return {}
    cases = np.array([case_pos[c] for c in known])
    values = om.model.expected_hours(cases, np.full(len(known), s))
    return {c: float(v) for c, v in zip(known, values, strict=True)}
