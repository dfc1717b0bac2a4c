"""The Teams app (``microsoft-teams-apps``): 1:1 chat messages and Adaptive Card buttons,
translated to IncomingMessage and sent to the dispatcher; answers as Adaptive Cards.

A button is a Universal Action (``Action.Execute``): its press is an ``adaptiveCard/action``
invoke, answered at once with the card as it now looks (the chosen button as 「✔ label」), while
the answer itself goes to the conversation as for a typed message. Older clients press the
``Action.Submit`` fallback, which comes as a message with a ``value``.

Every activity needs a valid Bot Framework token (the SDK validates the JWT against
TEAMS_APP_ID); without an app id every request is refused. Only
TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true (the local emulator; production refuses to start
with it) accepts unsigned activities. ``bot.teams.routes`` checks the serviceUrl first.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from microsoft_teams.api.activities.invoke.adaptive_card import AdaptiveCardInvokeActivity
from microsoft_teams.api.activities.message import MessageActivity, MessageActivityInput
from microsoft_teams.api.models.attachment import Attachment
from microsoft_teams.apps import ActivityContext, App
from microsoft_teams.apps.http.adapter import (
    HttpMethod,
    HttpRequest,
    HttpResponse,
    HttpRouteHandler,
)

from bot.chat.dispatch import Dispatches
from bot.chat.incoming import IncomingMessage
from bot.teams.cards import CARD_TYPE, DATA_KEY, VERB, chosen_card, read_submit, render_card
from bot.teams.policy import unauthenticated_allowed
from store.security import web_secret
from store.settings import Settings
from tools.messages import detect_lang, t
from tools.reply import Reply

log = logging.getLogger(__name__)
SURFACE = "teams"
_AT = re.compile(r"<at>.*?</at>", re.S)


class RouteAdapter:
    """The SDK's HttpServerAdapter, reduced to keeping the handler: our FastAPI route calls it."""

    def __init__(self) -> None:
        self.handler: HttpRouteHandler | None = None

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        self.handler = handler

    def serve_static(self, path: str, directory: str) -> None:
        return None

    async def start(self, port: int) -> None:
        raise NotImplementedError("the Teams endpoint is served by `choshu serve`")

    async def stop(self) -> None:
        return None

    async def handle(self, body: dict[str, Any], headers: dict[str, str]) -> HttpResponse:
        assert self.handler is not None
        return await self.handler(HttpRequest(body=body, headers=headers))


def build_teams_app(settings: Settings, dispatcher: Dispatches) -> tuple[App, RouteAdapter]:
    adapter = RouteAdapter()
    allow_unauthenticated = unauthenticated_allowed(settings)
    app = App(
        client_id=settings.teams_app_id,
        client_secret=settings.teams_app_password,
        tenant_id=settings.teams_tenant_id,
        http_server_adapter=adapter,
        dangerously_allow_unauthenticated_requests=allow_unauthenticated,
    )

    # The work after the acknowledgement: CHOSHU_CHAT_WORKERS threads, each holding at most one
    # store connection (Settings.pool_size has room for them).
    workers = ThreadPoolExecutor(
        max_workers=settings.choshu_chat_workers, thread_name_prefix="teams"
    )
    running: set[asyncio.Task[None]] = set()

    # The key that signs the state a card carries: CHOSHU_SECRET_KEY's (as the web cookie's, the
    # generated one in development), kept apart from the cookie's by a label.
    secret = hmac.new(web_secret(settings).encode(), b"teams-card", hashlib.sha256).hexdigest()

    async def answer(ctx: ActivityContext[Any], msg: IncomingMessage, personal: bool) -> None:
        try:
            reply = await asyncio.get_running_loop().run_in_executor(
                workers, dispatcher.dispatch, msg
            )
            if reply is None:
                return
            if reply.case_data and not personal:
                # Teams has no ephemeral messages: case data only in the 1:1 chat with the bot.
                await ctx.send(t("chat.teams.personal_only", detect_lang(msg.text)))
                return
            await ctx.send(_activity(reply, settings.choshu_public_url, secret))
        except Exception as err:  # the reply could not be sent; never the message (personal data)
            log.error("teams reply failed: %s", type(err).__name__)

    def start(ctx: ActivityContext[Any], msg: IncomingMessage) -> None:
        # Acknowledge at once (Teams gives 15 s); the answer is sent when it is ready.
        activity = ctx.activity
        personal = (
            str(getattr(activity.conversation, "conversation_type", "") or "personal") == "personal"
        )
        task = asyncio.create_task(answer(ctx, msg, personal))
        running.add(task)
        task.add_done_callback(running.discard)

    @app.on_message
    async def on_message(ctx: ActivityContext[MessageActivity]) -> None:
        start(ctx, _incoming(ctx.activity))

    @app.on_card_action_execute  # type: ignore[arg-type]  # the SDK accepts the response as a dict
    async def on_execute(ctx: ActivityContext[AdaptiveCardInvokeActivity]) -> dict[str, Any]:
        activity = ctx.activity
        action = activity.value.action
        data = action.data if isinstance(action.data, dict) else {}
        pressed = read_submit(data)
        if pressed is None or action.verb != VERB:
            return {"status": 400, "body": _invoke_error(400, "not a button of this app")}
        start(ctx, _pressed(activity, data, pressed))
        card = chosen_card(data, action.id, secret=secret)
        return {"status": 200, "body": {"statusCode": 200, "type": CARD_TYPE, "value": card}}

    return app, adapter


def _invoke_error(status: int, message: str) -> dict[str, Any]:
    return {
        "statusCode": status,
        "type": "application/vnd.microsoft.error",
        "value": {"code": "BadRequest", "message": message},
    }


def _user(activity: Any) -> str:
    sender = activity.from_
    return str(getattr(sender, "aad_object_id", None) or sender.id)


def _pressed(activity: Any, data: dict[str, Any], pressed: dict[str, Any]) -> IncomingMessage:
    """A pressed button (an Action.Execute's data, or an Action.Submit's value): one press per
    card, button and user (a second press of the same button acts once)."""
    user = _user(activity)
    key = json.dumps(data.get(DATA_KEY), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{activity.reply_to_id}|{key}|{user}".encode()).hexdigest()[:32]
    thread = str(getattr(activity.conversation, "id", "") or "")
    return IncomingMessage(
        surface=SURFACE, user_ref=user, action=pressed, event_id=f"btn:{digest}", thread=thread
    )


def _incoming(activity: MessageActivity) -> IncomingMessage:
    pressed = read_submit(activity.value)
    if pressed is not None and isinstance(activity.value, dict):  # an Action.Submit (older clients)
        return _pressed(activity, activity.value, pressed)
    thread = str(getattr(activity.conversation, "id", "") or "")
    text = _AT.sub("", activity.text or "").strip()
    return IncomingMessage(
        surface=SURFACE, user_ref=_user(activity), text=text, event_id=activity.id, thread=thread
    )


def _activity(reply: Reply, base_url: str, secret: str) -> MessageActivityInput:
    return MessageActivityInput(text=reply.text).add_attachments(
        Attachment(
            content_type=CARD_TYPE, content=render_card(reply, base_url=base_url, secret=secret)
        )
    )
