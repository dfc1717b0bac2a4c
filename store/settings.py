"""The one settings object. Nothing else in the project reads ``os.environ``.

Every field is listed with a comment in ``.env.example``; a test fails when one is missing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "changethis", "change-me", "changeme", "secret"}


class Settings(BaseSettings):
    """Read once from the environment and ``.env``; field names are the variable names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- core -----------------------------------------------------------------
    choshu_env: Literal["development", "production"] = "development"
    # Empty: an SQLite file in CHOSHU_HOME (so another CHOSHU_HOME is another office).
    database_url: str = ""
    choshu_home: Path = Path("./var")
    choshu_secret_key: str = "changethis"
    choshu_log_level: str = "INFO"
    # Extra corpus directory (e-Gov XML, manual Markdown, FAQ CSV) on top of the bundled one.
    choshu_corpus_dir: Path | None = None
    # Search the statutes and notices bundled with the project (off: only CHOSHU_CORPUS_DIR and
    # statutes added with `choshu corpus add`).
    choshu_corpus_bundled: bool = True
    # A Chroma server for the search vectors, e.g. http://chroma.internal:8000 (several server
    # replicas share it). Empty: an embedded Chroma under CHOSHU_HOME/index.
    choshu_chroma_url: str = ""

    # --- web server -----------------------------------------------------------
    choshu_host: str = "127.0.0.1"
    choshu_port: int = 8000
    # Demo login: pick any staff member of the store on the login page (development only).
    choshu_demo_login: bool = True
    # Chat requests per staff member per minute before the assistant asks them to slow down.
    choshu_rate_limit_per_minute: int = Field(default=30, ge=1)

    # --- assignment -----------------------------------------------------------
    # Hours a move must save before a case leaves its current assignee.
    choshu_continuity_hours: float = Field(default=2.0, ge=0)
    choshu_default_development_weight: float = Field(default=0.0, ge=0, le=1)

    # --- the officer's day --------------------------------------------------
    # Days before 時効 completes when a case is flagged (case page, dashboard, worklist, digest).
    choshu_prescription_alert_days: int = Field(default=180, ge=0, le=3650)

    # --- Slack ----------------------------------------------------------------
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"

    # --- Microsoft Teams --------------------------------------------------------
    teams_app_id: str | None = None
    teams_app_password: str | None = None
    teams_tenant_id: str | None = None
    # Bot Connector service for proactive messages (the weekly digest).
    teams_service_url: str = "https://smba.trafficmanager.net/teams/"

    # --- optional LLM (any OpenAI-compatible endpoint) --------------------------
    choshu_llm_enabled: bool = False
    choshu_llm_base_url: str | None = None
    choshu_llm_api_key: str | None = None
    choshu_llm_model: str = "gpt-4o-mini"
    choshu_llm_allow_case_data: bool = False

    @field_validator("choshu_chroma_url")
    @classmethod
    def _chroma_url_is_http(cls, value: str) -> str:
        value = value.strip()
        if value and not re.match(r"^https?://[^/:]+(:\d+)?/?$", value):
            raise ValueError("CHOSHU_CHROMA_URL must look like http://host:port (or be empty)")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _store_in_home_by_default(self) -> Settings:
        if not self.database_url.strip():
            self.database_url = f"sqlite:///{(self.choshu_home / 'choshu.db').as_posix()}"
        return self

    @model_validator(mode="after")
    def _reject_placeholders_outside_development(self) -> Settings:
        if self.choshu_env != "development":
            if self.choshu_secret_key.strip().lower() in PLACEHOLDER_SECRETS:
                raise ValueError(
                    "CHOSHU_SECRET_KEY is a placeholder; set a long random value in production"
                )
            if self.choshu_demo_login:
                raise ValueError("CHOSHU_DEMO_LOGIN must be false outside development")
        return self

    @property
    def models_dir(self) -> Path:
        return self.choshu_home / "models"

    @property
    def index_dir(self) -> Path:
        return self.choshu_home / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
