"""OpenID Connect login (authorization code flow with PKCE) through Authlib's Starlette client.

Any standards-compliant provider works; Microsoft Entra ID is the usual one (README,
Security). The provider's discovery document names its endpoints and keys; Authlib keeps
``state``, ``nonce`` and the PKCE verifier in the (signed) pre-login cookie and checks the ID
token's signature, issuer, audience, expiry and nonce. The claim ``CHOSHU_OIDC_STAFF_CLAIM``
names the staff member, matched to the staff column ``CHOSHU_OIDC_STAFF_COLUMN``. Refusals
(wrong state or nonce, a bad token, an unknown user) change nothing and are audited.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

import httpx
from authlib.integrations.starlette_client import OAuth, OAuthError
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from joserfc.errors import JoseError
from sqlmodel import Session, func, select
from starlette.responses import Response

from bot.web.auth import audit_login, login_context, safe_next, start_session
from bot.web.deps import DbSession, ensure_csrf_token, get_settings_dep
from bot.web.templating import render
from store import crud
from store.models import Staff
from store.settings import Settings

log = logging.getLogger(__name__)
router = APIRouter()
CLIENT = "oidc"
NEXT_KEY = "oidc_next"


def oauth_client(request: Request, settings: Settings) -> Any:
    """The app's registered OIDC client (one per app: it caches the provider's metadata)."""
    oauth: OAuth | None = getattr(request.app.state, "oauth", None)
    if oauth is None:
        oauth = OAuth()
        oauth.register(
            name=CLIENT,
            client_id=settings.choshu_oidc_client_id,
            client_secret=settings.choshu_oidc_client_secret or None,
            server_metadata_url=settings.choshu_oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
            client_kwargs={"scope": "openid profile email", "code_challenge_method": "S256"},
        )
        request.app.state.oauth = oauth
    return oauth.create_client(CLIENT)


def staff_for_claim(*, session: Session, settings: Settings, value: str) -> Staff | None:
    """The staff member the ID token's claim names, or None."""
    value = value.strip()
    if not value:
        return None
    column = settings.choshu_oidc_staff_column
    if column.endswith("_user_id"):  # a chat surface's identity (teams_user_id: Entra's object id)
        return crud.find_staff_by_identity(session=session, surface=column.removesuffix("_user_id"), user_id=value)
    candidates = {value.lower(), value.split("@", 1)[0].lower()}
    return session.exec(select(Staff).where(func.lower(Staff.staff_id).in_(candidates))).first()


def _callback_url(request: Request, settings: Settings) -> str:
    if settings.choshu_public_url:
        return settings.choshu_public_url.rstrip("/") + "/login/oidc/callback"
    return str(request.url_for("oidc_callback"))


@router.get("/login/oidc", name="oidc_login")
async def oidc_login(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings_dep)],
    next: str = "/dashboard",
) -> Response:
    if not settings.oidc_enabled:
        return RedirectResponse("/login", status_code=303)
    client = oauth_client(request, settings)
    request.session[NEXT_KEY] = safe_next(next)
    try:
        response: Response = await client.authorize_redirect(request, _callback_url(request, settings))
    except (httpx.HTTPError, OAuthError, ValueError) as err:
        log.warning("OIDC provider unreachable or misconfigured: %s", type(err).__name__)
        return RedirectResponse("/login?message=web.login.expired", status_code=303)
    return response


@router.get("/login/oidc/callback", name="oidc_callback")
async def oidc_callback(
    request: Request,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings_dep)],
) -> Response:
    if not settings.oidc_enabled:
        return RedirectResponse("/login", status_code=303)
    client = oauth_client(request, settings)
    ensure_csrf_token(request)
    next_page = safe_next(request.session.get(NEXT_KEY))

    def refused(detail: str, status: int, error: str, user_ref: str | None = None) -> Response:
        audit_login(
            request, session, action="web.login", staff_id=None, allowed=False,
            detail=f"oidc: {detail}", user_ref=user_ref,
        )
        return render(
            request,
            "login.html",
            login_context(settings, session, next=next_page, error=error),
            status_code=status,
        )

    try:
        token = await client.authorize_access_token(request)
    except OAuthError as err:
        return refused(str(err.error or "oauth error")[:80], 400, "web.login.refused")
    except JoseError as err:
        return refused(f"id token: {err.error} {err.description or ''}"[:120], 400, "web.login.refused")
    except httpx.HTTPError as err:
        return refused(f"provider: {type(err).__name__}", 502, "web.login.refused")
    claims = token.get("userinfo")
    if not claims:
        return refused("no id token", 400, "web.login.refused")
    value = str(claims.get(settings.choshu_oidc_staff_claim) or "")
    staff = staff_for_claim(session=session, settings=settings, value=value)
    if staff is None:
        return refused("unknown user", 403, "web.login.unknown_user", user_ref=value[:128] or None)
    start_session(request, session, staff_id=staff.staff_id, method="oidc")
    return RedirectResponse(next_page, status_code=303)
