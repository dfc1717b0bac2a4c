"""lookup_manual / search_law in chat: cited hits with 👍/👎, and a rating stored once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from store.models import AuditLog, Rating
from tests.tools import office
from tools.reply import Reply


@pytest.fixture
def chat(office_engine: Engine, faq_home: Path) -> Dispatcher:
    settings = office.settings_for(
        office_engine, faq_home / "home", choshu_corpus_dir=faq_home / "corpus", choshu_corpus_bundled=False
    )
    return Dispatcher(engine=office_engine, settings=settings)


def test_a_procedure_question_gets_cited_faq_hits_with_rating_buttons(chat: Dispatcher, office_engine: Engine) -> None:
    reply = chat.dispatch(IncomingMessage(surface="slack", user_ref="UA010001", text="分納誓約の手続きは？"))
    assert reply is not None and reply.sections
    first = reply.sections[0]
    assert "FAQ" in first.text and [b.label for b in first.buttons] == ["👍 役に立った", "👎 違った"]
    good = first.buttons[0]
    press = IncomingMessage(surface="slack", user_ref="UA010001", action={"action": good.action, "payload": good.payload}, event_id="btn:rate-1")
    thanks = chat.dispatch(press)
    assert thanks is not None and "評価ありがとう" in thanks.text
    assert chat.dispatch(press) is None  # the same press delivered twice counts once
    with Session(office_engine) as s:
        ratings = s.exec(select(Rating)).all()
        audits = s.exec(select(AuditLog).where(AuditLog.action == "rate")).all()
    assert [(r.value, r.staff_id, r.surface) for r in ratings] == [(1, office.STAFF_A, "slack")]
    assert len(audits) == 1


def test_a_question_typed_in_hiragana_gets_the_same_hits_as_in_kanji(chat: Dispatcher) -> None:
    kana = chat.dispatch(IncomingMessage(surface="slack", user_ref="UA010001", text="ぶんのうせいやくのてつづきは？"))
    kanji = chat.dispatch(IncomingMessage(surface="slack", user_ref="UA010001", text="分納誓約の手続きは？"))
    assert kana is not None and kanji is not None and kana.sections
    assert kana.sections[0].text == kanji.sections[0].text


def test_a_damaged_search_index_gets_a_reply_that_says_so_and_what_to_do(office_engine: Engine, faq_home: Path, tmp_path: Path) -> None:
    import shutil

    from retrieval.service import forget_searcher, get_searcher

    shutil.copytree(faq_home / "corpus", tmp_path / "corpus")
    settings = office.settings_for(office_engine, tmp_path / "home", choshu_corpus_dir=tmp_path / "corpus", choshu_corpus_bundled=False)
    get_searcher(settings=settings)  # built here, then damaged as if by two writers
    forget_searcher(settings=settings)
    db = tmp_path / "home" / "index" / "chroma" / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:1000])
    chat = Dispatcher(engine=office_engine, settings=settings)
    for _ in range(2):  # the second is refused at once, in the same words
        reply = chat.dispatch(IncomingMessage(surface="slack", user_ref="UA010001", text="分納誓約の手続きは？"))
        assert reply is not None and not reply.ok
        assert "検索索引を開けません" in reply.text and "choshu index" in reply.text, reply.text
    forget_searcher(settings=settings)


@pytest.mark.parametrize(
    ("waited", "limit", "reduced", "text"),
    [
        (2.0, 500, True, "分納誓約のやり方は？"),
        (0.0, 500, False, "分納誓約の進め方は？"),
        (2.0, 0, False, "分納誓約の手順は？"),
    ],
    ids=["late-turn", "on-time-turn", "never-reduced"],
)
def test_a_turn_that_waited_past_the_limit_gets_the_reduced_search_and_is_told(
    office_engine: Engine, faq_home: Path, monkeypatch: pytest.MonkeyPatch, waited: float, limit: int, reduced: bool, text: str
) -> None:
    """On a busy server, a question whose turn has already waited longer than
    CHOSHU_SEARCH_REDUCE_AFTER_MS is searched without e5 (its model is not run) and the reply
    says so; a turn on time, or with the setting at 0, gets the full search and no note."""
    import time

    from retrieval import e5

    asked: list[str] = []

    class Counting:
        def query(self, text: str) -> list[float]:
            asked.append(text)
            return [1.0] + [0.0] * 383

    monkeypatch.setattr(e5, "_e5", Counting)
    settings = office.settings_for(
        office_engine,
        faq_home / "home",
        choshu_corpus_dir=faq_home / "corpus",
        choshu_corpus_bundled=False,
        choshu_search_reduce_after_ms=limit,
    )
    chat = Dispatcher(engine=office_engine, settings=settings)
    # each case asks a question of its own: no vector cached by another
    msg = IncomingMessage(surface="web", user_ref="A01", staff_id=office.STAFF_A, text=text, received=time.monotonic() - waited)
    reply = chat.dispatch(msg)
    assert reply is not None and reply.ok and reply.sections
    assert reply.reduced is reduced
    assert ("混み合っているため簡易な検索で探しました" in reply.text) is reduced
    assert len(asked) == (0 if reduced else 1)  # the question (normalised) once, or not at all


def test_a_late_turn_asking_a_question_encoded_before_keeps_the_full_search(
    office_engine: Engine, faq_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reduced search only spares the model's run: a question whose vector the server
    already holds gets the full search on a late turn too, with no note."""
    import time

    settings = office.settings_for(
        office_engine, faq_home / "home", choshu_corpus_dir=faq_home / "corpus", choshu_corpus_bundled=False
    )
    chat = Dispatcher(engine=office_engine, settings=settings)

    def ask(waited: float) -> Reply:
        msg = IncomingMessage(
            surface="web", user_ref="A01", staff_id=office.STAFF_A, text="分納誓約の書類は？", received=time.monotonic() - waited
        )
        reply = chat.dispatch(msg)
        assert reply is not None and reply.ok and reply.sections
        return reply

    first = ask(0.0)  # on time: encoded now
    late = ask(2.0)
    assert not first.reduced and not late.reduced
    assert "混み合っている" not in late.text
    assert [s.text for s in late.sections] == [s.text for s in first.sections]


def test_more_after_a_reduced_answer_shows_the_next_items_of_the_same_ranking(
    office_engine: Engine, faq_home: Path
) -> None:
    """「もっと見せて」 after a reduced answer goes on with the reduced ranking (even when the
    server is no longer busy): no entry shown on the first page comes again on the second."""
    import time

    settings = office.settings_for(
        office_engine, faq_home / "home", choshu_corpus_dir=faq_home / "corpus", choshu_corpus_bundled=False
    )
    chat = Dispatcher(engine=office_engine, settings=settings)

    def say(text: str, waited: float) -> Reply:
        msg = IncomingMessage(surface="web", user_ref="A01", staff_id=office.STAFF_A, text=text, received=time.monotonic() - waited)
        reply = chat.dispatch(msg)
        assert reply is not None and reply.ok and reply.sections
        return reply

    question = "滞納者が分けて払いたいと言ってきたときの進め方は？"
    first = say(question, 2.0)
    more = say("もっと見せて", 0.0)
    assert first.reduced and more.reduced
    from retrieval.service import get_searcher

    ranking = [h.doc_id for h in get_searcher(settings=settings).search(question, top=6, kinds=("manual", "faq"), reduced=True)]
    shown = [b.payload["doc_id"] for r in (first, more) for s in r.sections for b in s.buttons if b.action == "rate" and b.payload.get("value") == 1]
    assert shown == ranking
