"""What tools/, the dashboard and the CLI call: load from the store, run the pure core, return
plain dataclasses.

The prepared office is cached per process and reloaded when the store's rows change
(``data_version``); the model is cached by path and modification time (``model.load``).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
from sqlalchemy import event
from sqlmodel import Session

from investigation import engine, model
from investigation.inquiries import plan_inquiries
from investigation.office import Office, prepare
from investigation.types import CaseRecommendation, InquiryRow
from store import investigation_queries as q
from store.errors import InvalidInput, NotFound
from store.ids import parse_case_id
from store.models import Investigation

# engine url → (data version, when it was last checked, the prepared office)
_OFFICE: dict[str, tuple[tuple[int, ...], float, Office]] = {}
# How long a checked office is trusted without asking the store again (a chat burst of
# questions costs one check); results recorded through this process invalidate it at once, and
# a one-case view compares its taxpayer's results with the store's (one indexed query): one
# recorded through another process shows on the very next case page or question.
RECHECK_SECONDS = 2.0
# engine url → how many writes through this process have invalidated its office: an office
# prepared while one of them was under way is not kept (it may predate the write's commit).
_WRITES: dict[str, int] = {}


def office_of(*, session: Session, fresh: bool = False) -> Office:
    """The office prepared for the engine, cached until the store's rows change."""
    key = _key(session)
    now = time.monotonic()
    cached = _OFFICE.get(key)
    if cached is not None and not fresh and now - cached[1] < RECHECK_SECONDS:
        return cached[2]
    writes = _WRITES.get(key, 0)
    version = q.data_version(session=session)
    if cached is not None and cached[0] == version:
        office = cached[2]
    else:
        office = prepare(q.load_office(session=session))
    if _WRITES.get(key, 0) == writes:
        _OFFICE[key] = (version, now, office)
    return office


def _forget_office(session: Session) -> None:
    """A write through ``session``: the cached office is dropped now and again once the write is
    committed (a reader may have prepared it from the rows before the commit in between)."""

    def forget(_session: object = None) -> None:
        key = _key(session)
        _WRITES[key] = _WRITES.get(key, 0) + 1
        _OFFICE.pop(key, None)

    forget()
    event.listen(session, "after_commit", forget, once=True)


def _key(session: Session) -> str:
    bind = session.get_bind()
    return str(getattr(bind, "url", id(bind)))


def as_of_date(office: Office, today: dt.date | None = None) -> int:
    """Predictions look at everything recorded up to and including today."""
    last = max(
        int(office.t.inv_date.max()) if len(office.t.inv_date) else 0,
        int(office.t.note_date.max()) if len(office.t.note_date) else 0,
    )
    return max((today or dt.date.today()).toordinal(), last) + 1


def _case_positions(office: Office, case_ids: list[str]) -> list[int]:
    out = []
    for cid in case_ids:
        c = office.t.case_index.get(cid)
        if c is None:
            raise NotFound(what="case", ident=cid)
        out.append(c)
    return out


def recommend_cases(
    *, session: Session, case_ids: list[str], model_dir: Path, top: int = 5, today: dt.date | None = None
) -> list[CaseRecommendation]:
    """Ranked targets for each case (ids already normalised); unknown ids raise NotFound."""
    if top < 1:
        raise InvalidInput("recommend.bad_top", top=top)
    m = model.load(model_dir)
    office = office_of(session=session)
    return engine.recommend(office, _case_positions(office, case_ids), as_of_date(office, today), m, top=top)


def chances(
    *, session: Session, case_ids: list[str], model_dir: Path, top: int, today: dt.date | None = None
) -> dict[str, engine.Chance]:
    """Per case id (normalised): the chance that its top ``top`` inquiries find an asset, the
    first one's kind and the hardship flag, as its recommendation ranks them."""
    m = model.load(model_dir)
    office = office_of(session=session)
    cases = _case_positions(office, case_ids)
    found = engine.chances(office, cases, as_of_date(office, today), m, top=top)
    return dict(zip(case_ids, found, strict=True))


def unknown_case_ids(*, session: Session, case_ids: list[str]) -> list[str]:
    """The ids (normalised) that name no case of the office."""
    office = office_of(session=session)
    return [c for c in case_ids if c not in office.t.case_index]


def recommend_case(*, session: Session, case_id: str, model_dir: Path, top: int = 5) -> CaseRecommendation:
    """Ranked targets with reasons and the hardship triage of one case, with its taxpayer's
    results as they are now: one recorded a moment ago through another process (a turn
    process, another replica) is among the assets already held, not a target to ask."""
    if top < 1:
        raise InvalidInput("recommend.bad_top", top=top)
    cid = parse_case_id(case_id)
    m = model.load(model_dir)
    office = office_of(session=session)
    if _results_version(office, cid) != q.results_version(session=session, case_id=cid):
        office = office_of(session=session, fresh=True)
    return engine.recommend(office, _case_positions(office, [cid]), as_of_date(office), m, top=top)[0]


def _results_version(office: Office, case_id: str) -> tuple[int, int] | None:
    """:func:`store.investigation_queries.results_version` as the prepared office has it."""
    t = office.t
    c = t.case_index.get(case_id)
    if c is None:
        return None
    rows = np.isin(t.inv_case, np.flatnonzero(t.case_tp == t.case_tp[c]))
    return int(rows.sum()), int(t.inv_row[rows].max()) if rows.any() else 0


def open_case_ids(*, session: Session) -> list[str]:
    return q.open_case_ids(session=session)


def record_result(
    *,
    session: Session,
    case_id: str,
    target_kind: str,
    target_id: str | None,
    result: str,
    staff_id: str | None,
    surface: str,
    amount: int | None = None,
    supersedes: int | None = None,
) -> int:
    """Write an investigation result recorded by a staff member (training data on the next
    train). Returns the row's id: the stored one when the same fact (case, day, target, result,
    amount, staff member) was already recorded or imported, so a double click writes one row.
    ``supersedes``: the id of the active row this one corrects (kept, marked superseded)."""
    _forget_office(session)
    old = None
    if supersedes is not None:
        old = session.get(Investigation, supersedes)
        if old is None or old.state != q.ACTIVE:
            raise InvalidInput("result.stale")
        q.retire_investigation(session=session, row=old, state="superseded", by=staff_id)
    row = q.add_investigation_result(
        session=session,
        case_id=parse_case_id(case_id),
        target_kind=target_kind,
        target_id=target_id,
        result=result,
        staff_id=staff_id,
        surface=surface,
        amount=amount,
    )
    if old is not None:
        old.superseded_by = row.id
        session.add(old)
        session.flush()
    return int(row.id or 0)


def undo_result(*, session: Session, result_id: int, staff_id: str | None) -> list[int]:
    """取り消し of an active result (the row stays, marked undone); the rows it had corrected
    come back. Returns the ids brought back."""
    _forget_office(session)
    row = session.get(Investigation, result_id)
    if row is None:
        raise NotFound(what="investigation", ident=str(result_id))
    if row.state != q.ACTIVE:
        raise InvalidInput(f"result.already_{row.state}", date=row.date.isoformat())
    q.retire_investigation(session=session, row=row, state="undone", by=staff_id)
    return [int(r.id or 0) for r in q.restore_superseded(session=session, by_id=result_id, by=staff_id)]


def train(*, session: Session, model_dir: Path, seed: int = 0) -> model.ModelCard:
    """Fit on the whole history and save with its model card."""
    office = office_of(session=session)
    ts = engine.training_set(office)
    fitted = model.fit(ts.X, ts.y, ts.dates, cases=ts.cases, seed=seed, weight=ts.weight, real=ts.real, group=ts.group)
    model.save(fitted, model_dir)
    return fitted.card


def inquiries(
    *, session: Session, model_dir: Path, budget_yen: int, today: dt.date | None = None
) -> list[InquiryRow]:
    """The 電子照会 batch: deposit inquiries over all open cases with the most expected
    accounts found per yen, within the budget."""
    if budget_yen < 0:
        raise InvalidInput("recommend.bad_budget", budget=budget_yen)
    m = model.load(model_dir)
    office = office_of(session=session)
    cases = [office.t.case_index[c] for c in q.open_case_ids(session=session)]
    scored = engine.score_candidates(office, cases, as_of_date(office, today), m)
    return plan_inquiries(office, scored.cand.case, scored.cand.target, scored.score, budget_yen)
