from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from store.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    fields = {name.upper() for name in Settings.model_fields}
    assert fields - documented == set(), "settings missing from .env.example"
    assert documented - fields == set(), ".env.example lists settings that do not exist"


def test_production_rejects_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="CHOSHU_SECRET_KEY"):
        Settings(choshu_env="production", choshu_secret_key="changethis", choshu_demo_login=False)


def test_production_rejects_demo_login() -> None:
    with pytest.raises(ValidationError, match="DEMO_LOGIN"):
        Settings(choshu_env="production", choshu_secret_key="x" * 40, choshu_demo_login=True)


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
