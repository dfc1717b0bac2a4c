"""With the LLM on (CHOSHU_LLM_ENABLED), the conversation behaves as it does offline: a
follow-up without a case number is about the case in focus, typed 「はい」「確定」「やめる」 answer
the confirmation the LLM's tool call showed, typed corrections and undo act on the result it
recorded, and a message in hiragana reaches the LLM in kanji. Through the web chat's JSON API and
Slack events against the fake Web API, with a scripted fake chat model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from sqlalchemy.engine import Engine

from bot.agent import LlmAgent
from bot.chat.dispatch import Dispatcher
from bot.web.app import create_app
from tests.bot.fake_slack import SECRET, FakeSlack
from tests.bot.test_agent import ScriptedChatModel, call
from tests.bot.test_conversation import holder
from tests.bot.test_conversation_undo import standing
from tests.bot.test_slack import event, post_json
from tests.bot.test_webchat import login, say
from tests.tools import office


def _app(
    engine: Engine, home: Path, model: ScriptedChatModel, *, allow: bool, **overrides: object
) -> TestClient:
    settings = office.settings_for(
        engine, home, choshu_llm_enabled=True, choshu_llm_allow_case_data=allow, **overrides
    )
    app = create_app(settings=settings)
    # the web app's one dispatcher, its LLM the scripted model (instead of an HTTP endpoint)
    app.state.chat_dispatcher = Dispatcher(
        engine=app.state.engine, settings=settings, agent=LlmAgent(settings, lambda: model)
    )
    return TestClient(app)


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel(script=[])


def _human(messages: list[BaseMessage]) -> str:
    return str(next(m.content for m in messages if isinstance(m, HumanMessage)))


def _system(messages: list[BaseMessage]) -> str:
    return "".join(str(m.content) for m in messages if isinstance(m, SystemMessage))


def test_web_llm_follow_up_typed_hai_and_yameru_as_offline(
    office_engine: Engine, tmp_path: Path, model: ScriptedChatModel
) -> None:
    model.script += [
        call("case_summary", {"case_id": "10001"}),
        AIMessage(content="案件10001は住民税 250,000円、担当は佐藤 花子さんです。"),
        call("reassign_case", {"case_id": "10001", "to_staff": "鈴木"}),
        AIMessage(content="佐藤 花子さんから鈴木 一郎さんへの担当替えを確認してください。"),
    ]
    with _app(office_engine, tmp_path, model, allow=True) as web:
        csrf = login(web, office.SUPERVISOR)
        first = say(web, csrf, "10001の概要")["reply"]
        assert "250,000円" in first["text"]
        assert first["links"][0]["params"] == {"case_id": "10001"}  # the tool's link kept
        # a follow-up without a case number: the LLM is told the case in focus, the reply says it
        asked = say(web, csrf, "この案件を鈴木さんに")["reply"]
        assert (
            "10001" in _system(model.seen[-1]) and _human(model.seen[-1]) == "この案件を鈴木さんに"
        )
        assert asked["text"].startswith("（案件10001について）")
        assert any(b["payload"].get("confirmed") for b in asked["buttons"])  # the 確定 button
        calls = len(model.seen)
        done = say(web, csrf, "はい")["reply"]  # typed: the pending confirmation, not the LLM
        assert "替えました" in done["text"] and holder(office_engine, "10001") == office.STAFF_A2
        nothing = say(web, csrf, "やめる")["reply"]
        assert "確認待ちのものがありません" in nothing["text"]
        assert len(model.seen) == calls  # neither went to the LLM


def test_web_llm_records_and_a_typed_correction_and_undo_act_on_it(
    office_engine: Engine, tmp_path: Path, model: ScriptedChatModel
) -> None:
    model.script += [
        call(
            "record_result",
            {"case_id": "10001", "target_kind": "deposit", "target_id": "CU001", "result": "found"},
        ),
        AIMessage(content="城南信用金庫の照会結果「あり」を記録しました。"),
    ]
    with _app(office_engine, tmp_path, model, allow=True) as web:
        csrf = login(web, office.STAFF_A)
        say(web, csrf, "10001の城南信金照会、口座ありでした")
        assert standing(office_engine) == [("found", "active")]
        fixed = say(web, csrf, "間違えました、なしです")["reply"]
        assert "「なし」に訂正しました" in fixed["text"]
        assert standing(office_engine) == [("found", "superseded"), ("not_found", "active")]
        undone = say(web, csrf, "今の取り消して")["reply"]
        assert "記録を取り消し、訂正前の記録を元に戻しました" in undone["text"]
        assert standing(office_engine) == [("found", "active"), ("not_found", "undone")]
        assert len(model.seen) == 2  # the record only: the correction and the undo stayed here


def test_web_llm_gets_a_hiragana_question_in_kanji(
    office_engine: Engine, tmp_path: Path, model: ScriptedChatModel
) -> None:
    model.script += [AIMessage(content="分納誓約の手続きは事務処理マニュアル8にあります。")]
    with _app(office_engine, tmp_path, model, allow=False) as web:
        csrf = login(web, office.STAFF_A)
        reply = say(web, csrf, "ぶんのうせいやくのてつづきは？")["reply"]
    assert "分納誓約の手続き" in _human(model.seen[-1])
    assert reply["text"].startswith("分納誓約の手続きは")


def test_web_without_case_data_a_follow_up_is_answered_here_and_the_case_never_reaches_the_llm(
    office_engine: Engine, tmp_path: Path, model: ScriptedChatModel
) -> None:
    with _app(office_engine, tmp_path, model, allow=False) as web:
        csrf = login(web, office.STAFF_A)
        say(web, csrf, "10001の概要")
        reply = say(web, csrf, "じゃあ担当は？")["reply"]
    assert reply["text"].startswith("（案件10001について）") and "佐藤 花子" in json.dumps(
        reply, ensure_ascii=False
    )
    assert model.seen == []


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


def test_slack_llm_typed_kakutei_confirms_what_the_llm_proposed(
    office_engine: Engine, tmp_path: Path, model: ScriptedChatModel, fake: FakeSlack
) -> None:
    model.script += [
        call("reassign_case", {"case_id": "10001", "to_staff": "鈴木"}),
        AIMessage(content="担当替えを確認してください。"),
    ]
    slack = {
        "slack_bot_token": "xoxb-test",
        "slack_signing_secret": SECRET,
        "slack_api_url": fake.url,
    }
    user = office.SLACK_USER[office.SUPERVISOR]
    with _app(office_engine, tmp_path, model, allow=True, **slack) as client:
        post_json(client, event("10001の担当を鈴木さんに替えて", user=user, event_id="EvL1"))
        asked = fake.wait_for("chat.postMessage", 1)[0]
        assert (
            "確認してください" in asked["text"] and holder(office_engine, "10001") == office.STAFF_A
        )
        post_json(client, event("確定", user=user, event_id="EvL2"))
        done = fake.wait_for("chat.postMessage", 2)[1]
    assert "替えました" in done["text"] and holder(office_engine, "10001") == office.STAFF_A2
    assert len(model.seen) == 2  # 「確定」 confirmed here, without the LLM
