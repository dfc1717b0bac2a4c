"""The store look-ups of the chat tools that answer None instead of raising NotFound, and the
staff look-ups by name or platform user (all through ``store.crud``)."""

from __future__ import annotations

from sqlmodel import Session

from store import crud
from store.errors import NotFound
from store.ids import near_keys
from store.models import Case, Note, Staff, Taxpayer


def get_case(*, session: Session, case_id: str) -> Case | None:
    try:
        return crud.get_case(session=session, case_id=case_id)
    except NotFound:
        return None


def cases_near(*, session: Session, case_id: str) -> list[Case]:
    """The cases one slip from ``case_id`` as written (leading zeros, a digit off, missing or
    extra, two swapped): the candidates of a 「もしかして」, before authorisation."""
    return crud.cases_with_keys(session=session, keys=near_keys(case_id))


def get_staff(*, session: Session, staff_id: str) -> Staff | None:
    try:
        return crud.get_staff(session=session, staff_id=staff_id)
    except NotFound:
        return None


def get_taxpayer(*, session: Session, taxpayer_id: str) -> Taxpayer | None:
    try:
        return crud.get_taxpayer(session=session, taxpayer_id=taxpayer_id)
    except NotFound:
        return None


def list_staff(*, session: Session) -> list[Staff]:
    return crud.list_staff(session=session)


def find_staff(*, session: Session, written: str) -> list[Staff]:
    """Every staff member a name or ID as written could mean (several → ask which)."""
    from retrieval.readings import name_reading  # SudachiPy: only for a name in romaji

    return crud.find_staff_by_name_or_id(session=session, query=written, reading=name_reading)


def staff_by_platform_user(*, session: Session, surface: str, user_id: str) -> Staff | None:
    """The staff member mapped to a user id of a chat surface (Slack, Teams, …)."""
    return crud.find_staff_by_identity(session=session, surface=surface, user_id=user_id)


def latest_notes(*, session: Session, case_id: str, limit: int = 3) -> list[Note]:
    return crud.list_notes(session=session, case_id=case_id, limit=limit)
