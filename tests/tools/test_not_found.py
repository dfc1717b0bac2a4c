"""Something not found is said wholly in the reader's language (never 「案件 not found」)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from store.errors import NotFound
from store.investigation_queries import add_investigation_result
from tests.tools import office
from tools.messages import error_text

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def _ask(engine: Engine, home: Path, text: str) -> str:
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, home))
    msg = IncomingMessage(surface="web", user_ref=office.STAFF_A, staff_id=office.STAFF_A, text=text)
    reply = d.dispatch(msg)
    assert reply is not None and not reply.ok
    return reply.text


def test_an_english_user_asking_about_a_missing_case_reads_english_only(
    office_engine: Engine, tmp_path: Path
) -> None:
    text = _ask(office_engine, tmp_path, "summary of case 99999")
    assert "case not found: 99999" in text
    assert not JAPANESE.search(text), text


def test_a_japanese_user_asking_about_a_missing_case_reads_japanese_only(
    office_engine: Engine, tmp_path: Path
) -> None:
    text = _ask(office_engine, tmp_path, "99999の概要")
    assert "案件が見つかりません: 99999" in text
    assert not LATIN.search(text), text


@pytest.mark.parametrize(
    ("args", "en", "ja"),
    [
        ({"case_id": "99999"}, "case not found: 99999", "案件が見つかりません: 99999"),
        ({"staff_id": "Z99"}, "staff member not found: Z99", "職員が見つかりません: Z99"),
        ({"target_id": "X1"}, "financial institution not found: X1", "金融機関が見つかりません: X1"),
    ],
)
def test_the_store_says_what_is_missing_in_either_language(
    office_engine: Engine, args: dict[str, str], en: str, ja: str
) -> None:
    record = {"case_id": "10001", "target_kind": "deposit", "target_id": None, "staff_id": None, **args}
    with Session(office_engine) as session, pytest.raises(NotFound) as err:
        add_investigation_result(session=session, result="found", surface="web", **record)
    assert error_text(err.value, "en") == en
    assert error_text(err.value, "ja") == ja
