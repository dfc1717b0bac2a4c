"""Conversations beyond the per-surface scenarios of tests/bot/test_scenarios.py: the focus
replaced by a new case number, a part that cannot be done, typed 「やめる」, an old button after
the case moved in the same conversation, history retention, and the state kept in the store
(any replica, expiring)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session
from typer.testing import CliRunner

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.cli import app as cli_app
from bot.web.app import create_app
from retrieval.corpus import BUNDLED_DIR
from store.models import Case, ConversationState
from tests.bot.test_webchat import login, say
from tests.tools import office
from tools.reply import Reply


def holder(engine: Engine, case_id: str) -> str | None:
    with Session(engine) as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.staff_id


def dispatcher(engine: Engine, tmp_path: Path, **overrides: object) -> Dispatcher:
    return Dispatcher(engine=engine, settings=office.settings_for(engine, tmp_path, **overrides))


def tell(d: Dispatcher, text: str, *, staff: str = office.SUPERVISOR, thread: str = "") -> Reply:
    reply = d.dispatch(IncomingMessage(surface="web", user_ref=staff, staff_id=staff, text=text, thread=thread))
    assert reply is not None
    return reply


# --- the web chat (JSON API) -------------------------------------------------------------


def test_web_a_follow_up_without_a_case_number_uses_the_case_in_focus_and_says_so(web: TestClient) -> None:
    csrf = login(web, office.STAFF_A)
    say(web, csrf, "10001の概要")
    reply = say(web, csrf, "担当は誰？")["reply"]
    assert reply["text"].startswith("（案件10001について）") and "佐藤 花子" in json.dumps(reply, ensure_ascii=False)
    say(web, csrf, "00042の概要")  # a new case number replaces the focus
    reply = say(web, csrf, "この案件の概要をもう一度")["reply"]
    assert reply["text"].startswith("（案件00042について）")


def test_web_a_part_that_cannot_be_done_is_named_with_the_reason(web: TestClient) -> None:
    csrf = login(web, office.SUPERVISOR)
    reply = say(web, csrf, "10001の概要を見せて。それと差押禁止額を計算して")["reply"]
    text = json.dumps(reply, ensure_ascii=False)
    assert "250,000円" in text and "【2】「差押禁止額を計算して」は実行していません" in text


def test_web_typed_hai_confirms_the_reassignment_and_without_one_says_so(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.SUPERVISOR)
    reply = say(web, csrf, "はい")["reply"]
    assert "何を確定するか" in reply["text"] and not reply["buttons"]
    say(web, csrf, "10001を鈴木さんに担当替え")
    reply = say(web, csrf, "はい")["reply"]
    assert "替えました" in reply["text"] and holder(office_engine, "10001") == office.STAFF_A2
    reply = say(web, csrf, "はい")["reply"]  # confirmed once: nothing is pending any more
    assert "何を確定するか" in reply["text"]


def test_web_typed_cancel_drops_the_pending_confirmation(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.SUPERVISOR)
    say(web, csrf, "10001を鈴木さんに担当替え")
    assert "取り消しました" in say(web, csrf, "やめる")["reply"]["text"]
    assert "何を確定するか" in say(web, csrf, "お願いします")["reply"]["text"]
    assert holder(office_engine, "10001") == office.STAFF_A


def test_web_an_old_confirm_button_is_refused_after_the_case_moved(web: TestClient, office_engine: Engine) -> None:
    csrf = login(web, office.SUPERVISOR)
    old = say(web, csrf, "10001を鈴木さんに担当替え")["reply"]
    old_button = next(b for b in old["buttons"] if b["payload"].get("confirmed"))
    say(web, csrf, "10001を高橋さんに担当替え")
    say(web, csrf, "確定")
    assert holder(office_engine, "10001") == office.STAFF_B
    reply = say(web, csrf, action={"action": old_button["action"], "payload": old_button["payload"]})["reply"]
    assert "実行していません" in reply["text"] and "高橋 次郎" in reply["text"]
    assert holder(office_engine, "10001") == office.STAFF_B
    fresh = next(b for b in reply["buttons"] if b["payload"].get("confirmed"))
    assert fresh["payload"]["args"]["expect_from"] == office.STAFF_B
    say(web, csrf, action={"action": fresh["action"], "payload": fresh["payload"]})
    assert holder(office_engine, "10001") == office.STAFF_A2


def test_web_history_is_not_kept_when_retention_is_zero(office_engine: Engine, tmp_path: Path) -> None:
    app = create_app(settings=office.settings_for(office_engine, tmp_path, choshu_chat_history_days=0))
    with TestClient(app) as client:
        csrf = login(client, office.STAFF_A)
        say(client, csrf, "10001の概要")
        assert "250,000円" not in client.get("/").text
    app.state.engine.dispose()


# --- the dispatch: typed confirmations bound to the state shown, state in the store ---------


def test_a_typed_confirmation_is_refused_when_the_case_moved_meanwhile(office_engine: Engine, tmp_path: Path) -> None:
    d = dispatcher(office_engine, tmp_path)
    tell(d, "10001を鈴木さんに担当替え", thread="slack-thread")
    tell(d, "10001を高橋さんに担当替え", thread="other")  # another conversation moves it first
    tell(d, "確定", thread="other")
    reply = tell(d, "はい", thread="slack-thread")
    assert "実行していません" in reply.text and "高橋 次郎" in reply.text
    assert holder(office_engine, "10001") == office.STAFF_B
    assert any(b.payload.get("confirmed") for b in reply.buttons)  # a fresh confirmation
    tell(d, "確定", thread="slack-thread")
    assert holder(office_engine, "10001") == office.STAFF_A2


def test_another_replica_continues_the_conversation(office_engine: Engine, tmp_path: Path) -> None:
    tell(dispatcher(office_engine, tmp_path), "10001の概要")
    reply = tell(dispatcher(office_engine, tmp_path), "じゃあ担当は？")
    assert "（案件10001について）" in reply.text


def test_the_conversation_is_forgotten_after_the_idle_time(office_engine: Engine, tmp_path: Path) -> None:
    d = dispatcher(office_engine, tmp_path, choshu_conversation_idle_minutes=30)
    tell(d, "10001を鈴木さんに担当替え")
    with Session(office_engine) as s:
        row = s.get(ConversationState, ("web", office.SUPERVISOR, ""))
        assert row is not None and row.case_id == "10001" and row.pending is not None
        row.updated_at = row.updated_at - dt.timedelta(minutes=31)
        s.add(row)
        s.commit()
    assert "何を確定するか" in tell(d, "はい").text
    assert holder(office_engine, "10001") == office.STAFF_A


def test_greetings_and_thanks_get_one_line_not_the_help(office_engine: Engine, tmp_path: Path) -> None:
    d = dispatcher(office_engine, tmp_path)
    help_text = tell(d, "ヘルプ").plain_text()
    for text in ("おはようございます", "ありがとう", "お疲れ様です", "thanks", "hello"):
        reply = tell(d, text)
        assert reply.text.count("\n") == 0 and not reply.sections and len(reply.text) < len(help_text) / 2


def test_more_continues_a_search_and_says_when_there_is_nothing_to_continue(office_engine: Engine, tmp_path: Path) -> None:
    # The manual alone as the corpus: indexing every statute would cost minutes for nothing here.
    (tmp_path / "corpus").mkdir()
    shutil.copy(BUNDLED_DIR / "manual.md", tmp_path / "corpus" / "manual.md")
    d = dispatcher(office_engine, tmp_path, choshu_corpus_dir=tmp_path / "corpus", choshu_corpus_bundled=False)
    assert "続きを出せる回答がありません" in tell(d, "もっと見せて").text
    first = tell(d, "分納誓約の手続きは？")
    more = tell(d, "もっと見せて")
    assert more.sections and first.sections
    assert more.sections[0].text.split("\n")[0] not in {s.text.split("\n")[0] for s in first.sections}
    assert more.sections[0].text.startswith(f"{len(first.sections) + 1}.")
    tell(d, "10001の概要")
    assert "これ以上の結果はありません" in tell(d, "もっと見せて").text  # a summary is shown whole


# --- the terminal --------------------------------------------------------------------------


def test_terminal_follow_up_typed_hai_and_a_greeting(office_engine: Engine) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["--db", str(office_engine.url), "chat", "--as", office.SUPERVISOR],
        input="おはようございます\n10001の概要\nこの案件を鈴木さんに\nはい\nexit\n",
    )
    assert result.exit_code == 0, result.output
    assert "お疲れ様です" in result.output and "（案件10001について）" in result.output
    assert "替えました" in result.output and holder(office_engine, "10001") == office.STAFF_A2


def test_a_targets_question_without_a_trained_model_still_puts_its_case_in_focus(
    office_engine: Engine, tmp_path: Path
) -> None:
    """The case was found and opened (authorised, audited) before the model turned out to be
    missing: the next question may refer to it. A case that was not found or may not be seen
    never enters the focus."""
    d = dispatcher(office_engine, tmp_path)  # no model under this CHOSHU_HOME
    first = tell(d, "10001の財産調査先は？", staff=office.STAFF_A)
    assert not first.ok and "推薦モデルがまだ使えません" in first.text
    reply = tell(d, "担当は誰？", staff=office.STAFF_A)
    assert reply.text.startswith("（案件10001について）") and "250,000円" in reply.sections[0].text
    refused = tell(d, "10003の財産調査先は？", staff=office.STAFF_A)  # another team's case
    assert not refused.ok
    again = tell(d, "担当は誰？", staff=office.STAFF_A)
    assert again.text.startswith("（案件10001について）")
