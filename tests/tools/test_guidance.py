"""Guidance from the notes: a signal in the 経過記録 brings up the manual section the search engine
finds for it (in case_summary and on the case page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from retrieval.corpus import BUNDLED_DIR
from store.models import Note
from tests.tools import office
from tests.tools.test_permissions import actor
from tools.guidance import note_signals
from tools.registry import ToolContext, run_tool


@pytest.fixture(scope="module")
def manual_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled manual alone, indexed once."""
    from retrieval.service import forget_searcher, get_searcher
    from store.settings import Settings

    base = tmp_path_factory.mktemp("manual-search")
    (base / "corpus").mkdir()
    (base / "corpus" / "manual.md").write_bytes((BUNDLED_DIR / "manual.md").read_bytes())
    settings = Settings(_env_file=None, choshu_home=base / "home", choshu_corpus_dir=base / "corpus", choshu_corpus_bundled=False)
    get_searcher(settings=settings)
    yield base
    forget_searcher(settings=settings)


def test_signals_are_read_newest_note_first() -> None:
    assert note_signals(["勤務先に確認、退職済", "本人来庁、分納相談", "電話催告、退職したとのこと"]) == ["退職", "分納"]
    assert note_signals(["電話催告、不在"]) == []


def test_case_summary_cites_the_manual_section_for_a_pledge_note(office_engine: Engine, manual_home: Path) -> None:
    settings = office.settings_for(office_engine, manual_home / "home", choshu_corpus_dir=manual_home / "corpus", choshu_corpus_bundled=False)
    with Session(office_engine) as s:
        s.add(Note(case_id=office.CASE_A, date=dt.date(2024, 6, 1), text="本人来庁、分納相談。月1万円で分納誓約", row_hash="n-pledge"))
        s.commit()
        ctx = ToolContext(session=s, settings=settings, actor=actor(s, "own"))
        text = run_tool(ctx, "case_summary", {"case_id": office.CASE_A}).sections[0].text
    assert "参考（分納）: 滞納整理事務の手引 8 分納誓約" in text


def test_no_guidance_without_a_search_index(office_engine: Engine, tmp_path: Path) -> None:
    with Session(office_engine) as s:
        s.add(Note(case_id=office.CASE_A, date=dt.date(2024, 6, 1), text="分納誓約", row_hash="n-pledge"))
        s.commit()
        ctx = ToolContext(session=s, settings=office.settings_for(office_engine, tmp_path), actor=actor(s, "own"))
        text = run_tool(ctx, "case_summary", {"case_id": office.CASE_A}).sections[0].text
    assert "参考" not in text and "時効完成予定" in text


def test_guidance_follows_a_rating_given_after_it_was_shown(office_engine: Engine, manual_home: Path) -> None:
    """The answer is kept between summaries, but a 👎 on the cited section counts at once."""
    from store.ratings import add_rating

    settings = office.settings_for(office_engine, manual_home / "home", choshu_corpus_dir=manual_home / "corpus", choshu_corpus_bundled=False)
    with Session(office_engine) as s:
        s.add(Note(case_id=office.CASE_A, date=dt.date(2024, 6, 1), text="本人来庁、分納相談。月1万円で分納誓約", row_hash="n-pledge"))
        s.commit()
        ctx = ToolContext(session=s, settings=settings, actor=actor(s, "own"))
        first = run_tool(ctx, "case_summary", {"case_id": office.CASE_A}).sections[0].text
        assert run_tool(ctx, "case_summary", {"case_id": office.CASE_A}).sections[0].text == first
        assert "参考（分納）: 滞納整理事務の手引 8 分納誓約" in first
        for _ in range(5):
            add_rating(session=s, doc_id="manual:manual:8", query="滞納者の分納", value=-1)
        s.commit()
        again = run_tool(ctx, "case_summary", {"case_id": office.CASE_A}).sections[0].text
    assert "参考（分納）" in again and "8 分納誓約" not in again
