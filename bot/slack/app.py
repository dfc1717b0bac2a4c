"""The Slack app (slack-bolt): DMs, app mentions (answered in the thread), ``/choshu``
(ephemeral) and button presses, all translated to IncomingMessage and sent to the dispatcher.

Every listener is split in two (bolt's lazy listeners): the acknowledgement, which needs no
store connection and runs on the request's own thread, and the work, which runs afterwards on
bolt's executor (``CHOSHU_CHAT_WORKERS`` threads). So Slack's 3 s limit holds however busy the
chat is. Case data only goes to DMs or ephemeral messages.
"""

from __future__ import annotations

import hashlib
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.chat.dispatch import Dispatches
from bot.chat.incoming import IncomingMessage
from bot.slack.blocks import ACTION_PREFIX, mark_chosen, read_button, render_blocks
from store.settings import Settings
from tools.messages import detect_lang, t
from tools.reply import Reply

log = logging.getLogger(__name__)
SURFACE = "slack"
_MENTION = re.compile(r"<@[A-Z0-9]+>")


def build_slack_app(settings: Settings, dispatcher: Dispatches) -> App:
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = App(
        client=client,
        # Socket Mode needs no signing secret; HTTP mode always has one (checked by the route).
        signing_secret=settings.slack_signing_secret or "socket-mode",
        request_verification_enabled=bool(settings.slack_signing_secret),
        token_verification_enabled=False,
        # Run the ack functions before responding; the lazy functions (the work) go to the
        # executor, whose workers hold at most one store connection each (Settings.pool_size).
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=settings.choshu_chat_workers, thread_name_prefix="slack"),
    )

    base = settings.choshu_public_url  # links in answers need an absolute address

    def is_dm(channel: str | None, channel_type: str | None = None) -> bool:
        return channel_type == "im" or bool(channel and channel.startswith("D"))

    def just_ack(ack: Ack) -> None:
        ack()

    def on_message(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        if event.get("subtype") or event.get("bot_id") or not is_dm(event.get("channel"), event.get("channel_type")):
            return  # edits, bot posts, and channel chatter (channels answer only mentions)
        reply = dispatcher.dispatch(_incoming(event, body))
        if reply is not None:
            client.chat_postMessage(channel=event["channel"], text=reply.plain_text()[:3000], blocks=render_blocks(reply, base_url=base))

    def on_mention(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        reply = dispatcher.dispatch(_incoming(event, body))
        if reply is None:
            return
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event.get("ts")
        if reply.case_data and not is_dm(channel, event.get("channel_type")):
            client.chat_postEphemeral(
                channel=channel, user=event["user"], text=reply.plain_text()[:3000], blocks=render_blocks(reply, base_url=base)
            )
            lang = detect_lang(event.get("text", ""))
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=t("chat.private_notice", lang))
            return
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=reply.plain_text()[:3000], blocks=render_blocks(reply, base_url=base))

    def on_command(command: dict[str, Any], respond: Respond) -> None:
        msg = IncomingMessage(
            surface=SURFACE,
            user_ref=command.get("user_id", ""),
            text=command.get("text", ""),
            event_id=f"cmd:{command.get('trigger_id')}" if command.get("trigger_id") else None,
        )
        reply = dispatcher.dispatch(msg)
        if reply is not None:
            _respond(respond, reply, ephemeral=True, base_url=base)

    def on_button(body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient) -> None:
        pressed = read_button(action.get("value", ""))
        user = (body.get("user") or {}).get("id", "")
        if pressed is None:
            return
        container = body.get("container") or {}
        where = container.get("message_ts") or body.get("message", {}).get("ts") or body.get("trigger_id")
        key = hashlib.sha256(f"{where}|{action.get('action_id')}|{action.get('value')}|{user}".encode()).hexdigest()[:32]
        channel_id = str((body.get("channel") or {}).get("id") or container.get("channel_id") or "")
        message = body.get("message") or {}
        thread_ts = container.get("thread_ts") or message.get("thread_ts")
        thread = f"{channel_id}:{thread_ts}" if thread_ts else channel_id
        reply = dispatcher.dispatch(
            IncomingMessage(surface=SURFACE, user_ref=user, action=pressed, event_id=f"btn:{key}", thread=thread)
        )
        if reply is None:
            return
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        ephemeral = not (channel and channel.startswith("D"))
        _show_chosen(body, action, respond, client, channel)
        if body.get("response_url"):
            _respond(respond, reply, ephemeral=ephemeral, base_url=base)
        elif channel:
            client.chat_postMessage(channel=channel, text=reply.plain_text()[:3000], blocks=render_blocks(reply, base_url=base))

    app.event("message")(ack=just_ack, lazy=[on_message])
    app.event("app_mention")(ack=just_ack, lazy=[on_mention])
    app.command("/choshu")(ack=just_ack, lazy=[on_command])
    app.action(re.compile(f"^{ACTION_PREFIX}"))(ack=just_ack, lazy=[on_button])

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("slack listener failed: %s", type(error).__name__)

    return app


def _incoming(event: dict[str, Any], body: dict[str, Any]) -> IncomingMessage:
    text = _MENTION.sub("", event.get("text", "")).strip()
    return IncomingMessage(
        surface=SURFACE,
        user_ref=event.get("user", ""),
        text=text,
        event_id=body.get("event_id") or f"ts:{event.get('channel')}:{event.get('ts')}",
        thread=_thread(event),
        extra={"channel": event.get("channel")},
    )


def _thread(event: dict[str, Any]) -> str:
    """The conversation a message belongs to: a DM (or a thread in it), or a channel thread
    (a mention starts one at its own ts)."""
    channel = str(event.get("channel") or "")
    if event.get("thread_ts"):
        return f"{channel}:{event['thread_ts']}"
    if channel.startswith("D") or event.get("channel_type") == "im":
        return channel
    return f"{channel}:{event.get('ts') or ''}"


def _show_chosen(body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient, channel: str | None) -> None:
    """Mark the pressed button as chosen in the message that carried it (its row becomes
    「✔ label」). An ephemeral message's blocks do not come with the press: it stays as it was."""
    message = body.get("message") or {}
    marked = mark_chosen(message.get("blocks") or [], str(action.get("action_id", "")))
    if marked is None:
        return
    text = str(message.get("text") or " ")[:3000]
    if body.get("response_url"):
        respond(text=text, blocks=marked, replace_original=True)
    elif channel and message.get("ts"):
        client.chat_update(channel=channel, ts=message["ts"], text=text, blocks=marked)


def _respond(respond: Respond, reply: Reply, *, ephemeral: bool, base_url: str) -> None:
    respond(
        text=reply.plain_text()[:3000],
        blocks=render_blocks(reply, base_url=base_url),
        response_type="ephemeral" if ephemeral else "in_channel",
        replace_original=False,
    )
