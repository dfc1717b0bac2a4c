"""A law question asked right after 「<case>の財産調査先は？」 in the same conversation is one
search of the texts: not split into a request on the case in focus and a search, not read as
a result to record, not sent to the worklist (issue 17). Every statute question of the
project's own question files, and the four that were mangled by name."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from retrieval.corpus import BUNDLED_DIR
from store.db import make_engine
from store.models import Case, ConversationState
from tests.tools import office
from tools.reply import Reply

EVAL = Path(__file__).resolve().parents[2] / "retrieval" / "eval"
QUESTION_FILES = ("law_questions_novice.jsonl", "law_questions_own.jsonl", "law_questions_own2.jsonl")
SEARCHES = ("search_law", "lookup_manual")
LAW_ARTICLES = 150  # the first articles of 国税徴収法: a corpus that indexes in seconds


def statute_questions() -> list[str]:
    questions = []
    for name in QUESTION_FILES:
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(str(json.loads(line)["q"]))
    return questions


@pytest.fixture(scope="module")
def law_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from retrieval.service import forget_searcher

    base = tmp_path_factory.mktemp("law-search")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "faq.csv").write_bytes((BUNDLED_DIR / "faq.csv").read_bytes())
    laws = (BUNDLED_DIR / "laws.jsonl").read_text(encoding="utf-8").splitlines()[:LAW_ARTICLES]
    (corpus / "laws.jsonl").write_text("\n".join(laws) + "\n", encoding="utf-8")
    yield base
    settings = office.settings_for(make_engine("sqlite://"), base / "home", choshu_corpus_dir=corpus, choshu_corpus_bundled=False)
    forget_searcher(settings=settings)


@dataclass
class Office:
    engine: Engine
    home: Path  # its models
    staff_id: str
    case_id: str


@pytest.fixture(scope="module")
def trained(demo_office, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    """A copy of the small generated office with a trained model (the targets answer), and an
    open case with its holder."""
    from investigation.service import train

    base = tmp_path_factory.mktemp("law-after-targets")
    db = base / "store.db"
    with sqlite3.connect(str(demo_office.url).split("///", 1)[1]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    engine = make_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        train(session=s, model_dir=office.settings_for(engine, base / "home").models_dir)
        case = s.exec(
            select(Case).where(Case.status == "open", Case.staff_id.is_not(None)).order_by(Case.case_id)  # type: ignore[union-attr]
        ).first()
        assert case is not None and case.staff_id is not None
        yield Office(engine, base / "home", case.staff_id, case.case_id)
    engine.dispose()


@pytest.fixture(scope="module")
def chat(trained: Office, law_home: Path) -> Dispatcher:
    settings = office.settings_for(
        trained.engine,
        trained.home,
        choshu_corpus_dir=law_home / "corpus",
        choshu_corpus_bundled=False,
        choshu_rate_limit_per_minute=1000,  # one staff member asks ~170 questions here
    )
    return Dispatcher(engine=trained.engine, settings=settings)


def tell(d: Dispatcher, who: Office, text: str, thread: str) -> Reply:
    msg = IncomingMessage(surface="web", user_ref=who.staff_id, staff_id=who.staff_id, text=text, thread=thread)
    reply = d.dispatch(msg)
    assert reply is not None
    return reply


def after_targets(d: Dispatcher, who: Office, question: str, thread: str) -> tuple[Reply, ConversationState]:
    """The question asked right after the case's targets, in the same conversation; the reply
    and what the conversation remembers of it (the tool that answered)."""
    targets = tell(d, who, f"{who.case_id}の財産調査先は？", thread)
    assert targets.ok and targets.sections  # the targets were shown: the case is in focus
    reply = tell(d, who, question, thread)
    with Session(who.engine) as s:
        state = s.get(ConversationState, ("web", who.staff_id, thread))
    assert state is not None
    return reply, state


def mangled(reply: Reply, state: ConversationState) -> str:
    """Why the reply is not one search of the texts ("" when it is)."""
    if "つのご依頼に順に対応しました" in reply.text or len([s for s in reply.sections if "【" in s.text[:3]]) > 1:
        return "split into several requests"
    if not reply.ok:
        return f"failure reply: {reply.text[:60]}"
    if state.last_tool not in SEARCHES:
        return f"answered by {state.last_tool}: {reply.text[:60]}"
    if not any(w in reply.text for w in ("の検索結果", "見つかりませんでした", "Results for", "Nothing found")):
        return f"not a search answer: {reply.text[:60]}"
    if reply.text.startswith("（案件"):
        return "read as about the case in focus"
    return ""


def test_every_statute_question_after_the_targets_is_one_search(chat: Dispatcher, trained: Office) -> None:
    questions = statute_questions()
    assert len(questions) >= 80
    wrong = {}
    for i, question in enumerate(questions):
        reply, state = after_targets(chat, trained, question, thread=f"q{i}")
        why = mangled(reply, state)
        if why:
            wrong[question] = why
    assert not wrong, "\n".join(f"{q} → {why}" for q, why in wrong.items())


@pytest.mark.parametrize(
    "question",
    [
        "滞納している人の銀行口座を調べたい。法律上の根拠は？",  # was split at 。: targets + search
        "親戚にタダ同然で財産を渡していた。もらった側から取れる？",  # was split; part 1 → worklist
        "口座のお金は全額押さえないといけない？一部だけでもいい？",  # was record_result on the case
        "国保料を払えない特別な事情がある人の保険料を減らしたり免除したりできる根拠は？",  # ditto
    ],
)
def test_a_law_question_with_a_case_in_focus_is_searched_not_split_nor_recorded(
    chat: Dispatcher, trained: Office, question: str
) -> None:
    thread = f"named-{hash(question)}"
    reply, state = after_targets(chat, trained, question, thread=thread)
    assert mangled(reply, state) == ""
    assert state.case_id == trained.case_id  # the case stays in focus for the next follow-up
    follow_up = tell(chat, trained, "じゃあ概要は？", thread)
    assert follow_up.text.startswith(f"（案件{trained.case_id}について）")


def test_follow_ups_in_the_tools_own_words_still_take_the_case_in_focus(chat: Dispatcher, trained: Office) -> None:
    tell(chat, trained, f"{trained.case_id}の概要", "f")
    about = f"（案件{trained.case_id}について）"
    assert tell(chat, trained, "担当は誰？", "f").text.startswith(about)
    assert tell(chat, trained, "どこを調べればいい？", "f").text.startswith(about)
