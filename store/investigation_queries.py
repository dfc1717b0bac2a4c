"""Queries of the investigation engine: the whole office in bulk as plain arrays, one case's
identity, and writing a result recorded by staff.

The bulk loader reads each table with one SELECT of the needed columns and turns ids into
integer indexes, so that the engine can work on numpy arrays (all open cases of a
35,000-case office in seconds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store.errors import InvalidInput, NotFound
from store.importer.rowhash import investigation_row_hash
from store.models import (
    INSTITUTION_TARGETS,
    INVESTIGATION_RESULTS,
    SURFACES,
    TARGET_KINDS,
    Area,
    Branch,
    Case,
    Employer,
    Institution,
    Investigation,
    Note,
    Staff,
    Taxpayer,
    utcnow,
)

NAN = float("nan")
ACTIVE = "active"  # Investigation.state of a row that counts


@dataclass
class OfficeTables:
    """The office as arrays. Ids become positions; ``*_idx`` arrays hold positions (-1 = none).

    Dates are ``date.toordinal()`` integers. Unknown numbers are NaN, never zero.
    """

    area_ids: list[str]
    area_names: list[str]
    area_lat: np.ndarray
    area_lon: np.ndarray

    inst_ids: list[str]
    inst_kind: list[str]
    inst_name: list[str]
    inst_electronic: np.ndarray  # float: 1, 0 or NaN
    inst_cost: np.ndarray  # float yen or NaN

    branch_inst: np.ndarray  # int
    branch_lat: np.ndarray
    branch_lon: np.ndarray
    branch_name: list[str]

    emp_ids: list[str]
    emp_names: list[str]
    emp_lat: np.ndarray  # the employer's own point, else its 町丁目's, else NaN
    emp_lon: np.ndarray
    emp_industry: list[str | None]
    emp_in_ward: np.ndarray  # 1 when the employer has a 町丁目 of the office, else 0

    tp_ids: list[str]
    tp_birth: np.ndarray  # int ordinal
    tp_area: np.ndarray  # int
    tp_emp: np.ndarray  # int, -1 = no employer on record
    tp_household: np.ndarray
    tp_income_salary: np.ndarray
    tp_income_business: np.ndarray
    tp_income_pension: np.ndarray
    tp_income_real_estate: np.ndarray
    tp_fixed_asset: np.ndarray  # 1 / 0 / NaN
    tp_light_vehicle: np.ndarray
    tp_welfare: np.ndarray  # 1 / 0 / NaN
    tp_name: list[str | None]
    tp_name_kana: list[str | None]
    tp_address: list[str | None]

    case_ids: list[str]
    case_tp: np.ndarray  # int
    case_status: list[str]
    case_amount: np.ndarray

    inv_case: np.ndarray  # int
    inv_date: np.ndarray  # int ordinal
    inv_kind: list[str]
    inv_target_id: list[str]  # "" when the contract leaves it empty
    inv_found: np.ndarray  # bool

    note_case: np.ndarray  # int
    note_date: np.ndarray  # int ordinal
    note_text: list[str]

    case_index: dict[str, int] = field(default_factory=dict)
    # each investigation's row id (:func:`results_version` compares a taxpayer's rows with them)
    inv_row: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        if not self.case_index:
            self.case_index = {c: i for i, c in enumerate(self.case_ids)}


def _rows(session: Session, *columns: Any) -> list[Any]:
    """A wide SELECT through the core API (sqlmodel's ``select`` is typed for four columns)."""
    return list(session.connection().execute(sa_select(*columns)).all())


def _f(value: float | int | bool | None) -> float:
    return NAN if value is None else float(value)


def load_office(*, session: Session) -> OfficeTables:
    """Every table the recommender needs, in bulk."""
    places, area_index = _places(session)
    employers, emp_index = _employers(session, area_index, places["area_lat"], places["area_lon"])
    taxpayers, tp_index = _taxpayers(session, area_index, emp_index)
    return OfficeTables(**places, **employers, **taxpayers, **_cases_and_history(session, tp_index))


def _places(session: Session) -> tuple[dict[str, Any], dict[str, int]]:
    """Areas (町丁目), institutions and their branches (placed at their area's centre when they
    have no coordinates); and the position of each area code."""
    areas = session.exec(select(Area.area_code, Area.name, Area.lat, Area.lon)).all()
    area_index = {a[0]: i for i, a in enumerate(areas)}
    area_lat = np.array([_f(a[2]) for a in areas], dtype=float)
    area_lon = np.array([_f(a[3]) for a in areas], dtype=float)

    insts = sorted(
        _rows(
            session,
            Institution.institution_id,
            Institution.kind,
            Institution.name,
            Institution.electronic_inquiry,
            Institution.inquiry_cost_yen,
        )
    )
    inst_index = {r[0]: i for i, r in enumerate(insts)}

    branches = session.exec(select(Branch).order_by(Branch.branch_id)).all()
    b_inst, b_lat, b_lon, b_name = [], [], [], []
    for iid, acode, lat, lon, bname in ((b.institution_id, b.area_code, b.lat, b.lon, b.name) for b in branches):
        if iid not in inst_index:
            continue
        ai = area_index.get(acode, -1)
        if lat is None and ai >= 0:
            lat, lon = area_lat[ai], area_lon[ai]
        b_inst.append(inst_index[iid])
        b_lat.append(_f(lat))
        b_lon.append(_f(lon))
        b_name.append(bname)
    fields = dict(
        area_ids=[a[0] for a in areas],
        area_names=[a[1] for a in areas],
        area_lat=area_lat,
        area_lon=area_lon,
        inst_ids=[r[0] for r in insts],
        inst_kind=[r[1] for r in insts],
        inst_name=[r[2] for r in insts],
        inst_electronic=np.array([_f(r[3]) for r in insts], dtype=float),
        inst_cost=np.array([_f(r[4]) for r in insts], dtype=float),
        branch_inst=np.array(b_inst, dtype=np.int64),
        branch_lat=np.array(b_lat, dtype=float),
        branch_lon=np.array(b_lon, dtype=float),
        branch_name=b_name,
    )
    return fields, area_index


def _employers(
    session: Session, area_index: dict[str, int], area_lat: np.ndarray, area_lon: np.ndarray
) -> tuple[dict[str, Any], dict[str, int]]:
    """Employers (placed at their area's centre when they have no coordinates); and the
    position of each employer id."""
    emps = _rows(
        session, Employer.employer_id, Employer.name, Employer.area_code, Employer.lat, Employer.lon, Employer.industry
    )
    emp_index = {r[0]: i for i, r in enumerate(emps)}
    emp_lat, emp_lon = [], []
    for _eid, _name, acode, lat, lon, _industry in emps:
        ai = area_index.get(acode, -1) if acode else -1
        if lat is None and ai >= 0:
            lat, lon = area_lat[ai], area_lon[ai]
        emp_lat.append(_f(lat))
        emp_lon.append(_f(lon))
    fields = dict(
        emp_ids=[r[0] for r in emps],
        emp_names=[r[1] for r in emps],
        emp_lat=np.array(emp_lat, dtype=float),
        emp_lon=np.array(emp_lon, dtype=float),
        emp_industry=[r[5] for r in emps],
        emp_in_ward=np.array([1.0 if r[2] in area_index else 0.0 for r in emps], dtype=float),
    )
    return fields, emp_index


def _taxpayers(
    session: Session, area_index: dict[str, int], emp_index: dict[str, int]
) -> tuple[dict[str, Any], dict[str, int]]:
    """Taxpayers with their area, employer and declared incomes; and the position of each
    taxpayer id."""
    tps = _rows(
        session,
        Taxpayer.taxpayer_id,
        Taxpayer.birth_date,
        Taxpayer.area_code,
        Taxpayer.employer_id,
        Taxpayer.household_size,
        Taxpayer.income_salary,
        Taxpayer.income_business,
        Taxpayer.income_pension,
        Taxpayer.income_real_estate,
        Taxpayer.fixed_asset_tax,
        Taxpayer.light_vehicle_tax,
        Taxpayer.welfare_recipient,
        Taxpayer.name,
        Taxpayer.name_kana,
        Taxpayer.address,
    )
    tp_index = {r[0]: i for i, r in enumerate(tps)}

    def col(k: int) -> np.ndarray:
        return np.array([_f(r[k]) for r in tps], dtype=float)

    fields = dict(
        tp_ids=[r[0] for r in tps],
        tp_birth=np.array([r[1].toordinal() for r in tps], dtype=np.int64),
        tp_area=np.array([area_index.get(r[2], -1) for r in tps], dtype=np.int64),
        tp_emp=np.array([emp_index.get(r[3], -1) if r[3] else -1 for r in tps], dtype=np.int64),
        tp_household=col(4),
        tp_income_salary=col(5),
        tp_income_business=col(6),
        tp_income_pension=col(7),
        tp_income_real_estate=col(8),
        tp_fixed_asset=col(9),
        tp_light_vehicle=col(10),
        tp_welfare=col(11),
        tp_name=[r[12] for r in tps],
        tp_name_kana=[r[13] for r in tps],
        tp_address=[r[14] for r in tps],
    )
    return fields, tp_index


def _cases_and_history(session: Session, tp_index: dict[str, int]) -> dict[str, Any]:
    """Cases by case number, their investigations and their notes."""
    cases = session.exec(
        select(Case.case_id, Case.taxpayer_id, Case.status, Case.amount_due).order_by(Case.case_id)
    ).all()
    case_index = {r[0]: i for i, r in enumerate(cases)}

    columns: list[Any] = [
        Investigation.case_id,
        Investigation.date,
        Investigation.target_kind,
        Investigation.target_id,
        Investigation.result,
        Investigation.id,
    ]
    active = sa_select(*columns).where(col(Investigation.state) == ACTIVE)  # corrected and undone rows do not count
    invs = list(session.connection().execute(active).all())
    notes = _rows(session, Note.case_id, Note.date, Note.text)
    return dict(
        case_ids=[r[0] for r in cases],
        case_tp=np.array([tp_index[r[1]] for r in cases], dtype=np.int64),
        case_status=[r[2] or "open" for r in cases],
        case_amount=np.array([_f(r[3]) for r in cases], dtype=float),
        inv_case=np.array([case_index[r[0]] for r in invs], dtype=np.int64),
        inv_date=np.array([r[1].toordinal() for r in invs], dtype=np.int64),
        inv_kind=[r[2] for r in invs],
        inv_target_id=[r[3] or "" for r in invs],
        inv_found=np.array([r[4] == "found" for r in invs], dtype=bool),
        inv_row=np.array([r[5] for r in invs], dtype=np.int64),
        note_case=np.array([case_index[r[0]] for r in notes], dtype=np.int64),
        note_date=np.array([r[1].toordinal() for r in notes], dtype=np.int64),
        note_text=[r[2] for r in notes],
        case_index=case_index,
    )


def data_version(*, session: Session) -> tuple[int, ...]:
    """A cheap fingerprint of what the loader reads (one round trip): changes when rows are
    added or removed, a result is corrected or undone, or a case changes status."""
    (row,) = _rows(
        session,
        select(func.count()).select_from(Investigation).scalar_subquery(),
        select(func.max(Investigation.id)).scalar_subquery(),
        select(func.count()).select_from(Investigation).where(col(Investigation.state) == ACTIVE).scalar_subquery(),
        select(func.count()).select_from(Note).scalar_subquery(),
        select(func.max(Note.id)).scalar_subquery(),
        select(func.count()).select_from(Case).where(col(Case.status) == "open").scalar_subquery(),
        select(func.count()).select_from(Case).scalar_subquery(),
        select(func.count()).select_from(Taxpayer).scalar_subquery(),
        select(func.count()).select_from(Institution).scalar_subquery(),
        select(func.count()).select_from(Employer).scalar_subquery(),
    )
    return tuple(int(v or 0) for v in row)


def results_version(*, session: Session, case_id: str) -> tuple[int, int]:
    """(how many, the newest row id) of the active investigations of the case's taxpayer (all
    their cases): changes when a result of theirs is recorded, corrected or undone. One indexed
    query, where :func:`data_version` counts whole tables."""
    taxpayer = select(Case.taxpayer_id).where(col(Case.case_id) == case_id).scalar_subquery()
    their_cases = select(Case.case_id).where(col(Case.taxpayer_id) == taxpayer)
    active = col(Investigation.state) == ACTIVE  # counted, not searched: the case index finds the rows
    count, newest = session.exec(
        select(func.count().filter(active), func.max(Investigation.id).filter(active)).where(
            col(Investigation.case_id).in_(their_cases)
        )
    ).one()
    return int(count or 0), int(newest or 0)


def open_case_ids(*, session: Session) -> list[str]:
    rows = session.exec(select(Case.case_id).where(col(Case.status) == "open").order_by(col(Case.case_id)))
    return [str(c) for c in rows]


def add_investigation_result(
    *,
    session: Session,
    case_id: str,
    target_kind: str,
    target_id: str | None,
    result: str,
    staff_id: str | None,
    surface: str,
    amount: int | None = None,
    on: dt.date | None = None,
) -> Investigation:
    """Write one result recorded by a staff member; it becomes training data on the next train.

    The same fact already stored (same case, day, target, result, amount and staff member) is
    not written again: the stored row is returned."""
    if session.get(Case, case_id) is None:
        raise NotFound(what="case", ident=case_id)
    if target_kind not in TARGET_KINDS:
        raise InvalidInput("recommend.bad_target_kind", kind=target_kind)
    if result not in INVESTIGATION_RESULTS:
        raise InvalidInput("recommend.bad_result", result=result)
    if surface not in SURFACES:
        raise InvalidInput("recommend.bad_surface", surface=surface)
    if staff_id is not None and session.get(Staff, staff_id) is None:
        raise NotFound(what="staff", ident=staff_id)
    target_id = (target_id or "").strip() or None
    if target_kind in INSTITUTION_TARGETS:
        inst = session.get(Institution, target_id) if target_id else None
        if inst is None:
            raise NotFound(what="institution", ident=target_id or "")
        if inst.kind not in INSTITUTION_TARGETS[target_kind]:
            raise InvalidInput("recommend.bad_target", target_id=target_id, target_kind=target_kind)
    elif target_kind == "salary":
        if not target_id or session.get(Employer, target_id) is None:
            raise NotFound(what="employer", ident=target_id or "")
    else:
        target_id = None
    now = utcnow()
    day = on or now.date()
    # The contract's content hash (surface and time left out): the same fact recorded twice on
    # the same day (a double click), or imported after being recorded, is one row.
    digest = investigation_row_hash(
        case_id=case_id, date=day, target_kind=target_kind, target_id=target_id,
        result=result, amount=amount, staff_id=staff_id,
    )
    existing = session.exec(select(Investigation).where(col(Investigation.row_hash) == digest)).first()
    if existing is not None:
        return existing  # a retired row's hash was set aside (``retire_investigation``)
    row = Investigation(
        case_id=case_id,
        date=day,
        target_kind=target_kind,
        target_id=target_id,
        result=result,
        amount=amount,
        staff_id=staff_id,
        source=surface,
        recorded_by=staff_id,
        recorded_at=now,
        row_hash=digest,
    )
    session.add(row)
    session.flush()
    return row


def latest_result(
    *, session: Session, case_id: str, target_kind: str, target_id: str | None
) -> Investigation | None:
    """The newest active result of one target of a case (imported or recorded), or None."""
    stmt = select(Investigation).where(
        col(Investigation.case_id) == case_id,
        col(Investigation.target_kind) == target_kind,
        col(Investigation.state) == ACTIVE,
    )
    stmt = stmt.where(col(Investigation.target_id).is_(None) if target_id is None else col(Investigation.target_id) == target_id)
    return session.exec(stmt.order_by(col(Investigation.date).desc(), col(Investigation.id).desc())).first()


def retire_investigation(
    *, session: Session, row: Investigation, state: str, by: str | None, superseded_by: int | None = None
) -> None:
    """Mark a result "superseded" (by a correction) or "undone" (取り消し); the row stays for
    the audit. Its content hash is set aside so that the same fact can be recorded again."""
    if state not in ("superseded", "undone"):
        raise InvalidInput(detail=state)
    row.state = state
    row.superseded_by = superseded_by
    row.changed_by = by
    row.changed_at = utcnow()
    row.row_hash = f"{row.row_hash}:{state}:{row.id}"
    session.add(row)
    session.flush()


def restore_superseded(*, session: Session, by_id: int, by: str | None) -> list[Investigation]:
    """Undoing a correction brings back the rows it had replaced (active again)."""
    rows = list(session.exec(select(Investigation).where(col(Investigation.superseded_by) == by_id)).all())
    for row in rows:
        digest = row.row_hash.split(":", 1)[0]
        if session.exec(select(Investigation.id).where(col(Investigation.row_hash) == digest)).first() is not None:
            continue  # the same fact was recorded again since: that row stands
        row.row_hash = digest
        row.state = ACTIVE
        row.superseded_by = None
        row.changed_by = by
        row.changed_at = utcnow()
        session.add(row)
    session.flush()
    return [r for r in rows if r.state == ACTIVE]
