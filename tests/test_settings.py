from __future__ import annotations

import re
from pathlib import Path

from store.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    fields = {name.upper() for name in Settings.model_fields}
    assert fields - documented == set(), "settings missing from .env.example"
    assert documented - fields == set(), ".env.example lists settings that do not exist"


def _production(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "choshu_env": "production",
        "choshu_secret_key": "x" * 40,
        "choshu_audit_key": "y" * 40,
        "choshu_demo_login": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def _problems(settings: Settings) -> list[str]:
    from store.security import startup_problems

    return [p.key for p in startup_problems(settings)]


def test_production_refuses_placeholder_and_short_secrets() -> None:
    assert _problems(_production()) == []
    for weak in ("changethis", "abc", "", "x" * 31):
        problems = [p for p in startup_problems_of(_production(choshu_secret_key=weak))]
        assert problems == [("security.secret_weak", "CHOSHU_SECRET_KEY")], weak
        problems = [p for p in startup_problems_of(_production(choshu_audit_key=weak))]
        assert problems == [("security.secret_weak", "CHOSHU_AUDIT_KEY")], weak


def startup_problems_of(settings: Settings) -> list[tuple[str, object]]:
    from store.security import startup_problems

    return [(p.key, p.params.get("setting")) for p in startup_problems(settings)]


def test_production_refuses_demo_login() -> None:
    assert _problems(_production(choshu_demo_login=True)) == ["security.demo_login_production"]


def test_production_refuses_slack_without_its_signing_secret() -> None:
    assert _problems(_production(slack_bot_token="xoxb-1")) == ["security.slack_no_signing_secret"]
    assert _problems(_production(slack_bot_token="xoxb-1", slack_signing_secret="s")) == []
    assert _problems(_production(slack_bot_token="xoxb-1", slack_app_token="xapp-1")) == []


def test_development_secrets_are_random_once_per_home(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from store.security import audit_key, web_secret

    a = Settings(_env_file=None, choshu_home=tmp_path / "a", choshu_secret_key="", choshu_audit_key="")
    b = Settings(_env_file=None, choshu_home=tmp_path / "b", choshu_secret_key="changethis", choshu_audit_key="")
    assert len(web_secret(a)) >= 32 and web_secret(a) == web_secret(a)
    assert web_secret(a) != web_secret(b) and web_secret(b) != "changethis"
    assert audit_key(a) != web_secret(a).encode()
    again = Settings(_env_file=None, choshu_home=tmp_path / "a", choshu_secret_key="", choshu_audit_key="")
    assert web_secret(again) == web_secret(a) and audit_key(again) == audit_key(a)
    assert (tmp_path / "a" / "secrets.json").stat().st_mode & 0o077 == 0


def test_development_defaults_need_no_environment() -> None:
    s = Settings(_env_file=None)
    assert s.database_url.startswith("sqlite")
    assert not s.choshu_llm_allow_case_data


def test_without_database_url_the_store_lives_in_choshu_home(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # two homes are two offices: a second CHOSHU_HOME never imports into the first one's store
    a = Settings(_env_file=None, choshu_home=tmp_path / "a")
    b = Settings(_env_file=None, choshu_home=tmp_path / "b", database_url="  ")
    assert a.database_url == f"sqlite:///{(tmp_path / 'a' / 'choshu.db').as_posix()}"
    assert b.database_url.endswith("/b/choshu.db")
    assert Settings(_env_file=None, database_url="postgresql://u@h/db").database_url == "postgresql://u@h/db"
    assert Settings(_env_file=None).database_url == "sqlite:///var/choshu.db"  # make run's store


def test_the_connection_pool_is_sized_from_the_workers() -> None:
    from store.settings import Settings

    lite = Settings(_env_file=None, database_url="sqlite:////tmp/x.db", choshu_chat_workers=4)  # type: ignore[call-arg]
    pg = Settings(_env_file=None, database_url="postgresql://u@h/db", choshu_chat_workers=4)  # type: ignore[call-arg]
    own = Settings(_env_file=None, database_url="postgresql://u@h/db", choshu_workers=5, choshu_chat_workers=1)  # type: ignore[call-arg]
    assert (lite.workers, lite.pool_size) == (3, 3 + 8 + 2)
    assert (pg.workers, pg.pool_size) == (3, 3 + 8 + 2)
    assert (own.workers, own.pool_size) == (5, 5 + 2 + 2)


def test_server_processes_by_store(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Either store serves from one process per core (at most four) unless told otherwise."""
    import os

    lite = Settings(_env_file=None, database_url="sqlite:////tmp/x.db")  # type: ignore[call-arg]
    pg = Settings(_env_file=None, database_url="postgresql://u@h/db")  # type: ignore[call-arg]
    own = Settings(_env_file=None, database_url="sqlite:////tmp/x.db", choshu_processes=3)  # type: ignore[call-arg]
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert (lite.processes, pg.processes, own.processes) == (2, 2, 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    assert (lite.processes, pg.processes, own.processes) == (4, 4, 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert (lite.processes, pg.processes, own.processes) == (1, 1, 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert Settings(_env_file=None, database_url="sqlite://").processes == 1  # type: ignore[call-arg]
    # Turn processes would each get an empty store of their own.
    assert Settings(_env_file=None, database_url="sqlite://", choshu_processes=2).processes == 1  # type: ignore[call-arg]
