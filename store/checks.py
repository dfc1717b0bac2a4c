"""What ``choshu doctor`` asks of the store: the database, its schema and data, the secrets and
the login settings, the audit chain. Each package provides its own checks as plain
:class:`Check` rows carrying message keys (``retrieval.checks``, ``investigation.checks``, each
chat surface, the agent); ``bot.cli.doctor`` puts them together and renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from store.db import safe_url
from store.settings import PLACEHOLDER_SECRETS, Settings

Status = Literal["ok", "missing", "error", "info"]

# The rows counted for the store check, in the order shown.
COUNTED = ("staff", "taxpayer", "case", "note", "investigation", "worklog", "auditlog")
# The checks that say whether the store can be used at all, and whether it is safe to serve.
STORE_KEYS = ("doctor.check.db", "doctor.check.schema")
SAFETY_KEYS = ("doctor.check.security", "doctor.check.audit")


@dataclass
class Check:
    key: str  # message key of the check's name: doctor.check.<name>
    status: Status
    detail_key: str  # message key of the finding
    params: dict[str, Any] = field(default_factory=dict)
    next_key: str | None = None  # message key of what to do next, if anything


def env_check(settings: Settings) -> Check:
    return Check(
        "doctor.check.env",
        "info",
        "doctor.env",
        {"env": settings.choshu_env, "home": str(settings.choshu_home)},
    )


def security_checks(settings: Settings) -> list[Check]:
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


def audit_check(engine: Engine) -> Check:
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


def store_checks(engine: Engine, url: str) -> list[Check]:
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
