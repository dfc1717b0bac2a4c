"""The store look-ups the chat tools need, in one place.

Delegates to ``store.crud`` (foundation) where it has the query; until a query lands there a
minimal ORM fallback (primary-key reads and simple selects) keeps the tools usable.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from store.models import AuditLog, Case, Employer, Institution, Investigation, Note, Staff, Taxpayer


def get_case(*, session: Session, case_id: str) -> Case | None:
    return session.get(Case, case_id)


def get_staff(*, session: Session, staff_id: str) -> Staff | None:
    return session.get(Staff, staff_id)


def get_taxpayer(*, session: Session, taxpayer_id: str) -> Taxpayer | None:
    return session.get(Taxpayer, taxpayer_id)


def list_staff(*, session: Session) -> list[Staff]:
    return list(session.exec(select(Staff).order_by(col(Staff.staff_id))).all())


def staff_by_platform_user(*, session: Session, surface: str, user_id: str) -> Staff | None:
    """The staff member mapped to a Slack or Teams user id."""
    column = {"slack": Staff.slack_user_id, "teams": Staff.teams_user_id}.get(surface)
    if column is None or not user_id:
        return None
    return session.exec(select(Staff).where(column == user_id)).first()


def latest_notes(*, session: Session, case_id: str, limit: int = 3) -> list[Note]:
    stmt = (
        select(Note)
        .where(Note.case_id == case_id)
        .order_by(col(Note.date).desc(), col(Note.id).desc())
        .limit(limit)
    )
    return list(session.exec(stmt).all())


def investigation_counts(*, session: Session, case_id: str) -> tuple[int, int]:
    """(investigations, of which found) of a case."""
    rows = session.exec(
        select(Investigation.result, func.count()).where(Investigation.case_id == case_id).group_by(
            Investigation.result
        )
    ).all()
    counts = dict(rows)
    return sum(counts.values()), counts.get("found", 0)


def target_names(*, session: Session) -> tuple[list[Institution], list[Employer]]:
    return (
        list(session.exec(select(Institution)).all()),
        list(session.exec(select(Employer)).all()),
    )


def add_audit(
    *,
    session: Session,
    staff_id: str | None,
    surface: str,
    action: str,
    case_id: str | None = None,
    allowed: bool = True,
    detail: str | None = None,
    user_ref: str | None = None,
) -> AuditLog:
    row = AuditLog(
        staff_id=staff_id,
        user_ref=user_ref,
        surface=surface,
        action=action,
        case_id=case_id,
        allowed=allowed,
        detail=detail,
    )
    session.add(row)
    session.flush()
    return row


def list_audit(*, session: Session) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).order_by(col(AuditLog.id))).all())
