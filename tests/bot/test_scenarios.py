"""Issue 17's Done-when, each scenario written once and run on every surface: the web chat's
JSON API, Slack events against the fake Web API, Teams activities against the fake connector,
and the terminal (``choshu chat`` reading a pipe). A small driver per surface sends text as a
staff member, presses a button of a reply, and reads what the user sees: the text and the
buttons.

The office is the investigation tests' tiny office (a trained model, so the ranking answers),
with people on Slack and Teams, 高橋 and 吉田 to hand cases to, and case 010014; the manual is
the bundled one, indexed once per session.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.chat.dispatch import Dispatcher
from bot.chat.incoming import IncomingMessage
from bot.cli import app as cli_app
from store.db import make_engine
from store.importer import import_directory
from store.models import Case, Staff, StaffIdentity
from store.settings import get_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack import event, post_form, post_json
from tests.bot.test_teams import activity, card_actions, invoke
from tests.bot.test_webchat import login, say
from tests.investigation.office import write_office
from tests.tools import office

OFFICER = "K1"  # 佐藤 花子: holds every case
SUPERVISOR = "K2"  # 鈴木 一郎
TAKAHASHI = "K3"  # 高橋 次郎
YOSHIDA = "K4"  # 吉田 四郎
CASE = "000103"  # its taxpayer works at 株式会社東西工業, ranked first
EMPLOYER = "株式会社東西工業"
SLACK_USER = {OFFICER: "UK1000001", SUPERVISOR: "UK2000001"}
TEAMS_USER = {OFFICER: "aad-k1", SUPERVISOR: "aad-k2"}


# --- the office --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def scenario_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manual (alone) as a corpus, indexed once: its index is copied into each test's home."""
    from retrieval.corpus import BUNDLED_DIR
    from retrieval.service import forget_searcher, get_searcher

    base = tmp_path_factory.mktemp("scenario-home")
    (base / "corpus").mkdir()
    shutil.copy(BUNDLED_DIR / "manual.md", base / "corpus" / "manual.md")
    settings = office.settings_for(make_engine("sqlite://"), base / "home", **_corpus(base))
    get_searcher(settings=settings)
    forget_searcher(settings=settings)
    return base


def _corpus(base: Path) -> dict[str, Any]:
    return {"choshu_corpus_dir": base / "corpus", "choshu_corpus_bundled": False}


@pytest.fixture(scope="session")
def office_template(
    tmp_path_factory: pytest.TempPathFactory, _migrated_sqlite_template: Path
) -> Path:
    """This module's office (replaces the chat tests' tiny one), with its model beside it."""
    from investigation import service

    base = tmp_path_factory.mktemp("scenario-office")
    path = base / "template.db"
    shutil.copyfile(_migrated_sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    import_directory(engine=engine, directory=write_office(base / "office"))
    with Session(engine) as s:
        s.add_all(
            [
                Staff(staff_id=TAKAHASHI, name="高橋 次郎", role="staff"),
                Staff(staff_id=YOSHIDA, name="吉田 四郎", role="staff"),
            ]
        )
        s.add(
            Case(
                case_id="010014",
                taxpayer_id="X4",
                tax_kind="住民税",
                amount_due=120_000,
                oldest_due=date(2023, 5, 31),
                periods=2,
                status="open",
                staff_id=OFFICER,
            )
        )
        s.add_all(
            [StaffIdentity(surface="slack", user_id=u, staff_id=k) for k, u in SLACK_USER.items()]
        )
        s.add_all(
            [StaffIdentity(surface="teams", user_id=u, staff_id=k) for k, u in TEAMS_USER.items()]
        )
        s.commit()
        service.train(session=s, model_dir=base / "models")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def _home(
    tmp_path: Path, office_template: Path, scenario_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test's CHOSHU_HOME (the surfaces' fixtures use tmp_path): the model and the index."""
    shutil.copytree(office_template.parent / "models", tmp_path / "models")
    shutil.copytree(scenario_home / "home" / "index", tmp_path / "index")
    monkeypatch.setenv("CHOSHU_CORPUS_DIR", str(scenario_home / "corpus"))
    monkeypatch.setenv("CHOSHU_CORPUS_BUNDLED", "false")


# --- what the user sees, and the drivers ---------------------------------------------------


@dataclass
class Seen:
    """A reply as its user sees it: every text, and the labels of the buttons to press."""

    text: str
    buttons: list[str]
    raw: Any = field(default=None, repr=False)  # the surface's own message, to press on


class Chat(Protocol):
    def say(self, text: str) -> Seen: ...

    def press(self, label: str, on: Seen | None = None) -> Seen: ...


class WebChat:
    def __init__(self, client: TestClient, staff: str) -> None:
        self.client, self.csrf, self.last = client, login(client, staff), Seen("", [])

    def _seen(self, reply: dict[str, Any]) -> Seen:
        buttons = [*(b for s in reply["sections"] for b in s["buttons"]), *reply["buttons"]]
        text = "\n".join([reply["text"], *(s["text"] for s in reply["sections"])])
        self.last = Seen(text, [b["label"] for b in buttons], buttons)
        return self.last

    def say(self, text: str) -> Seen:
        return self._seen(say(self.client, self.csrf, text)["reply"])

    def press(self, label: str, on: Seen | None = None) -> Seen:
        button = next(b for b in (on or self.last).raw if b["label"] == label)
        return self._seen(
            say(
                self.client,
                self.csrf,
                action={"action": button["action"], "payload": button["payload"]},
            )["reply"]
        )


class SlackChat:
    """A DM with the bot: events posted signed, answers read at the fake Web API."""

    def __init__(self, client: TestClient, fake: FakeSlack, staff: str) -> None:
        self.client, self.fake, self.user, self.n, self.last = (
            client,
            fake,
            SLACK_USER[staff],
            0,
            Seen("", []),
        )

    def _seen(self, message: dict[str, Any]) -> Seen:
        blocks = message.get("blocks") or []
        texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
        texts += [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
        buttons = [
            e["text"]["text"]
            for b in blocks
            if b["type"] == "actions"
            for e in b["elements"]
            if e.get("value")
        ]
        self.last = Seen(
            "\n".join(texts).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"),
            buttons,
            message,
        )
        return self.last

    def say(self, text: str) -> Seen:
        self.n += 1
        count = len(self.fake.of("chat.postMessage")) + 1
        assert (
            post_json(
                self.client, event(text, user=self.user, event_id=f"EvScenario{self.n}")
            ).status_code
            == 200
        )
        message = self.fake.wait_for("chat.postMessage", count)[-1]
        return self._seen({**message, "ts": f"1700000{self.n:03d}.000100"})

    def press(self, label: str, on: Seen | None = None) -> Seen:
        self.n += 1
        message = (on or self.last).raw
        block, button = next(
            (b, e)
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["text"]["text"] == label
        )
        hook = f"press{self.n}"
        payload = {
            "type": "block_actions",
            "user": {"id": self.user},
            "api_app_id": "A0001",
            "team": {"id": "T0001"},
            "channel": {"id": "D0000001"},
            "trigger_id": f"trig.{hook}",
            "message": message,
            "container": {"type": "message", "message_ts": message["ts"], "channel_id": "D0000001"},
            "response_url": self.fake.url.replace("/api/", f"/hooks/{hook}"),
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": block["block_id"],
                    "value": button["value"],
                    "action_ts": f"1700001{self.n:03d}.1",
                }
            ],
        }
        assert post_form(self.client, {"payload": json.dumps(payload)}).status_code == 200
        chosen, answer = self.fake.wait_for(hook, 2)
        assert chosen["replace_original"] and f"✔ *{label}*" in json.dumps(
            chosen["blocks"], ensure_ascii=False
        )
        return self._seen({**answer, "ts": f"1700002{self.n:03d}.000100"})


class TeamsChat:
    """A 1:1 chat with the bot: activities posted, answers read at the fake Bot Connector."""

    def __init__(self, client: TestClient, connector: FakeSlack, staff: str) -> None:
        self.client, self.connector, self.aad, self.n, self.last = (
            client,
            connector,
            TEAMS_USER[staff],
            0,
            Seen("", []),
        )

    def _seen(self, sent: dict[str, Any]) -> Seen:
        card = sent["attachments"][0]["content"]
        texts = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
        texts += [i["text"] for b in card["body"] if b["type"] == "Container" for i in b["items"]]
        self.last = Seen(
            "\n".join(texts), [a["title"] for a in card_actions(card)], (f"card{self.n}", card)
        )
        return self.last

    def _next(self, body: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        count = len(self.connector.of("activities")) + 1
        r = self.client.post("/api/messages", json=body)
        assert r.status_code == 200, r.text
        return r, self.connector.wait_for("activities", count)[-1]

    def say(self, text: str) -> Seen:
        self.n += 1
        return self._seen(
            self._next(activity(self.connector, text=text, aad=self.aad, activity_id=f"t{self.n}"))[
                1
            ]
        )

    def press(self, label: str, on: Seen | None = None) -> Seen:
        self.n += 1
        reply_to, card = (on or self.last).raw
        body = invoke(
            self.connector, card, label, aad=self.aad, activity_id=f"i{self.n}", reply_to=reply_to
        )
        r, sent = self._next(body)
        updated = r.json()["value"]  # the card pressed on, as it now looks
        assert f"✔ {label}" in json.dumps(updated, ensure_ascii=False) and label not in {
            a["title"] for a in card_actions(updated)
        }
        return self._seen(sent)


class TerminalChat:
    """``choshu chat --as`` reading its lines from a pipe; a reply is what it prints before the
    next prompt."""

    def __init__(self, engine: Engine, staff: str, home: Path) -> None:
        read, write = os.pipe()
        self.stdin = os.fdopen(write, "w", encoding="utf-8")
        self.ready = threading.Event()
        self.seen_upto = 0
        self.last = Seen("", [])
        env = {"CHOSHU_HOME": str(home)}
        get_settings.cache_clear()  # the CLI reads its settings (this home) once per process

        def run() -> None:
            with CliRunner().isolation(input=os.fdopen(read, "rb"), env=env) as (_, _, output):
                self.output = output
                self.ready.set()
                with contextlib.suppress(SystemExit):
                    cli_app(["--db", str(engine.url), "chat", "--as", staff], standalone_mode=False)

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        self.ready.wait(10)
        self._read()  # the greeting

    def _read(self, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.output.getvalue().decode("utf-8", "replace")
            if len(out) > self.seen_upto and out.endswith("> "):
                new, self.seen_upto = out[self.seen_upto : -2], len(out)
                return new.strip()
            if not self.thread.is_alive():
                raise AssertionError(f"choshu chat ended: {out[-300:]!r}")
            time.sleep(0.01)
        raise AssertionError(f"no prompt after {timeout}s: {self.output.getvalue()[-300:]!r}")

    def _line(self, line: str) -> Seen:
        self.stdin.write(line + "\n")
        self.stdin.flush()
        text = self._read()
        self.last = Seen(text, re.findall(r"\[\d+\] (\S+)", text), text)
        return self.last

    def say(self, text: str) -> Seen:
        return self._line(text)

    def press(self, label: str, on: Seen | None = None) -> Seen:
        assert on is None or on is self.last, "the terminal numbers the last reply's buttons only"
        number = re.search(rf"\[(\d+)\] {re.escape(label)}(?:\s|$)", self.last.raw)
        assert number, f"no button {label} in {self.last.raw!r}"
        return self._line(number.group(1))

    def close(self) -> None:
        self.stdin.write("exit\n")
        self.stdin.close()
        self.thread.join(10)
        get_settings.cache_clear()  # the next CLI test reads its own


SURFACES = ["web", "slack", "teams", "terminal"]


@pytest.fixture(params=SURFACES)
def chat(
    request: pytest.FixtureRequest, office_engine: Engine, tmp_path: Path
) -> Iterator[Callable[[str], Chat]]:
    """``chat(staff_id)``: a conversation of that staff member with the bot on the surface."""
    opened: list[TerminalChat] = []

    def open_chat(staff: str) -> Chat:
        if request.param == "web":
            return WebChat(request.getfixturevalue("web"), staff)
        if request.param == "slack":
            return SlackChat(
                request.getfixturevalue("slack_web"), request.getfixturevalue("fake"), staff
            )
        if request.param == "teams":
            return TeamsChat(
                request.getfixturevalue("teams_web"), request.getfixturevalue("fake"), staff
            )
        terminal = TerminalChat(office_engine, staff, tmp_path)
        opened.append(terminal)
        return terminal

    yield open_chat
    for terminal in opened:
        terminal.close()


def holder(engine: Engine, case_id: str = CASE) -> str | None:
    with Session(engine) as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.staff_id


def elsewhere(engine: Engine, home: Path, *texts: str) -> None:
    """The supervisor, in another conversation (another tab, another surface), meanwhile."""
    d = Dispatcher(engine=engine, settings=office.settings_for(engine, home))
    for text in texts:
        d.dispatch(
            IncomingMessage(
                surface="web",
                user_ref=SUPERVISOR,
                staff_id=SUPERVISOR,
                text=text,
                thread="elsewhere",
            )
        )


def proposed(seen: Seen) -> list[str]:
    """The targets of a ranking, in order."""
    return re.findall(r"^\d+\. (.+?)（", seen.text, re.M)


def known(seen: Seen) -> str:
    """The ranking's line of targets already found (left out of the ranking)."""
    return next((line for line in seen.text.splitlines() if line.startswith("判明済み")), "")


# --- the scenarios -------------------------------------------------------------------------


def test_a_follow_up_without_a_case_number_uses_the_case_in_focus_and_says_so(
    chat: Callable[[str], Chat],
) -> None:
    me = chat(OFFICER)
    assert "50,000円" in me.say(f"{CASE}の概要").text
    seen = me.say("じゃあ調査先は？")
    assert seen.text.startswith(f"（案件{CASE}について）") and proposed(seen)[0] == EMPLOYER


def test_a_two_intent_message_is_carried_out_in_order(
    chat: Callable[[str], Chat], office_engine: Engine
) -> None:
    boss = chat(SUPERVISOR)
    seen = boss.say(f"{CASE}の概要。それと担当を高橋さんに")
    first, second = seen.text.index("【1】"), seen.text.index("【2】")
    assert first < seen.text.index("50,000円") < second and "高橋 次郎" in seen.text[second:]
    assert holder(office_engine) == OFFICER  # nothing moves before the confirmation
    assert "替えました" in boss.press("確定").text
    assert holder(office_engine) == TAKAHASHI


def test_typed_kakutei_and_hai_confirm_what_was_asked(
    chat: Callable[[str], Chat], office_engine: Engine
) -> None:
    boss = chat(SUPERVISOR)
    assert "何を確定するか" in boss.say("はい").text and "替えました" not in boss.last.text
    boss.say(f"{CASE}を高橋さんに担当替え")
    assert "替えました" in boss.say("確定").text and holder(office_engine) == TAKAHASHI
    boss.say(f"{CASE}を吉田さんに担当替え")
    assert "替えました" in boss.say("はい").text and holder(office_engine) == YOSHIDA


def test_a_stale_confirmation_is_refused_with_the_new_state(
    chat: Callable[[str], Chat], office_engine: Engine, tmp_path: Path
) -> None:
    boss = chat(SUPERVISOR)
    asked = boss.say(f"{CASE}を高橋さんに担当替え")
    assert "佐藤 花子" in asked.text and "確定" in asked.buttons
    elsewhere(office_engine, tmp_path, f"{CASE}を吉田さんに担当替え", "確定")
    assert holder(office_engine) == YOSHIDA
    refused = boss.press("確定", asked)
    assert "実行していません" in refused.text and "吉田 四郎" in refused.text
    assert holder(office_engine) == YOSHIDA
    assert "替えました" in boss.press("確定").text  # the fresh confirmation, for the case as it is
    assert holder(office_engine) == TAKAHASHI


def test_a_result_corrected_and_undone_and_the_ranking_follows(chat: Callable[[str], Chat]) -> None:
    me = chat(OFFICER)
    assert proposed(me.say(f"{CASE}の調査先"))[0] == EMPLOYER
    assert "「あり」を記録しました" in me.say(f"{CASE}の東西工業、在籍ありでした").text
    ranking = me.say(f"{CASE}の調査先")
    assert EMPLOYER not in proposed(ranking) and EMPLOYER in known(ranking)  # found: left out
    assert "「なし」に訂正しました" in me.say("間違えました、なしです").text
    ranking = me.say(f"{CASE}の調査先")
    assert EMPLOYER not in proposed(ranking) and EMPLOYER not in known(
        ranking
    )  # not there: left out
    assert "取り消し" in me.say("今の取り消して").text
    ranking = me.say(f"{CASE}の調査先")
    assert EMPLOYER not in proposed(ranking) and EMPLOYER in known(ranking)  # the あり again


def test_a_case_number_without_its_zero_gets_did_you_mean(chat: Callable[[str], Chat]) -> None:
    me = chat(OFFICER)
    seen = me.say("10014の概要")
    assert "もしかして 010014" in seen.text and seen.buttons == ["010014"]
    assert "120,000円" in me.press("010014").text


def test_hiragana_bunnou_seiyaku_reaches_the_manual(chat: Callable[[str], Chat]) -> None:
    seen = chat(OFFICER).say("ぶんのうせいやくのてつづきは？")
    assert "滞納整理事務の手引 8 分納誓約" in seen.text


def test_web_the_conversation_is_shown_again_after_a_reload_only_to_its_owner(
    web: TestClient,
) -> None:
    me = WebChat(web, OFFICER)
    me.say(f"{CASE}の概要")
    page = web.get("/").text
    assert f"{CASE}の概要" in page and "50,000円" in page
    web.post("/logout", data={"csrf": me.csrf})
    web.cookies.clear()
    login(web, TAKAHASHI)
    assert "50,000円" not in web.get("/").text
