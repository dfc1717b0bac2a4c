"""What `choshu doctor` finds, as plain checks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from bot.cli.doctor import diagnose
from store.db import make_engine
from store.importer import import_directory
from store.settings import Settings
from tests.store.office import write_office


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(_env_file=None, choshu_home=tmp_path / "home", **kw)  # type: ignore[call-arg]


def _status(diagnosis, key: str) -> str:  # type: ignore[no-untyped-def]
    return next(c.status for c in diagnosis.checks if c.key == f"doctor.check.{key}")


def test_unmigrated_store_asks_for_db_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    d = diagnose(settings=_settings(tmp_path), engine=make_engine(url), url=url)
    assert _status(d, "schema") == "error" and not d.store_usable
    assert d.next_steps[0] == "doctor.next.upgrade"


def test_unreachable_database_is_reported_not_raised(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    d = diagnose(
        settings=_settings(tmp_path),
        engine=make_engine(url, connect_args={"connect_timeout": 1}),
        url=url,
    )
    assert _status(d, "db") == "error" and d.next_steps[0] == "doctor.next.db"


def test_empty_store_suggests_import_then_train_and_index(engine: Engine, tmp_path: Path) -> None:
    d = diagnose(settings=_settings(tmp_path), engine=engine, url=str(engine.url))
    assert d.store_usable
    assert d.next_steps == ["doctor.next.import", "doctor.next.train", "doctor.next.index"]


def test_ready_store_with_model_and_index_needs_nothing(engine: Engine, tmp_path: Path) -> None:
    import_directory(engine=engine, directory=write_office(tmp_path / "o"))
    settings = _settings(tmp_path)
    settings.models_dir.mkdir(parents=True)
    (settings.models_dir / "recommender.joblib").write_bytes(b"x")
    settings.index_dir.mkdir(parents=True)
    (settings.index_dir / "meta.json").write_text("{}")
    d = diagnose(settings=settings, engine=engine, url=str(engine.url))
    data = next(c for c in d.checks if c.key == "doctor.check.data")
    assert data.params["case"] == 2 and data.params["open"] == 2
    assert d.next_steps == []


def test_results_recorded_after_training_ask_for_a_retrain(engine: Engine, tmp_path: Path) -> None:
    import datetime as dt
    import json

    from sqlmodel import Session

    from store.investigation_queries import add_investigation_result

    import_directory(engine=engine, directory=write_office(tmp_path / "o"))
    settings = _settings(tmp_path)
    settings.models_dir.mkdir(parents=True)
    (settings.models_dir / "recommender.joblib").write_bytes(b"x")
    trained = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    (settings.models_dir / "recommender_card.json").write_text(json.dumps({"trained_at": trained.isoformat()}))
    settings.index_dir.mkdir(parents=True)
    (settings.index_dir / "meta.json").write_text("{}")
    assert diagnose(settings=settings, engine=engine, url=str(engine.url)).next_steps == []

    with Session(engine) as s:  # a staff member records a result after the training
        add_investigation_result(session=s, case_id="00123", target_kind="pension", target_id=None,
                                 result="found", staff_id="S02", surface="web")
        s.commit()
    d = diagnose(settings=settings, engine=engine, url=str(engine.url))
    model = next(c for c in d.checks if c.key == "doctor.check.model")
    assert model.detail_key == "doctor.model_stale" and model.params["results"] == 1
    assert d.next_steps == ["doctor.next.retrain"]

    # trained again afterwards: nothing waits
    (settings.models_dir / "recommender_card.json").write_text(
        json.dumps({"trained_at": (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)).isoformat()})
    )
    assert diagnose(settings=settings, engine=engine, url=str(engine.url)).next_steps == []


def test_half_configured_slack_and_llm_are_problems(engine: Engine, tmp_path: Path) -> None:
    settings = _settings(tmp_path, slack_bot_token="xoxb-1", choshu_llm_enabled=True)
    d = diagnose(settings=settings, engine=engine, url=str(engine.url))
    assert _status(d, "slack") == "error" and _status(d, "llm") == "error"
    assert "doctor.next.slack" in d.next_steps and "doctor.next.llm" in d.next_steps


def test_slack_or_teams_without_a_public_address_are_told_their_answers_carry_no_links(
    engine: Engine, tmp_path: Path
) -> None:
    chat = {"slack_bot_token": "xoxb-1", "slack_signing_secret": "s" * 32, "teams_app_id": "app", "teams_app_password": "pw"}
    d = diagnose(settings=_settings(tmp_path, **chat), engine=engine, url=str(engine.url))
    assert _status(d, "slack") == "ok" and _status(d, "teams") == "ok"  # usable, only without links
    assert "doctor.next.public_url" in d.next_steps
    d = diagnose(
        settings=_settings(tmp_path, choshu_public_url="https://choshu.example.lg.jp", **chat),
        engine=engine,
        url=str(engine.url),
    )
    assert "doctor.next.public_url" not in d.next_steps
    alone = diagnose(settings=_settings(tmp_path), engine=engine, url=str(engine.url))  # web chat only
    assert "doctor.next.public_url" not in alone.next_steps


def test_the_doctor_looks_for_the_files_training_writes() -> None:
    from investigation import checks, model

    assert (checks.MODEL_FILE, checks.CARD_FILE) == (model.MODEL_FILE, model.CARD_FILE)
