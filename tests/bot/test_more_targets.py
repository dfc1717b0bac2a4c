"""「もっと見せて」 after the investigation targets: 「010014の調査先」 shows ranks 1–5,
「もっと」/「他には？」 the next five, and says so when there are no more — in the web chat and in
a Slack DM, on a generated office with a trained model."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.web.app import create_app
from store.db import make_engine
from store.models import Case, StaffIdentity
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack import event, post_json
from tests.bot.test_webchat import login, say
from tests.tools import office


@dataclass
class Trained:
    engine: Engine
    home: Path
    staff_id: str
    case_id: str
    slack_user: str


@pytest.fixture(scope="module")
def trained(demo_office, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Trained]:  # type: ignore[no-untyped-def]
    """A copy of the generated office with a trained model, and a case with its holder and the
    holder's Slack user id."""
    from investigation.service import train

    base = tmp_path_factory.mktemp("more-targets")
    db = base / "store.db"
    with (
        sqlite3.connect(str(demo_office.url).split("///", 1)[1]) as src,
        sqlite3.connect(db) as dst,
    ):
        src.backup(dst)
    engine = make_engine(f"sqlite:///{db}")
    settings = office.settings_for(engine, base / "home")
    with Session(engine) as s:
        train(session=s, model_dir=settings.models_dir)
        case = s.exec(
            select(Case)
            .where(Case.status == "open", Case.staff_id.is_not(None))
            .order_by(Case.case_id)  # type: ignore[union-attr]
        ).first()
        assert case is not None and case.staff_id is not None
        slack = s.exec(
            select(StaffIdentity).where(
                StaffIdentity.surface == "slack", StaffIdentity.staff_id == case.staff_id
            )
        ).one()
        yield Trained(engine, base / "home", case.staff_id, case.case_id, slack.user_id)
    engine.dispose()


def _ranks(texts: list[str]) -> list[int]:
    return [int(m.group(1)) for text in texts if (m := re.match(r"(\d+)\. ", text))]


def test_web_more_after_the_targets_shows_ranks_6_to_10_then_says_there_are_no_more(
    trained: Trained,
) -> None:
    app = create_app(settings=office.settings_for(trained.engine, trained.home))
    with TestClient(app) as web:
        csrf = login(web, trained.staff_id)
        first = say(web, csrf, f"{trained.case_id}の調査先")["reply"]
        assert _ranks([s["text"] for s in first["sections"]]) == [1, 2, 3, 4, 5]
        more = say(web, csrf, "もっと")["reply"]
        assert "6〜10位" in more["text"]
        assert _ranks([s["text"] for s in more["sections"]]) == [6, 7, 8, 9, 10]
        # each target of the continuation has its あり／なし buttons and the case page is linked
        assert all(len(s["buttons"]) == 2 for s in more["sections"])
        assert more["links"][0]["params"] == {"case_id": trained.case_id}
        shown = [6, 7, 8, 9, 10]
        for _ in range(12):  # 「他には？」 goes on until the candidates run out
            reply = say(web, csrf, "他には？")["reply"]
            ranks = _ranks([s["text"] for s in reply["sections"]])
            if not ranks:
                assert "これ以上の結果はありません" in reply["text"]
                break
            assert ranks == list(range(shown[-1] + 1, shown[-1] + 1 + len(ranks)))
            shown += ranks
        else:
            pytest.fail("「他には？」 never said there were no more")
        assert "これ以上の結果はありません" in say(web, csrf, "もっと見せて")["reply"]["text"]
    app.state.engine.dispose()


def test_slack_more_in_a_dm_continues_the_targets(trained: Trained, tmp_path: Path) -> None:
    fake = FakeSlack()
    settings = office.settings_for(trained.engine, trained.home, **fake.settings())
    app = create_app(settings=settings)
    try:
        with TestClient(app) as client:
            post_json(
                client,
                event(
                    f"{trained.case_id}の財産調査先は？", user=trained.slack_user, event_id="EvM1"
                ),
            )
            fake.wait_for("chat.postMessage", 1)
            post_json(client, event("もっと見せて", user=trained.slack_user, event_id="EvM2"))
            posted = fake.wait_for("chat.postMessage", 2)[1]
    finally:
        app.state.engine.dispose()
        fake.close()
    blocks = (
        posted["blocks"] if isinstance(posted["blocks"], list) else json.loads(posted["blocks"])
    )
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert _ranks(texts) == [6, 7, 8, 9, 10], texts
