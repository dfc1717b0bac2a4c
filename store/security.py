"""Secrets and the production start-up checks.

In development an empty (or placeholder) ``CHOSHU_SECRET_KEY`` / ``CHOSHU_AUDIT_KEY`` is
replaced by a random value generated once per ``CHOSHU_HOME`` (``secrets.json``, mode 0600),
so no secret is ever a constant of the code. In production both must be set, long and not a
placeholder; :func:`startup_problems` lists every unsafe setting, ``choshu serve`` refuses to
start on any and ``choshu doctor`` reports them.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets as _secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.errors import ConfigurationError
from store.settings import LOOPBACK_HOSTS, MIN_SECRET_LENGTH, PLACEHOLDER_SECRETS, Settings

SECRETS_FILE = "secrets.json"


@dataclass(frozen=True)
class Problem:
    key: str  # message key (security.*)
    params: dict[str, Any] = field(default_factory=dict)


def is_weak(value: str) -> bool:
    v = value.strip()
    return v.lower() in PLACEHOLDER_SECRETS or len(v) < MIN_SECRET_LENGTH


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def demo_login_allowed(settings: Settings, *, host: str) -> bool:
    """The demo login (pick any staff member) only in development on a loopback address."""
    return (
        settings.choshu_demo_login
        and settings.choshu_env == "development"
        and is_loopback(host)
    )


def _home_secret(home: Path, name: str) -> str:
    """A random secret kept in CHOSHU_HOME/secrets.json, generated on first use."""
    path = home / SECRETS_FILE
    data: dict[str, str] = {}
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ConfigurationError("security.secrets_file_bad", path=str(path)) from None
    if not data.get(name):
        data[name] = _secrets.token_urlsafe(48)
        home.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        if path.is_file():  # another process wrote it meanwhile: keep theirs
            try:
                theirs = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                theirs = {}
            if theirs.get(name):
                tmp.unlink(missing_ok=True)
                return str(theirs[name])
        tmp.replace(path)
    return str(data[name])


def _resolve(settings: Settings, value: str, name: str, setting: str) -> str:
    if not is_weak(value):
        return value.strip()
    if settings.choshu_env == "development" and (not value.strip() or value.strip().lower() in PLACEHOLDER_SECRETS):
        return _home_secret(Path(settings.choshu_home), name)
    if settings.choshu_env == "development":
        return value.strip()  # a short but chosen value: the doctor says so
    raise ConfigurationError("security.secret_weak", setting=setting, length=MIN_SECRET_LENGTH)


def web_secret(settings: Settings) -> str:
    """The key that signs the web cookie."""
    return _resolve(settings, settings.choshu_secret_key, "secret_key", "CHOSHU_SECRET_KEY")


def audit_key(settings: Settings) -> bytes:
    """The HMAC key of the audit chain."""
    return _resolve(settings, settings.choshu_audit_key, "audit_key", "CHOSHU_AUDIT_KEY").encode()


def startup_problems(settings: Settings) -> list[Problem]:
    """What makes these settings unsafe to serve with (production only; development is
    allowed its conveniences, which are themselves limited to loopback)."""
    if settings.choshu_env != "production":
        return []
    problems: list[Problem] = []
    for setting, value in (
        ("CHOSHU_SECRET_KEY", settings.choshu_secret_key),
        ("CHOSHU_AUDIT_KEY", settings.choshu_audit_key),
    ):
        if is_weak(value):
            problems.append(Problem("security.secret_weak", {"setting": setting, "length": MIN_SECRET_LENGTH}))
    if settings.choshu_demo_login:
        problems.append(Problem("security.demo_login_production"))
    if settings.teams_dangerously_allow_unauthenticated:
        problems.append(Problem("security.teams_unauthenticated_production"))
    if settings.slack_bot_token and not settings.slack_signing_secret and not settings.slack_app_token:
        problems.append(Problem("security.slack_no_signing_secret"))
    return problems
