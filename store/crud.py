"""Foundation queries: cases, taxpayers, staff, notes, a case's investigations and the names of
their targets, the audit log and assignment history.

Every function is keyword-only, takes the caller's ``session`` and raises ``store.errors`` types
with a message key (never user text). Writes ``flush`` but never commit: the caller owns the
transaction (``store.db.session_scope``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, func
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, col, select

from store import audit_chain
from store.errors import Conflict, InvalidInput, NotFound
from store.models import (
    SURFACES,
    AuditLog,
    Case,
    CaseAssignment,
    Employer,
    Institution,
    Investigation,
    Note,
    Staff,
    StaffIdentity,
    Taxpayer,
    utcnow,
)
from store.staff_names import Reading, resolve_staff

# --- cases and taxpayers -------------------------------------------------------------------


def get_case(*, session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("store.case_not_found", case_id=case_id)
    return case


def get_taxpayer(*, session: Session, taxpayer_id: str) -> Taxpayer:
    taxpayer = session.get(Taxpayer, taxpayer_id)
    if taxpayer is None:
        raise NotFound("store.taxpayer_not_found", taxpayer_id=taxpayer_id)
    return taxpayer


def cases_with_keys(*, session: Session, keys: set[str]) -> list[Case]:
    """The cases whose number without leading zeros is one of ``keys`` (``store.ids.near_keys``:
    the candidates of a 「もしかして」)."""
    if not keys:
        return []
    return list(session.exec(select(Case).where(func.ltrim(Case.case_id, "0").in_(sorted(keys)))).all())



def example_case_id(*, session: Session, staff_id: str) -> str | None:
    """One case this staff member holds (the lowest open one), to show them a real case number in
    examples; None when they hold none."""
    stmt = select(Case.case_id).where(Case.staff_id == staff_id).order_by(col(Case.status) != "open", col(Case.case_id))
    return session.exec(stmt.limit(1)).first()


def count_cases(*, session: Session, status: str | None = None) -> int:
    stmt = select(func.count()).select_from(Case)
    if status is not None:
        stmt = stmt.where(Case.status == status)
    return int(session.exec(stmt).one())


def list_notes(*, session: Session, case_id: str, limit: int | None = None) -> list[Note]:
    """経過記録 of a case, newest first."""
    stmt = (
        select(Note)
        .where(Note.case_id == case_id)
        .order_by(col(Note.date).desc(), col(Note.id).desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def list_investigations(*, session: Session, case_id: str, limit: int | None = None) -> list[Investigation]:
    """財産調査履歴 of a case, newest first, imported and recorded by staff alike (raises
    NotFound for an unknown case)."""
    get_case(session=session, case_id=case_id)
    stmt = (
        select(Investigation)
        .where(Investigation.case_id == case_id)
        .order_by(col(Investigation.date).desc(), col(Investigation.id).desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


# --- investigation targets ---------------------------------------------------------------


def target_name(*, session: Session, target_kind: str, target_id: str | None) -> str | None:
    """The name of the institution or employer an investigation target names (None when the
    kind names neither, or the id is unknown)."""
    if not target_id:
        return None
    row: Employer | Institution | None
    if target_kind == "salary":
        row = session.get(Employer, target_id)
    else:
        row = session.get(Institution, target_id)
    return row.name if row is not None else None


def list_institutions(*, session: Session) -> list[Institution]:
    return list(session.exec(select(Institution).order_by(col(Institution.institution_id))).all())


def list_employers(*, session: Session) -> list[Employer]:
    return list(session.exec(select(Employer).order_by(col(Employer.employer_id))).all())


# --- staff ---------------------------------------------------------------------------------


def get_staff(*, session: Session, staff_id: str) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("store.staff_not_found", staff=staff_id)
    return staff


def list_staff(*, session: Session, team: str | None = None) -> list[Staff]:
    stmt = select(Staff)
    if team is not None:
        stmt = stmt.where(Staff.team == team)
    return list(session.exec(stmt.order_by(col(Staff.staff_id))).all())


def find_staff_by_name_or_id(*, session: Session, query: str, reading: Reading | None = None) -> list[Staff]:
    """Every staff member the words could mean, best first, so the chat can ask which one
    (``store.staff_names.resolve_staff`` over the staff table: the router's rule too; with
    ``reading``, names written in romaji too)."""
    return resolve_staff(query, list_staff(session=session), reading=reading)


# --- chat-surface identities ----------------------------------------------------------------


def find_staff_by_identity(*, session: Session, surface: str, user_id: str) -> Staff | None:
    """The staff member whose user id on ``surface`` (``slack``, ``teams``, …) is ``user_id``."""
    if not user_id:
        return None
    return session.exec(
        select(Staff)
        .join(StaffIdentity, col(StaffIdentity.staff_id) == col(Staff.staff_id))
        .where(StaffIdentity.surface == surface, StaffIdentity.user_id == user_id)
    ).first()


def list_identities(
    *, session: Session, staff_id: str | None = None, surface: str | None = None
) -> list[StaffIdentity]:
    """Identity rows, of one staff member and/or one surface, by staff member then surface."""
    query = select(StaffIdentity)
    if staff_id is not None:
        query = query.where(StaffIdentity.staff_id == staff_id)
    if surface is not None:
        query = query.where(StaffIdentity.surface == surface)
    return list(session.exec(query.order_by(col(StaffIdentity.staff_id), col(StaffIdentity.surface))).all())


def identities_of(*, session: Session, staff_id: str) -> dict[str, str]:
    """``{surface: user_id}`` of one staff member."""
    return {i.surface: i.user_id for i in list_identities(session=session, staff_id=staff_id)}


def set_identity(*, session: Session, staff_id: str, surface: str, user_id: str | None) -> None:
    """Make ``user_id`` the staff member's id on ``surface`` (``None`` or empty: remove it).
    Raises :class:`Conflict` when another staff member holds that id."""
    if session.get(Staff, staff_id) is None:
        raise NotFound("store.staff_not_found", staff=staff_id)
    if user_id:
        holder = session.get(StaffIdentity, (surface, user_id))
        if holder is not None and holder.staff_id != staff_id:
            raise Conflict("import.duplicate_user_id", value=user_id, other=holder.staff_id)
        if holder is not None:
            return
    for old in list_identities(session=session, staff_id=staff_id, surface=surface):
        session.delete(old)
    session.flush()
    if user_id:
        session.add(StaffIdentity(surface=surface, user_id=user_id, staff_id=staff_id))
        session.flush()


# --- assignment history ------------------------------------------------------------------


def _check_surface(surface: str) -> None:
    if surface not in SURFACES:
        raise InvalidInput("store.bad_surface", surface=surface, allowed=" / ".join(SURFACES))


def set_case_staff(
    *,
    session: Session,
    case_id: str,
    staff_id: str | None,
    changed_by: str | None,
    surface: str,
    reason: str | None = None,
) -> CaseAssignment | None:
    """Give a case to ``staff_id`` (None = unassigned) and record who changed it, when and
    where. Returns the history row, or None when the case already had that assignee."""
    _check_surface(surface)
    case = get_case(session=session, case_id=case_id)
    if staff_id is not None:
        get_staff(session=session, staff_id=staff_id)
    if case.staff_id == staff_id:
        return None
    row = CaseAssignment(
        case_id=case_id,
        staff_id=staff_id,
        previous_staff_id=case.staff_id,
        changed_at=utcnow(),
        changed_by=changed_by,
        surface=surface,
        reason=reason,
    )
    case.staff_id = staff_id
    session.add(case)
    session.add(row)
    session.flush()
    return row


def case_history(*, session: Session, case_id: str) -> list[CaseAssignment]:
    """Who held the case when, oldest first (raises NotFound for an unknown case)."""
    get_case(session=session, case_id=case_id)
    stmt = (
        select(CaseAssignment)
        .where(CaseAssignment.case_id == case_id)
        .order_by(col(CaseAssignment.changed_at), col(CaseAssignment.id))
    )
    return list(session.exec(stmt).all())


# --- audit log -------------------------------------------------------------------------------


def write_audit(
    *,
    session: Session,
    staff_id: str | None,
    surface: str,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
    user_ref: str | None = None,
    origin: str | None = None,
    os_user: str | None = None,
) -> None:
    """One audit row: who (``staff_id``, or ``user_ref`` for an unknown platform user, and the
    OS account for the CLI), which action on which case, through which surface, from where,
    and whether it was allowed. It is inserted and joins the tamper-evident chain when the
    session commits (or, if the session rolls back, in a transaction of its own)."""
    _check_surface(surface)
    values: dict[str, Any] = {
        "at": utcnow(), "staff_id": staff_id, "user_ref": user_ref, "surface": surface, "action": action,
        "case_id": case_id, "allowed": allowed, "detail": detail, "origin": origin, "os_user": os_user,
    }
    # Held until the commit, not inserted now: on SQLite an INSERT takes the store's one write
    # lock until the commit, and a chat turn reads the case (and writes this row) long before it
    # ends (a targets turn held the lock for 37 of its 57 ms, every other turn's writes waiting).
    if not session.in_transaction():  # so that a rollback, even of no statement, is seen
        session.begin()
    session.info.setdefault(_PENDING_AUDIT, []).append(values)


# Audit rows are accountable even when the work they record fails: a rollback of the caller's
# transaction (a refused reassignment, a missing model, any error after the case was read)
# writes the rows it would have dropped in a transaction of their own. A savepoint rolled back
# drops the rows written inside it (the work they record did not happen as part of this one).
_PENDING_AUDIT = "choshu_pending_audit"
_SAVEPOINT_MARKS = "choshu_audit_savepoints"


def _engine_of(session: OrmSession) -> Any:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


@event.listens_for(OrmSession, "before_commit")
def _audit_sealed(session: OrmSession) -> None:
    """Insert the transaction's audit rows and chain them just before it commits (holding the
    store's write lock, and the chain's, for as short a time as possible)."""
    rows: list[dict[str, Any]] | None = session.info.pop(_PENDING_AUDIT, None)
    session.info.pop(_SAVEPOINT_MARKS, None)
    if not rows:
        return
    session.flush()  # what the session holds goes first
    audit_chain.append(session.connection(), rows, audit_chain.key_for(_engine_of(session)))


@event.listens_for(OrmSession, "after_transaction_create")
def _audit_savepoint_begun(session: OrmSession, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks = session.info.setdefault(_SAVEPOINT_MARKS, {})
        marks[id(transaction)] = len(session.info.get(_PENDING_AUDIT, ()))


@event.listens_for(OrmSession, "after_soft_rollback")
def _audit_survives_rollback(session: OrmSession, previous: SessionTransaction) -> None:
    if previous.nested:  # a savepoint: its rows go with it
        mark = session.info.get(_SAVEPOINT_MARKS, {}).pop(id(previous), None)
        pending: list[dict[str, Any]] = session.info.get(_PENDING_AUDIT) or []
        if mark is not None:
            del pending[mark:]
        return
    if previous.parent is not None:
        return  # only the outermost transaction's rollback writes the rows
    session.info.pop(_SAVEPOINT_MARKS, None)
    rows: list[dict[str, Any]] | None = session.info.pop(_PENDING_AUDIT, None)
    if not rows:
        return
    engine = _engine_of(session)
    with engine.begin() as conn:
        audit_chain.append(conn, rows, audit_chain.key_for(engine))


def list_audit(
    *,
    session: Session,
    staff_id: str | None = None,
    case_id: str | None = None,
    action: str | None = None,
    surface: str | None = None,
    allowed: bool | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[AuditLog]:
    """Audit rows, newest first, filtered by any of the arguments (``until`` is exclusive)."""
    stmt = select(AuditLog)
    if staff_id is not None:
        stmt = stmt.where(AuditLog.staff_id == staff_id)
    if case_id is not None:
        stmt = stmt.where(AuditLog.case_id == case_id)
    if action is not None:
        stmt = stmt.where(AuditLog.action == action)
    if surface is not None:
        stmt = stmt.where(AuditLog.surface == surface)
    if allowed is not None:
        stmt = stmt.where(AuditLog.allowed == allowed)
    if since is not None:
        stmt = stmt.where(col(AuditLog.at) >= since)
    if until is not None:
        stmt = stmt.where(col(AuditLog.at) < until)
    stmt = stmt.order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc()).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


# --- whole store ---------------------------------------------------------------------------


def row_counts(*, session: Session) -> dict[str, int]:
    """Rows per table of the store (for ``choshu doctor`` and the dashboard)."""
    from sqlmodel import SQLModel

    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        counts[table.name] = int(session.exec(select(func.count()).select_from(table)).one())
    return counts
