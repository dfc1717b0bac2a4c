"""`choshu doctor`: what is configured, what is missing, what to do next.

``diagnose`` gathers facts (settings, the store, files under CHOSHU_HOME) into plain
:class:`Check` rows carrying message keys; the CLI renders them in Japanese.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from store.db import safe_url
from store.settings import PLACEHOLDER_SECRETS, Settings

Status = Literal["ok", "missing", "error", "info"]

# The rows counted for the store check, in the order shown.
COUNTED = ("staff", "taxpayer", "case", "note", "investigation", "worklog", "auditlog")
MODEL_FILE = "recommender.joblib"  # investigation.model.MODEL_FILE; duplicated to stay importable
CARD_FILE = "recommender_card.json"  # investigation.model.CARD_FILE


@dataclass
class Check:
    key: str  # message key of the check's name: doctor.check.<name>
    status: Status
    detail_key: str  # message key of the finding
    params: dict[str, Any] = field(default_factory=dict)
    next_key: str | None = None  # message key of what to do next, if anything


@dataclass
class Diagnosis:
    checks: list[Check]

    @property
    def store_usable(self) -> bool:
        return all(
            c.status != "error"
            for c in self.checks
            if c.key in ("doctor.check.db", "doctor.check.schema")
        )

    @property
    def safe(self) -> bool:
        """No security problem and an intact audit chain."""
        return all(
            c.status != "error"
            for c in self.checks
            if c.key in ("doctor.check.security", "doctor.check.audit")
        )

    @property
    def next_steps(self) -> list[str]:
        return list(dict.fromkeys(c.next_key for c in self.checks if c.next_key))


def diagnose(*, settings: Settings, engine: Engine, url: str) -> Diagnosis:
    checks: list[Check] = [
        Check(
            "doctor.check.env",
            "info",
            "doctor.env",
            {"env": settings.choshu_env, "home": str(settings.choshu_home)},
        )
    ]
    checks += _store_checks(engine, url)
    checks.append(_model_check(settings.models_dir, engine))
    checks.append(_index_check(settings.index_dir))
    if settings.choshu_chroma_url:
        checks.append(_chroma_check(settings.choshu_chroma_url))
    checks += _surface_checks(settings)
    checks += _security_checks(settings)
    if all(c.status != "error" for c in checks if c.key in ("doctor.check.db", "doctor.check.schema")):
        checks.append(_audit_check(engine))
    return Diagnosis(checks)


def _security_checks(settings: Settings) -> list[Check]:
    """The production start-up refusals (``store.security``), one row each; the login."""
    from store.security import MIN_SECRET_LENGTH, demo_login_allowed, is_weak, startup_problems

    checks = [
        Check("doctor.check.security", "error", p.key, dict(p.params), "doctor.next.security")
        for p in startup_problems(settings)
    ]
    if not settings.is_production:
        for setting, value in (
            ("CHOSHU_SECRET_KEY", settings.choshu_secret_key),
            ("CHOSHU_AUDIT_KEY", settings.choshu_audit_key),
        ):
            if value.strip() and is_weak(value) and value.strip().lower() not in PLACEHOLDER_SECRETS:
                checks.append(
                    Check(
                        "doctor.check.security",
                        "info",
                        "security.secret_weak_dev",
                        {"setting": setting, "length": MIN_SECRET_LENGTH},
                    )
                )
    if not checks:
        checks.append(Check("doctor.check.security", "ok", "doctor.security_ok", {"env": settings.choshu_env}))
    if settings.oidc_enabled:
        checks.append(
            Check(
                "doctor.check.login",
                "ok",
                "doctor.login_oidc",
                {
                    "issuer": settings.choshu_oidc_issuer,
                    "claim": settings.choshu_oidc_staff_claim,
                    "column": settings.choshu_oidc_staff_column,
                },
            )
        )
    elif demo_login_allowed(settings, host=settings.choshu_host):
        checks.append(Check("doctor.check.login", "info", "doctor.login_demo"))
    else:
        checks.append(Check("doctor.check.login", "missing", "doctor.login_none", {}, "doctor.next.login"))
    return checks


def _audit_check(engine: Engine) -> Check:
    """``choshu audit verify``: the audit chain is intact."""
    from store import audit_chain
    from store.errors import ChoshuError

    try:
        verdict = audit_chain.verify(engine)
    except ChoshuError as err:  # no usable audit key (production without CHOSHU_AUDIT_KEY)
        return Check("doctor.check.audit", "error", "doctor.audit_unchecked", {"reason": err.key}, "doctor.next.security")
    if verdict.ok:
        return Check("doctor.check.audit", "ok", "doctor.audit_ok", {"rows": verdict.rows, "legacy": verdict.legacy})
    return Check(
        "doctor.check.audit",
        "error",
        verdict.reason or "security.audit.broken_hash",
        {"id": verdict.broken_id},
        "doctor.next.audit",
    )


def _store_checks(engine: Engine, url: str) -> list[Check]:
    from store.migrate import current_revision, head_revision

    shown = safe_url(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # any driver error: report it, never crash the doctor
        reason = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
        return [
            Check(
                "doctor.check.db",
                "error",
                "doctor.db_unreachable",
                {"url": shown, "error": reason},
                "doctor.next.db",
            )
        ]
    checks = [Check("doctor.check.db", "ok", "doctor.db_ok", {"url": shown})]
    current, head = current_revision(engine), head_revision()
    if current is None:
        checks.append(
            Check(
                "doctor.check.schema",
                "error",
                "doctor.schema_none",
                {"head": head},
                "doctor.next.upgrade",
            )
        )
        return checks
    if current != head:
        checks.append(
            Check(
                "doctor.check.schema",
                "error",
                "doctor.schema_old",
                {"current": current, "head": head},
                "doctor.next.upgrade",
            )
        )
        return checks
    checks.append(Check("doctor.check.schema", "ok", "doctor.schema_ok", {"current": current}))
    from store.crud import count_cases, row_counts

    with Session(engine) as session:
        counts = row_counts(session=session)
    if counts.get("case", 0) == 0:
        checks.append(
            Check("doctor.check.data", "missing", "doctor.data_empty", {}, "doctor.next.import")
        )
    else:
        with Session(engine) as session:
            open_cases = count_cases(session=session, status="open")
        params = {name: counts.get(name, 0) for name in COUNTED}
        checks.append(
            Check("doctor.check.data", "ok", "doctor.data_ok", {**params, "open": open_cases})
        )
        checks.append(_work_log_check(engine))
    return checks


def _work_log_check(engine: Engine) -> Check:
    """Work-log rows in a year before their case opened: left out of the hours model."""
    from store.matching_queries import work_log_before_opening

    with Session(engine) as session:
        count, example = work_log_before_opening(session=session)
    if count:
        return Check(
            "doctor.check.work_log", "info", "assign.out_of_period", {"count": count, "example": example},
            "doctor.next.work_log",
        )
    return Check("doctor.check.work_log", "ok", "doctor.work_log_ok", {})


def _model_check(models_dir: Path, engine: Engine | None = None) -> Check:
    path = models_dir / MODEL_FILE
    if path.is_file():
        newer = _results_since_training(models_dir / CARD_FILE, engine)
        if newer:
            # Results staff recorded after the model was trained teach it nothing until the
            # next `choshu train` (run it nightly).
            return Check(
                "doctor.check.model", "ok", "doctor.model_stale",
                {"path": str(path), "results": newer}, "doctor.next.retrain",
            )
        return Check("doctor.check.model", "ok", "doctor.model_ok", {"path": str(path)})
    return Check(
        "doctor.check.model",
        "missing",
        "doctor.model_missing",
        {"path": str(path)},
        "doctor.next.train",
    )


def _results_since_training(card: Path, engine: Engine | None) -> int:
    """Inquiry results recorded by staff after the model's training time (0 when unknown)."""
    import datetime as dt
    import json

    def aware(value: object) -> dt.datetime:  # SQLite gives text, PostgreSQL a datetime
        at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return at if at.tzinfo else at.replace(tzinfo=dt.UTC)

    if engine is None or not card.is_file():
        return 0
    try:
        trained = aware(json.loads(card.read_text(encoding="utf-8"))["trained_at"])
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT recorded_at FROM investigation WHERE recorded_at IS NOT NULL")).all()
        return sum(1 for (at,) in rows if aware(at) > trained)
    except (OSError, ValueError, KeyError, TypeError, SQLAlchemyError):
        return 0


def _index_check(index_dir: Path) -> Check:
    if index_dir.is_dir() and any(index_dir.iterdir()):
        return Check("doctor.check.index", "ok", "doctor.index_ok", {"path": str(index_dir)})
    return Check(
        "doctor.check.index",
        "missing",
        "doctor.index_missing",
        {"path": str(index_dir)},
        "doctor.next.index",
    )


def _chroma_check(url: str) -> Check:
    """The Chroma server of CHOSHU_CHROMA_URL answers its heartbeat (plain HTTP: the store
    does not import chromadb)."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=3) as response:
            response.read()
    except (OSError, ValueError) as err:
        reason = str(getattr(err, "reason", "") or err or type(err).__name__)[:200]
        return Check(
            "doctor.check.chroma",
            "error",
            "doctor.chroma_unreachable",
            {"url": url, "reason": reason},
            "doctor.next.chroma",
        )
    return Check("doctor.check.chroma", "ok", "doctor.chroma_ok", {"url": url})


def _surface_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    if settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token):
        mode = "Socket Mode" if settings.slack_app_token else "HTTP (/slack/events)"
        checks.append(Check("doctor.check.slack", "ok", "doctor.slack_ok", {"mode": mode}))
    elif settings.slack_bot_token or settings.slack_signing_secret or settings.slack_app_token:
        checks.append(
            Check("doctor.check.slack", "error", "doctor.slack_partial", {}, "doctor.next.slack")
        )
    else:
        checks.append(Check("doctor.check.slack", "info", "doctor.slack_off"))
    teams = (settings.teams_app_id, settings.teams_app_password)
    if all(teams):
        checks.append(
            Check("doctor.check.teams", "ok", "doctor.teams_ok", {"app_id": settings.teams_app_id})
        )
    elif any(teams) or settings.teams_tenant_id:
        checks.append(
            Check("doctor.check.teams", "error", "doctor.teams_partial", {}, "doctor.next.teams")
        )
    else:
        checks.append(Check("doctor.check.teams", "info", "doctor.teams_off"))
    if not settings.choshu_llm_enabled:
        checks.append(Check("doctor.check.llm", "info", "doctor.llm_off"))
    elif settings.choshu_llm_base_url:
        detail = (
            "doctor.llm_ok_case_data" if settings.choshu_llm_allow_case_data else "doctor.llm_ok"
        )
        params = {"model": settings.choshu_llm_model, "url": settings.choshu_llm_base_url}
        checks.append(Check("doctor.check.llm", "ok", detail, params))
    else:
        checks.append(
            Check("doctor.check.llm", "error", "doctor.llm_partial", {}, "doctor.next.llm")
        )
    return checks
